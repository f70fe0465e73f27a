package httpserve

import (
	"io"
	"net/http"
	"sync"
)

// bodyWriter is the ResponseWriter handlers write to. It applies the
// content coding chosen for the request (only to a 200 response: 206,
// 304 and error pages go out as they are) and counts body bytes before and
// after encoding. Without encoding it passes ReadFrom through, so a file
// still goes out with sendfile.
type bodyWriter struct {
	rw   http.ResponseWriter
	ex   *Exchange
	head bool           // HEAD request: headers only
	ae   acceptEncoding // what the client accepts

	want        Encoding // coding to apply to a 200; "" or identity: none
	forced      bool     // want comes from a forced setting
	why         string   // why want was chosen (Why…)
	enc         compressor
	encoding    Encoding // coding actually applied
	wroteHeader bool

	// inline is the largest body copied through Write instead of handed
	// to sendfile: small files cost fewer syscalls that way (one read, and
	// the body joins the head in one write) and are captured whole.
	inline int64

	body int64 // bytes handed to us
	wire int64 // bytes handed to net/http after encoding
}

func newBodyWriter(rw http.ResponseWriter, ex *Exchange, head bool, ae acceptEncoding, inline int) *bodyWriter {
	return &bodyWriter{rw: rw, ex: ex, head: head, ae: ae, inline: int64(inline), encoding: EncodingIdentity}
}

// Header implements http.ResponseWriter.
func (w *bodyWriter) Header() http.Header { return w.rw.Header() }

// Unwrap lets http.ResponseController reach net/http's writer.
func (w *bodyWriter) Unwrap() http.ResponseWriter { return w.rw }

// WriteHeader implements http.ResponseWriter, starting the encoder for a
// 200 response when a coding was chosen.
func (w *bodyWriter) WriteHeader(code int) {
	if w.wroteHeader {
		return
	}
	if code >= 100 && code < 200 {
		w.rw.WriteHeader(code) // informational: more headers follow
		return
	}
	w.wroteHeader = true
	if code != http.StatusOK && w.want != "" && w.want != EncodingIdentity {
		w.why = WhyStatus // only a full 200 response is encoded
	}
	if code == http.StatusOK && w.want != "" && w.want != EncodingIdentity {
		h := w.rw.Header()
		h.Del("Content-Length")
		h.Set("Content-Encoding", string(w.want))
		w.encoding = w.want
		if !w.head {
			w.enc = getCompressor(w.want, wireWriter{w})
		}
	}
	w.rw.WriteHeader(code)
}

// Write implements http.ResponseWriter.
func (w *bodyWriter) Write(p []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	w.body += int64(len(p))
	if w.enc != nil {
		return w.enc.Write(p)
	}
	n, err := w.rw.Write(p)
	w.wire += int64(n)
	return n, err
}

// ReadFrom copies a body from src: through the encoder, or straight to
// net/http's ReadFrom, which hands a file to the connection's ReadFrom
// (sendfile).
func (w *bodyWriter) ReadFrom(src io.Reader) (int64, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	if w.enc != nil {
		bp := copyBufPool.Get().(*[]byte)
		defer copyBufPool.Put(bp)
		n, err := io.CopyBuffer(writerOnly{w.enc}, src, *bp)
		w.body += n
		return n, err
	}
	rf, ok := w.rw.(io.ReaderFrom)
	if lr, small := src.(*io.LimitedReader); !ok || (small && lr.N <= w.inline) {
		bp := copyBufPool.Get().(*[]byte)
		defer copyBufPool.Put(bp)
		return io.CopyBuffer(writerOnly{w}, src, *bp)
	}
	n, err := rf.ReadFrom(src)
	w.body += n
	w.wire += n
	return n, err
}

// Flush sends what is buffered, encoder included.
func (w *bodyWriter) Flush() {
	if w.enc != nil {
		w.enc.Flush()
	}
	http.NewResponseController(w.rw).Flush()
}

// finish ends the encoded stream and records the counts in the exchange.
// It runs on the handler goroutine before the handler returns.
func (w *bodyWriter) finish() {
	if w.enc != nil {
		w.enc.Close()
		putCompressor(w.want, w.enc)
		w.enc = nil
	}
	w.ex.Encoding = string(w.encoding)
	w.ex.Forced = w.forced && w.encoding == w.want
	w.ex.Accepted = w.ae.accepts(w.encoding)
	w.ex.Why = w.why
	if w.ex.Why == "" {
		w.ex.Why = WhyNotCompressible // no file was served: an error page, a redirect, a form reply
	}
	w.ex.noteClient(w.ae)
	w.ex.BodyBytes = w.body
	w.ex.WireBytes = w.wire
}

// wireWriter receives the encoder's output.
type wireWriter struct{ w *bodyWriter }

func (ww wireWriter) Write(p []byte) (int, error) {
	n, err := ww.w.rw.Write(p)
	ww.w.wire += int64(n)
	return n, err
}

// writerOnly hides every method but Write, so io.Copy cannot recurse into
// a ReadFrom.
type writerOnly struct{ io.Writer }

// copyBufPool holds 32 KiB copy buffers.
var copyBufPool = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

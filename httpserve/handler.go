package httpserve

import (
	"net/http"

	"github.com/netassist/netassist/httpserve/wire"
	"strconv"
	"strings"
	"time"
)

// serveHTTP answers one request: held, hand-crafted or from the site, per
// the settings when it arrived. The record is completed when net/http has
// flushed the response (captureConn.idle or Close).
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	// Add under mu while open, so that every Add happens before the Wait
	// in Close (a handler starting after Close is not waited for: its
	// connection is closed already).
	s.mu.Lock()
	tracked := !s.closed
	if tracked {
		s.handlers.Add(1)
	}
	s.mu.Unlock()
	if tracked {
		defer s.handlers.Done()
	}
	c, _ := r.Context().Value(connKey{}).(*captureConn)
	if c == nil {
		// Not from our listener (cannot happen through Serve).
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	ex := &Exchange{ID: s.nextID.Add(1), Conn: c.id, Start: time.Now(), Reply: ReplyStatic}
	c.begin(ex)
	defer c.handlerDone(ex)
	ex.parseRequest(ex.raw)
	if ex.Method != r.Method || ex.Target != r.RequestURI {
		// The framer and net/http disagree about where this request
		// starts: keep net/http's view rather than show wrong bytes.
		ex.Method, ex.Target, ex.Proto = r.Method, r.RequestURI, r.Proto
		ex.Note = "raw bytes not matched to this request"
	}
	ae := parseAcceptEncoding(r.Header.Values("Accept-Encoding"))
	ex.AcceptEncoding = strings.Join(r.Header.Values("Accept-Encoding"), ", ")
	ex.HasAcceptEncoding = ae.present

	bw := newBodyWriter(w, ex, r.Method == http.MethodHead, ae, s.bodyPrefix)
	defer bw.finish()
	w.Header().Set("Server", "netassist")

	st := s.settings.Load()
	if st.Hold {
		s.hold(c, bw, r, ex, st)
		return
	}
	if st.ResponseBytes != nil {
		s.craft(c, bw, ex, st.ResponseBytes)
		return
	}
	s.serveSite(bw, r, ex, st)
}

// parseRequest fills the request fields from the raw head.
func (ex *Exchange) parseRequest(raw *rawRequest) {
	if raw == nil {
		return
	}
	f := raw.frame
	ex.RawHead = f.Raw
	ex.HeadTruncated = f.Truncated || !f.HeadDone
	ex.HeadLen = f.HeadLen
	ex.InOffset = f.Off
	h := raw.head()
	ex.Headers = h.Fields
	if st := h.Start; h.StartOK && st.Request {
		ex.Method, ex.Target, ex.Proto = st.Method, st.Target, st.Proto
	} else {
		ex.Method = st.Text
	}
}

// craft sends b raw as the reply. net/http's own (empty) response is
// swallowed; it is told to close the connection unless b is a response
// that keeps it usable (see craftedKeepAlive).
func (s *Server) craft(c *captureConn, w *bodyWriter, ex *Exchange, b []byte) {
	ex.Reply = ReplyCrafted
	if !craftedKeepAlive(b) {
		w.Header().Set("Connection", "close")
	}
	if err := c.writeRaw(b); err != nil {
		panic(http.ErrAbortHandler) // the connection is broken: let net/http drop it
	}
	ex.BodyBytes, ex.WireBytes = int64(len(b)), int64(len(b))
	if n := wire.HeadEnd(b); n >= 0 {
		ex.BodyBytes, ex.WireBytes = int64(len(b)-n), int64(len(b)-n)
		if ce := wire.ParseHead(b[:n]).Values("Content-Encoding"); len(ce) > 0 {
			ex.Encoding = strings.Join(ce, ", ")
		}
	}
	w.encoding = Encoding(orDefault(ex.Encoding, string(EncodingIdentity)))
	w.forced, w.why = false, WhyCrafted
	w.body, w.wire = ex.BodyBytes, ex.WireBytes
}

// craftedKeepAlive decides whether the connection stays open after a
// hand-crafted reply. The honest rule: only if the bytes are an HTTP/1.1
// response whose body length is certain (a Content-Length equal to the
// bytes that follow the head) and that does not say "Connection: close".
// Anything else (no or wrong Content-Length, chunked, not HTTP at all) is
// followed by a close, which is how the client learns where it ends.
func craftedKeepAlive(b []byte) bool {
	n := wire.HeadEnd(b)
	if n < 0 {
		return false
	}
	h := wire.ParseHead(b[:n])
	if !h.StartOK || h.Start.Request || h.Start.Proto != "HTTP/1.1" || h.Skip > 0 {
		return false
	}
	if wire.HasToken(h.Values("Connection"), "close") || len(h.Values("Transfer-Encoding")) > 0 {
		return false
	}
	cl := h.Values("Content-Length")
	if len(cl) != 1 {
		return false
	}
	length, err := strconv.ParseInt(strings.TrimSpace(cl[0]), 10, 64)
	return err == nil && length == int64(len(b)-n)
}

package export

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"io"
	"slices"
	"time"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
)

// HAROptions tune HAR.
type HAROptions struct {
	// Version is the creator's version written in the HAR ("dev" if
	// empty).
	Version string
	// Tab is the tab whose http events become entries (TabWeb if empty).
	// Only its connections' bytes are followed.
	Tab netassist.Tab
	// MaxBodyText bounds a decoded response body written as content.text
	// (16 MiB if 0); a larger body is described, not included.
	MaxBodyText int64
}

// closeGrace is how long after a connection closed its bytes are kept: a
// connection's last http record may be written just after its close.
const closeGrace = 10 * time.Second

// HAR writes a HAR 1.2 log (http://www.softwareishard.com/blog/har-12-spec/)
// with one entry per http exchange of src's web tab: the request headers
// in wire order with their case, the query string, the posted body, the
// response status line and headers as sent, the body decoded (text, or
// base64 when it is not text), sizes on the wire and decoded, and timings
// taken from when the bytes crossed the socket. Entries are written as
// exchanges finish, so memory stays bounded for a record of any size;
// Chromium DevTools sorts them by start when it imports the file
// (Network panel, "Import HAR file"). ctx stops it between events.
func HAR(ctx context.Context, w io.Writer, src Source, o HAROptions) (Stats, error) {
	if o.Version == "" {
		o.Version = "dev"
	}
	if o.Tab == "" {
		o.Tab = netassist.TabWeb
	}
	if o.MaxBodyText <= 0 {
		o.MaxBodyText = 16 << 20
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	cw := &countWriter{w: bw}
	h := &harWriter{opts: o, w: cw, conns: make(map[connKey]*harConn), held: make(map[heldKey]heldRecord)}
	st, err := h.run(ctx, src)
	if err == nil {
		err = bw.Flush()
	}
	st.Bytes = cw.n
	return st, err
}

// harConn is what the HAR builder follows of one connection.
type harConn struct {
	local, remote string
	tls           bool // HTTPS: URLs are https://
	in, out       byteStream
	closed        time.Time // zero while open
}

type heldKey struct {
	connKey
	id uint64
}

// heldRecord is a request published while held, waiting for the record
// that supersedes it.
type heldRecord struct {
	ex *httpserve.Exchange
	at time.Time
}

type harWriter struct {
	opts    HAROptions
	w       io.Writer
	enc     *json.Encoder // writes into buf
	buf     bytes.Buffer
	conns   map[connKey]*harConn
	closing []connKey // closed connections, oldest first
	held    map[heldKey]heldRecord
	entries int
}

func (h *harWriter) run(ctx context.Context, src Source) (Stats, error) {
	var st Stats
	if err := h.begin(); err != nil {
		return st, err
	}
	for {
		it, err := src.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return st, err
		}
		if err := ctx.Err(); err != nil {
			return st, err
		}
		st.Events++
		if err := h.event(it); err != nil {
			return st, err
		}
	}
	// Requests still held when the capture ended: their only record.
	keys := make([]heldKey, 0, len(h.held))
	for k := range h.held {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b heldKey) int {
		if c := h.held[a].at.Compare(h.held[b].at); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	for _, k := range keys {
		if err := h.write(k.connKey, h.held[k].ex); err != nil {
			return st, err
		}
	}
	st.Entries = h.entries
	st.Report = src.Report()
	return st, h.end()
}

func (h *harWriter) event(it *Item) error {
	e := &it.Event
	k := connKey{it.Session, e.Conn}
	h.forget(e.Time)
	if e.Tab != h.opts.Tab {
		return nil
	}
	switch e.Kind {
	case netassist.KindOpen:
		h.conns[k] = &harConn{local: e.Local, remote: e.Remote, tls: e.TLS != nil}
	case netassist.KindData:
		if c := h.conn(k); c != nil {
			s := &c.in
			if e.Dir == netassist.Out {
				s = &c.out
			}
			s.add(it.Offset, e.Data, e.Omitted, e.Time)
		}
	case netassist.KindClose:
		if c := h.conns[k]; c != nil {
			c.closed = e.Time
			h.closing = append(h.closing, k)
		}
	case netassist.KindDetail:
		ex, ok := e.Detail.(*httpserve.Exchange)
		if !ok {
			return nil
		}
		hk := heldKey{k, ex.ID}
		if ex.Reply == httpserve.ReplyHeld {
			h.held[hk] = heldRecord{ex, e.Time}
			return nil
		}
		delete(h.held, hk)
		if err := h.write(k, ex); err != nil {
			return err
		}
		if c := h.conns[k]; c != nil {
			c.in.discard(ex.InOffset + ex.HeadLen + ex.ReqBodyLen)
			c.out.discard(c.out.end)
		}
	}
	return nil
}

// conn returns the state of k, creating it for a connection whose open
// event the source no longer had.
func (h *harWriter) conn(k connKey) *harConn {
	c := h.conns[k]
	if c == nil {
		c = &harConn{}
		h.conns[k] = c
	}
	return c
}

// forget drops the connections closed more than closeGrace before now,
// unless a held request of theirs still waits for its record.
func (h *harWriter) forget(now time.Time) {
	for len(h.closing) > 0 {
		k := h.closing[0]
		c := h.conns[k]
		if c != nil && now.Sub(c.closed) < closeGrace {
			return
		}
		h.closing = h.closing[1:]
		waiting := false
		for hk := range h.held {
			if hk.connKey == k {
				waiting = true
				break
			}
		}
		if !waiting {
			delete(h.conns, k)
		}
	}
}

// begin writes everything before the first entry.
func (h *harWriter) begin() error {
	head, err := json.Marshal(harCreator{Name: "netassist", Version: h.opts.Version})
	if err != nil {
		return err
	}
	_, err = io.WriteString(h.w, "{\n  \"log\": {\n    \"version\": \"1.2\",\n    \"creator\": "+string(head)+
		",\n    \"pages\": [],\n    \"entries\": [")
	h.enc = json.NewEncoder(&h.buf)
	h.enc.SetEscapeHTML(false)
	h.enc.SetIndent("      ", "  ")
	return err
}

// write adds the entry of ex, an exchange of connection k.
func (h *harWriter) write(k connKey, ex *httpserve.Exchange) error {
	c := h.conns[k]
	if c == nil {
		c = &harConn{}
	}
	entry := buildEntry(k, c, ex, h.opts)
	h.buf.Reset()
	sep := ",\n      "
	if h.entries == 0 {
		sep = "\n      "
	}
	h.buf.WriteString(sep)
	if err := h.enc.Encode(&entry); err != nil {
		return err
	}
	h.entries++
	_, err := h.w.Write(bytes.TrimSuffix(h.buf.Bytes(), []byte("\n")))
	return err
}

// end closes the log.
func (h *harWriter) end() error {
	tail := "]\n  }\n}\n"
	if h.entries > 0 {
		tail = "\n    ]\n  }\n}\n"
	}
	_, err := io.WriteString(h.w, tail)
	return err
}

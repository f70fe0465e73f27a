package netassist

import (
	"strconv"
	"strings"
	"sync"

	"github.com/netassist/netassist/netassist/render"
)

// TextFormat formats events for people (headless --format text): one header
// line per event (time, tab, connection, remote, direction, size), then the
// bytes below it through the one sanitizer, so hostile bytes cannot reach
// the terminal. Each connection's two directions are decoded as streams
// (render.Stream), so a character split across two reads shows whole,
// under the read that completes it; the header of a read whose last bytes
// wait for the next says so, and bytes still waiting when the connection
// closes are shown, escaped, on the close line. It remembers each
// connection's remote address from its open event; use one TextFormat per
// output.
type TextFormat struct {
	mu    sync.Mutex // guards conns
	conns map[ConnID]*textConn
}

// textConn is what TextFormat keeps of an open connection.
type textConn struct {
	remote  string
	udp     bool
	streams [2]*render.Stream // by Dir: In, Out
}

// NewTextFormat returns a text formatter.
func NewTextFormat() *TextFormat { return &TextFormat{conns: make(map[ConnID]*textConn)} }

// conn returns what f keeps of connection id, creating it.
func (f *TextFormat) conn(id ConnID) *textConn {
	c := f.conns[id]
	if c == nil {
		c = &textConn{}
		f.conns[id] = c
	}
	return c
}

// stream returns the decoder of one direction of c.
func (c *textConn) stream(d Dir) *render.Stream {
	i := 0
	if d == Out {
		i = 1
	}
	if c.streams[i] == nil {
		c.streams[i] = render.NewStream(render.UTF8)
	}
	return c.streams[i]
}

const textTime = "2006-01-02 15:04:05.000000"

// Format appends e in text form to dst; it has the Format signature.
func (f *TextFormat) Format(dst []byte, e *Event) []byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	dst = e.Time.AppendFormat(dst, textTime)
	safe := render.Text // one header line: a `\n` in a field stays a marker
	dst = append(dst, ' ', '[')
	// Our own tab names, but a record file being exported may say anything.
	dst = append(dst, safe(string(e.Tab))...)
	dst = append(dst, ']')
	if e.Conn != 0 {
		dst = append(dst, " #"...)
		dst = strconv.AppendUint(dst, uint64(e.Conn), 10)
	}
	switch e.Kind {
	case KindListen:
		dst = append(dst, " listening on "...)
		if e.Proto == ProtoUDP {
			dst = append(dst, "udp "...)
		}
		dst = append(dst, safe(e.Addr)...)
		if e.TLS != nil {
			dst = append(dst, " with TLS, certificate SHA-256 fingerprint "...)
			dst = append(dst, safe(e.TLS.Fingerprint)...)
		}
	case KindOpen:
		c := f.conn(e.Conn)
		c.remote, c.udp = e.Remote, e.Proto == ProtoUDP
		dst = append(dst, ' ')
		dst = append(dst, safe(e.Remote)...)
		if c.udp {
			dst = append(dst, " UDP peer (local "...)
		} else {
			dst = append(dst, " connected (local "...)
		}
		dst = append(dst, safe(e.Local)...)
		dst = append(dst, ')')
		if t := e.TLS; t != nil {
			dst = append(dst, " TLS: "...)
			dst = append(dst, safe(t.Version)...)
			dst = append(dst, ", "...)
			dst = append(dst, safe(t.Cipher)...)
			if t.SNI != "" {
				dst = append(dst, ", SNI "...)
				dst = append(dst, safe(t.SNI)...)
			}
			if t.ALPN != "" {
				dst = append(dst, ", ALPN "...)
				dst = append(dst, safe(t.ALPN)...)
			}
			if t.Fingerprint != "" {
				dst = append(dst, ", certificate SHA-256 "...)
				dst = append(dst, safe(t.Fingerprint)...)
			}
			dst = append(dst, "; data shown decrypted"...)
		}
	case KindClose:
		c := f.conn(e.Conn)
		dst = append(dst, ' ')
		dst = append(dst, safe(c.remote)...)
		if c.udp {
			dst = append(dst, " forgotten by "...)
		} else {
			dst = append(dst, " closed by "...)
		}
		dst = append(dst, e.By.String()...)
		if e.Err != "" {
			dst = append(dst, ": "...)
			dst = append(dst, safe(e.Err)...)
		}
		if e.Unsent > 0 {
			dst = append(dst, " ("...)
			dst = appendBytes(dst, e.Unsent)
			dst = append(dst, " shown as sent were not written)"...)
		}
		for i, dir := range []string{"in", "out"} {
			if st := c.streams[i]; st != nil && st.Held() > 0 {
				dst = append(dst, " ("...)
				dst = append(dst, dir...)
				dst = append(dst, " ended mid-character: "...)
				dst = append(dst, st.FlushString()...)
				dst = append(dst, ')')
			}
		}
		delete(f.conns, e.Conn)
	case KindEOF:
		c := f.conn(e.Conn)
		dst = append(dst, ' ')
		dst = append(dst, safe(c.remote)...)
		if e.Dir == In {
			dst = append(dst, " finished sending (FIN); still open for replies"...)
		} else {
			dst = append(dst, " we finished sending (FIN); still reading"...)
		}
		// That direction's stream ended: what it held never completes.
		if st := c.stream(e.Dir); st.Held() > 0 {
			dst = append(dst, " (ended mid-character: "...)
			dst = append(dst, st.FlushString()...)
			dst = append(dst, ')')
		}
	case KindError:
		dst = append(dst, " error: "...)
		dst = append(dst, safe(e.Err)...)
	case KindData:
		c := f.conn(e.Conn)
		st := c.stream(e.Dir)
		body := st.String(e.Data)
		dst = append(dst, ' ')
		dst = append(dst, safe(c.remote)...)
		if e.Dir == In {
			dst = append(dst, " in  "...)
		} else {
			dst = append(dst, " out "...)
		}
		dst = appendBytes(dst, int64(len(e.Data)))
		if e.Truncated {
			dst = append(dst, " (datagram truncated: it was larger; the rest is lost)"...)
		}
		if e.Omitted > 0 {
			dst = append(dst, " (+"...)
			dst = strconv.AppendInt(dst, e.Omitted, 10)
			dst = append(dst, " sent, not kept)"...)
		}
		if e.Omitted > 0 || c.udp {
			// What would complete it was not kept; a datagram is whole.
			body += st.FlushString()
		}
		if n := st.Held(); n > 0 {
			dst = append(dst, " ("...)
			dst = appendBytes(dst, int64(n))
			dst = append(dst, " of a character held for the next read)"...)
		}
		dst = append(dst, '\n')
		dst = append(dst, strings.TrimSuffix(body, "\n")...)
	case KindDetail:
		dst = append(dst, ' ')
		dst = append(dst, e.Name()...)
		if e.Detail != nil {
			dst = append(dst, ' ')
			dst = append(dst, safe(e.Detail.Summary())...)
		}
	}
	return append(dst, '\n')
}

// appendBytes appends "N bytes", or "1 byte".
func appendBytes(dst []byte, n int64) []byte {
	dst = strconv.AppendInt(dst, n, 10)
	if n == 1 {
		return append(dst, " byte"...)
	}
	return append(dst, " bytes"...)
}

package httpserve

import (
	"time"

	"github.com/netassist/netassist/httpserve/wire"
	"github.com/netassist/netassist/netassist"
)

// Lingering close: when the server is done with a connection whose client
// is still sending a request body (a 10 MB POST answered 405 without
// reading it), closing at once would lose those bytes from the capture
// (and may reset the connection under the reply). Like Apache's
// lingering_close, the server half-closes, then reads what keeps coming,
// bounded in bytes and time, into the capture before it closes.
const (
	DefaultLingerBytes   = 256 << 10
	DefaultLingerTimeout = 2 * time.Second
)

// lingerLimits returns the configured limits; ok is false when lingering
// is off (a negative setting).
func (s *Server) lingerLimits() (bytes int64, d time.Duration, ok bool) {
	if s.cfg.LingerBytes < 0 || s.cfg.LingerTimeout < 0 {
		return 0, 0, false
	}
	return int64(orDefault(s.cfg.LingerBytes, DefaultLingerBytes)), orDefault(s.cfg.LingerTimeout, DefaultLingerTimeout), true
}

// linger reads what the client still sends of an unfinished request body
// before the connection closes: at most the byte limit, until the time
// limit, the body's end or the client's FIN. Not while the server shuts
// down (http.Server.Close closes every connection in turn).
func (c *captureConn) linger() {
	limit, d, ok := c.srv.lingerLimits()
	if !ok || c.srv.isStopping() || c.shedding.Load() {
		return
	}
	c.mu.Lock()
	f := c.in.split.Frame()
	need := !c.closed && f != nil && f.HeadDone && !f.Done && f.Body.Framing != wire.FramingClose
	c.mu.Unlock()
	if !need || c.fin.Load() {
		return
	}
	c.CloseWrite()
	if c.Conn.SetReadDeadline(time.Now().Add(d)) != nil {
		return
	}
	bp := copyBufPool.Get().(*[]byte)
	defer copyBufPool.Put(bp)
	buf := *bp
	for n := int64(0); n < limit; {
		k, err := c.Conn.Read(buf[:min(int64(len(buf)), limit-n)])
		if k > 0 {
			n += int64(k)
			c.srv.store.RecordData(c.id, netassist.In, buf[:k], 0)
			c.mu.Lock()
			c.in.feed(buf[:k])
			done := f.Done
			c.mu.Unlock()
			if done {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// isStopping reports whether Close or Shutdown was called.
func (s *Server) isStopping() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

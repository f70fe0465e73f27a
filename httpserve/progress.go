package httpserve

import (
	"crypto/tls"
	"errors"
	"io"
	"net"
	"os"
	"time"

	"github.com/netassist/netassist/netassist"
)

// Minimum-progress rules (issue 13): a hostile or broken client must not
// hold a connection slot while it makes no progress.
const (
	// DefaultSendTimeout: a write that moves no byte for this long is
	// cut, as nginx's send_timeout does (between two successive writes,
	// not for the whole response). A write is checked every progressTick
	// (the deadline re-armed at most every quarter of a tick), so a
	// stalled one is cut within two ticks after the timeout.
	DefaultSendTimeout = 30 * time.Second
	// DefaultMinHeadRate and DefaultHeadGrace: a request head still
	// arriving after the grace period must have averaged at least this
	// many bytes per second, or it is cut (slowloris trickles a few bytes
	// every few seconds). ReadHeaderTimeout bounds a head's time anyway.
	DefaultMinHeadRate = 64
	DefaultHeadGrace   = 3 * time.Second
)

// Close reasons of the progress rules and of shedding.
var (
	errHeadTooSlow = errors.New("request head too slow (below the minimum rate)")
	errSendStalled = errors.New("send timeout: no progress")
	errShed        = errors.New("shed at the connection cap (least progress)")
)

// progressRules are a server's rules, resolved from its Config.
type progressRules struct {
	sendTimeout time.Duration // 0: off
	minHeadRate int64         // bytes per second; 0: off
	headGrace   time.Duration
}

func (s *Server) rules() progressRules {
	r := progressRules{
		sendTimeout: orDefault(s.cfg.SendTimeout, DefaultSendTimeout),
		minHeadRate: int64(orDefault(s.cfg.MinHeadRate, DefaultMinHeadRate)),
		headGrace:   orDefault(s.cfg.HeadGrace, DefaultHeadGrace),
	}
	if r.sendTimeout < 0 {
		r.sendTimeout = 0
	}
	if r.minHeadRate < 0 {
		r.minHeadRate = 0
	}
	return r
}

// earliest is the earlier of two deadlines; the zero time is none.
func earliest(a, b time.Time) time.Time {
	switch {
	case a.IsZero():
		return b
	case b.IsZero() || a.Before(b):
		return a
	}
	return b
}

// progressed notes that a byte moved now.
func (c *captureConn) progressed() { c.last.Store(time.Now().UnixNano()) }

// headBudget is the deadline by which a head in progress must have
// arrived at the minimum rate: grace, plus one second per minHeadRate
// bytes already received. Zero when no head is in progress or the rule
// is off. Called with dlMu held.
func (c *captureConn) headBudget() time.Time {
	r := c.srv.progress
	if r.minHeadRate == 0 {
		return time.Time{}
	}
	c.mu.Lock()
	f := c.in.split.Frame()
	partial := f != nil && !f.HeadDone && f.HeadLen > 0
	var got int64
	if partial {
		got = f.HeadLen
	}
	start := c.headStart
	c.mu.Unlock()
	if !partial || start.IsZero() {
		return time.Time{}
	}
	return start.Add(r.headGrace + time.Duration(got)*time.Second/time.Duration(r.minHeadRate))
}

// armRead sets the read deadline for the next read: net/http's, or the
// head budget if it comes first. It reports whether the budget is the one
// in force.
func (c *captureConn) armRead() bool {
	if !c.headPending.Load() && !c.ownReadFast.Load() {
		return false // the common case: no head trickling in
	}
	c.dlMu.Lock()
	defer c.dlMu.Unlock()
	budget := c.headBudget()
	own := !budget.IsZero() && (c.readDL.IsZero() || budget.Before(c.readDL))
	if own {
		c.Conn.SetReadDeadline(budget)
	} else if c.ownRead {
		c.Conn.SetReadDeadline(c.readDL)
	}
	c.ownRead = own
	c.ownReadFast.Store(own)
	return own
}

// armWrite sets the write deadline for the next check of a write in
// progress: net/http's, or the next progress tick if it comes first; it
// reports whether the tick is the one in force, and the time now.
func (c *captureConn) armWrite() (bool, time.Time) {
	r := c.srv.progress
	c.dlMu.Lock()
	defer c.dlMu.Unlock()
	if r.sendTimeout == 0 {
		if c.ownWrite {
			c.Conn.SetWriteDeadline(c.writeDL)
			c.ownWrite = false
		}
		return false, time.Time{}
	}
	now := time.Now()
	if c.ownWrite && now.Sub(c.armedAt) < c.tick/4 {
		// Armed a moment ago: at least 3/4 of the tick is left, and
		// re-arming on every small write costs a timer update each.
		return true, now
	}
	dl := now.Add(c.tick)
	own := c.writeDL.IsZero() || dl.Before(c.writeDL)
	c.Conn.SetWriteDeadline(earliest(dl, c.writeDL))
	c.ownWrite, c.armedAt = own, now
	return own, now
}

// progressTick is how often a write in progress is checked: when the
// tick's deadline expires mid-write, the write is resumed under a new one
// if it moved a byte since the last check (progress, which shedding sees)
// and cut once it has moved none for the send timeout. A write that ends
// before the tick costs no more than one deadline set per tick/4.
const progressTick = time.Second

// writeTick is the interval between checks of a write in progress on
// nc. A TLS write that times out leaves the session unusable (crypto/tls:
// "all future writes will return the same error"), so there the tick is
// the whole send timeout and a write cannot be resumed.
func writeTick(r progressRules, nc net.Conn) time.Duration {
	if _, ok := nc.(*tls.Conn); ok || r.sendTimeout <= progressTick {
		return r.sendTimeout
	}
	return progressTick
}

// resume decides, after a write's tick deadline expired having moved n
// bytes, whether to go on: yes while the write moved a byte within the
// send timeout (moved is when it last did, updated here). A TLS write is
// never resumed.
func (c *captureConn) resume(moved *time.Time, n int64) bool {
	now := time.Now()
	if n > 0 {
		*moved = now
		c.progressed()
	}
	if _, ok := c.Conn.(*tls.Conn); ok {
		return false
	}
	return now.Sub(*moved) < c.srv.progress.sendTimeout
}

// writeProgress writes b whole (one write call, as without the rule)
// under the progress rule: the write is checked every tick and cut with
// errSendStalled once no byte has moved for the send timeout (a timeout of
// net/http's own deadline is returned as it is).
func (c *captureConn) writeProgress(b []byte) (int, error) {
	total := 0
	var moved time.Time
	for {
		own, now := c.armWrite()
		if moved.IsZero() {
			moved = now
		}
		n, err := c.Conn.Write(b[total:])
		if n > 0 {
			c.progressed()
			c.sent(b[total:total+n], 0)
		}
		total += n
		if err == nil || !own || !isTimeout(err) {
			return total, err
		}
		if !c.resume(&moved, int64(n)) {
			c.stalled()
			return total, &net.OpError{Op: "write", Net: "tcp", Err: errSendStalled}
		}
	}
}

// stalled records that the send-progress rule cut the connection.
func (c *captureConn) stalled() {
	c.mu.Lock()
	c.note(netassist.ByLocal, errSendStalled)
	c.mu.Unlock()
	c.peerGone()
}

func isTimeout(err error) bool { return errors.Is(err, os.ErrDeadlineExceeded) }

// shed closes the connection to make room for a new one at the cap. The
// blocked read or write returns at once and net/http lets it go.
func (c *captureConn) shed() {
	c.shedding.Store(true)
	c.mu.Lock()
	c.note(netassist.ByLocal, errShed)
	c.mu.Unlock()
	c.Conn.Close()
}

// sheddable reports whether the connection may be shed and how long it
// has made no progress: never one whose request is held for a person.
func (c *captureConn) sheddable(now int64) (time.Duration, bool) {
	if c.holding.Load() > 0 || c.shedding.Load() {
		return 0, false
	}
	return time.Duration(now - c.last.Load()), true
}

// sendfileProgress sends limit bytes of f (to its end if limit < 0) with
// rf.ReadFrom (sendfile) in one call, under the progress rule of
// writeProgress: a call cut by a tick that moved bytes goes on from where
// the file's offset (and the limit) stopped.
func (c *captureConn) sendfileProgress(rf io.ReaderFrom, f *os.File, limit int64) (int64, error) {
	var src io.Reader = f
	if limit >= 0 {
		src = &io.LimitedReader{R: f, N: limit}
	}
	var total int64
	var moved time.Time
	for {
		own, now := c.armWrite()
		if moved.IsZero() {
			moved = now
		}
		n, err := rf.ReadFrom(src)
		total += n
		if n > 0 {
			c.progressed()
		}
		if err == nil || !own || !isTimeout(err) {
			return total, err
		}
		if !c.resume(&moved, n) {
			c.stalled()
			return total, &net.OpError{Op: "write", Net: "tcp", Err: errSendStalled}
		}
	}
}

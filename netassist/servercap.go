package netassist

import (
	"errors"
	"fmt"
	"slices"
	"syscall"
	"time"
)

// ErrShed is the cause of a connection closed to make room: the Server was
// at its connection cap (or out of file descriptors) and this connection
// had been idle longest. The close event's err reads "shed: idle 42s, cap
// 1024 reached".
var ErrShed = errors.New("shed")

// fdReserve is what DefaultMaxConns leaves of the open-file limit for
// files (a --record file, the web root), listeners and the other tabs.
const fdReserve = 256

// DefaultMaxConns is the Server's connection cap when Server.MaxConns is
// 0: the process's soft open-file limit, raised to its hard limit
// (RaiseFileLimit), less a reserve of 256 descriptors, and at least 64.
// Each TCP connection is one file descriptor.
func DefaultMaxConns() int {
	limit, err := RaiseFileLimit()
	if err != nil || limit < fdReserve+64 {
		return 64
	}
	return int(min(limit-fdReserve, 1<<30))
}

// ServerStats is a snapshot of a Server for the UI (cheap: one lock).
type ServerStats struct {
	Open     int   // connections open now, half-closed ones included
	MaxConns int   // the cap in force (0 before the first Listen or Serve)
	Shed     int64 // connections closed at the cap to make room, since the start
}

// Stats returns the server's counters.
func (s *Server) Stats() ServerStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return ServerStats{Open: len(s.conns), MaxConns: s.maxConns, Shed: s.shed}
}

// resolveCapLocked fixes the cap at the first start. Called with s.mu
// held.
func (s *Server) resolveCapLocked() {
	if s.maxConns != 0 {
		return
	}
	s.maxConns = s.MaxConns
	if s.maxConns <= 0 {
		s.maxConns = DefaultMaxConns()
	}
}

// shedForLocked picks the connection to shed for a newcomer when the
// server is at its cap, takes it out of the open set (it is closing) and
// returns it with the error to close it with; nil if below the cap or
// nothing can be shed. Called with s.mu held.
func (s *Server) shedForLocked(now int64) (*Conn, error) {
	if len(s.conns) < s.maxConns {
		return nil, nil
	}
	v, idle := s.idlestLocked(now)
	if v == nil {
		return nil, nil
	}
	return v, fmt.Errorf("%w: idle %v, cap %d reached", ErrShed, roundIdle(idle), s.maxConns)
}

// idlestLocked takes out of the open set, and returns, the open connection
// that has moved no byte either way for longest, and for how long; nil if
// there is none. It works from a batch of candidates, the idlest at the
// last scan, oldest last: a candidate active since the scan is skipped (it
// is idle no longer), and every connection not in the batch was already
// more recent than each candidate and can only have moved since, so the
// first candidate still untouched is the idlest of all. A scan of n
// connections keeps the n/64 idlest (16 at least): shedding costs
// O(log n) per connection, not a scan each. Called with s.mu held.
func (s *Server) idlestLocked(now int64) (*Conn, time.Duration) {
	for scanned := false; ; scanned = true {
		for len(s.cands) > 0 {
			k := len(s.cands) - 1
			cd := s.cands[k]
			s.cands[k] = shedCand{}
			s.cands = s.cands[:k]
			c := cd.c
			if s.conns[c.id] != c || c.last.Load() != cd.last || c.isClosing() {
				continue
			}
			delete(s.conns, c.id)
			s.shed++
			return c, time.Duration(now - cd.last)
		}
		if scanned || len(s.conns) == 0 {
			return nil, 0
		}
		s.scanLocked()
	}
}

// shedCand is a connection and its last activity when it was picked.
type shedCand struct {
	c    *Conn
	last int64
}

// scanLocked refills s.cands with the idlest open connections, oldest
// last. Called with s.mu held.
func (s *Server) scanLocked() {
	all := make([]shedCand, 0, len(s.conns))
	for _, c := range s.conns {
		all = append(all, shedCand{c, c.last.Load()})
	}
	// Newest first, so the idlest are at the end.
	slices.SortFunc(all, func(a, b shedCand) int {
		switch {
		case a.last > b.last:
			return -1
		case a.last < b.last:
			return 1
		}
		return int(b.c.id) - int(a.c.id) // the older connection sheds first
	})
	keep := min(len(all), max(16, len(all)/64))
	s.cands = append(s.cands[:0], all[len(all)-keep:]...)
}

// shedForFDs sheds the idlest connection when Accept ran out of file
// descriptors, so the newcomer waiting in the backlog gets one; it reports
// whether it shed one.
func (s *Server) shedForFDs(acceptErr error) bool {
	if !errors.Is(acceptErr, syscall.EMFILE) && !errors.Is(acceptErr, syscall.ENFILE) {
		return false
	}
	now := time.Now().UnixNano()
	s.mu.Lock()
	v, idle := s.idlestLocked(now)
	s.mu.Unlock()
	if v == nil {
		return false
	}
	v.closeWith(fmt.Errorf("%w: idle %v, out of file descriptors", ErrShed, roundIdle(idle)))
	return true
}

// roundIdle rounds an idle time for people: seconds from one second up.
func roundIdle(d time.Duration) time.Duration {
	if d >= time.Second {
		return d.Round(time.Second)
	}
	return d.Round(time.Millisecond)
}

package httpserve

import (
	"cmp"
	"net"
	"slices"
	"sync"
	"time"

	"github.com/netassist/netassist/netassist"
)

// Connection cap. The default comes from the process's open-file limit
// (which New raises to its hard limit): half of what is left after a
// reserve for files and the other tabs, between MinMaxConns and
// MaxMaxConns.
const (
	MinMaxConns = 256
	MaxMaxConns = 1 << 16
	fdReserve   = 256
)

// DefaultShedAfter: a connection is shed at the cap only if it has made no
// progress for this long; below it, the newcomer waits for a slot.
const DefaultShedAfter = 250 * time.Millisecond

func defaultMaxConns() int {
	limit, err := netassist.RaiseFileLimit()
	if err != nil || limit < fdReserve+2*MinMaxConns {
		return MinMaxConns
	}
	return int(min(uint64(MaxMaxConns), (limit-fdReserve)/2))
}

// MaxConns is the connection cap in force.
func (s *Server) MaxConns() int { return s.maxConns }

// captureListener wraps every accepted connection in a captureConn and
// caps how many are open at once. At the cap it does not leave newcomers
// in the kernel's backlog while slow or idle clients hold every slot: it
// accepts the newcomer and sheds the open connection that has made no
// progress for longest (an idle keep-alive, a slowloris head, a reader
// that takes nothing) — never one whose request is held for a person.
type captureListener struct {
	net.Listener
	srv       *Server
	slots     chan struct{} // one token per open connection
	done      chan struct{} // closed by Close
	closeOnce sync.Once

	mu    sync.Mutex // guards conns
	conns map[*captureConn]struct{}
}

// Accept accepts a connection, making room for it at the cap.
func (l *captureListener) Accept() (net.Conn, error) {
	nc, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	select {
	case l.slots <- struct{}{}:
	default:
		// Shed a batch, so that the next newcomers find room at once
		// instead of each waiting for one victim to let go.
		for _, v := range l.victims(max(1, cap(l.slots)/32)) {
			v.shed()
		}
		select {
		case l.slots <- struct{}{}:
		case <-l.done:
			nc.Close()
			return nil, net.ErrClosed
		}
	}
	var once sync.Once
	var c *captureConn
	c = newCaptureConn(l.srv, nc, func() {
		once.Do(func() {
			l.mu.Lock()
			delete(l.conns, c)
			l.mu.Unlock()
			<-l.slots
		})
	})
	l.mu.Lock()
	if l.conns == nil {
		l.conns = make(map[*captureConn]struct{})
	}
	l.conns[c] = struct{}{}
	l.mu.Unlock()
	return c, nil
}

// victims are up to n open connections that made no progress for
// longest, each for at least the server's shed-after time; none if no
// connection may be shed.
func (l *captureListener) victims(n int) []*captureConn {
	now := time.Now().UnixNano()
	after := orDefault(l.srv.cfg.ShedAfter, DefaultShedAfter)
	type cand struct {
		c    *captureConn
		idle time.Duration
	}
	var cands []cand
	l.mu.Lock()
	for c := range l.conns {
		if idle, ok := c.sheddable(now); ok && idle >= after {
			cands = append(cands, cand{c, idle})
		}
	}
	l.mu.Unlock()
	slices.SortFunc(cands, func(a, b cand) int { return cmp.Compare(b.idle, a.idle) })
	out := make([]*captureConn, 0, min(n, len(cands)))
	for _, c := range cands[:min(n, len(cands))] {
		out = append(out, c.c)
	}
	return out
}

// Close stops accepting and unblocks an Accept waiting for a slot.
func (l *captureListener) Close() error {
	l.closeOnce.Do(func() { close(l.done) })
	return l.Listener.Close()
}

package httpserve

import (
	"net"
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
const DefaultShedAfter = time.Second

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
		if v := l.victim(); v != nil {
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

// victim is the open connection that made no progress for longest, if
// that is at least the server's shed-after time; nil if none may be shed.
func (l *captureListener) victim() *captureConn {
	now := time.Now().UnixNano()
	after := orDefault(l.srv.cfg.ShedAfter, DefaultShedAfter)
	var worst *captureConn
	var worstIdle time.Duration
	l.mu.Lock()
	for c := range l.conns {
		if idle, ok := c.sheddable(now); ok && idle >= after && idle > worstIdle {
			worst, worstIdle = c, idle
		}
	}
	l.mu.Unlock()
	return worst
}

// Close stops accepting and unblocks an Accept waiting for a slot.
func (l *captureListener) Close() error {
	l.closeOnce.Do(func() { close(l.done) })
	return l.Listener.Close()
}

package server

import (
	"context"
	"net"
	"strings"
	"testing"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/autoreply"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// harness is the Server tab running as a program (tuitest.Host) on a
// real server engine listening on 127.0.0.1:0.
type harness struct {
	*tuitest.Harness
	store *netassist.Store
	srv   *netassist.Server
}

// options change what newHarness starts.
type options struct {
	maxConns int               // the server's cap; 0: the default
	addr     string            // the listen address ("": 127.0.0.1:0)
	dir      string            // the config folder ("": no persistence)
	saveDir  string            // where w and W write
	rules    *autoreply.Active // the rules in force, wired as cmd/netassist does
	noWait   bool              // do not wait until it listens
	follow   bool              // follow the last sender (the program's default)
}

func newHarness(t *testing.T, w, h int) *harness { return start(t, w, h, options{}) }

func start(t *testing.T, w, h int, o options) *harness {
	t.Helper()
	st := netassist.NewStore(0)
	srv := &netassist.Server{Store: st, MaxConns: o.maxConns}
	if o.rules != nil {
		srv.AutoReply = o.rules.AutoReply
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(func() { cancel(); srv.Close() })
	c := common.Default()
	c.Ctx, c.ConfigDir, c.SaveDir = ctx, o.dir, o.saveDir
	if o.addr == "" {
		o.addr = "127.0.0.1:0"
	}
	tab := New(c, Config{Server: srv, Store: st, Addr: o.addr, Rules: o.rules, Listen: true, Follow: o.follow})
	hs := &harness{Harness: tuitest.Start(t, tuitest.NewHost(c, tab, st.Changed()), w, h), store: st, srv: srv}
	if !o.noWait {
		hs.WaitScreen("listening", func(s string) bool { return strings.Contains(s, "● listening on 127.0.0.1:") })
	}
	return hs
}

func (h *harness) dial() net.Conn { return tuitest.Dial(h.T, h.srv.Addr().String()) }

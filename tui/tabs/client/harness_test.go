package client

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// harness is the Client tab running as a program (tuitest.Host) on a
// real client engine.
type harness struct {
	*tuitest.Harness
	store *netassist.Store
	clock *tuitest.Clock // nil: the real clock
}

// options change what start does.
type options struct {
	dir     string // the config folder ("": no persistence)
	saveDir string
	clock   bool // a fake clock, moved by the test
}

// newClientHarness runs the Client tab on c. With addr set, the tab
// connects by itself, as `netassist client ADDR` does.
func newClientHarness(t *testing.T, w, h int, c *netassist.Client, addr string) *harness {
	t.Helper()
	return start(t, w, h, c, addr, options{})
}

func start(t *testing.T, w, h int, cl *netassist.Client, addr string, o options) *harness {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(func() { cancel(); cl.Close() })
	c := common.Default()
	c.Ctx, c.ConfigDir, c.SaveDir = ctx, o.dir, o.saveDir
	hs := &harness{store: cl.Store}
	if o.clock {
		hs.clock = tuitest.NewClock(time.Now())
		c.Clock = hs.clock.Now
	}
	tab := New(c, Config{Client: cl, Store: cl.Store, Addr: addr, Connect: true})
	hs.Harness = tuitest.Start(t, tuitest.NewHost(c, tab, cl.Store.Changed()), w, h)
	hs.WaitScreen("the tab", func(s string) bool { return strings.Contains(s, "Connect to ") })
	return hs
}

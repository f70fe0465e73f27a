package web

import (
	"context"
	"net"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// webHarness is the Web tab running as a program (tuitest.Host), its
// demo-site web server listening on 127.0.0.1:0.
type webHarness struct {
	*tuitest.Harness
	store *netassist.Store
	web   *httpserve.Server
	addr  string
	clock *tuitest.Clock
}

var listeningOn = regexp.MustCompile(`● listening on (127\.0\.0\.1:\d+)`)

func newWebHarness(t *testing.T, w, h int) *webHarness {
	t.Helper()
	return startWeb(t, w, h, "127.0.0.1:0", true)
}

// startWeb starts the tab on addr; with wait it waits until it listens.
// The tab's clock is a fake one, set to the real time at start.
func startWeb(t *testing.T, w, h int, addr string, wait bool) *webHarness {
	t.Helper()
	return startWebConfig(t, w, h, addr, wait, httpserve.Config{})
}

// startWebConfig is startWeb with the web server's configuration.
func startWebConfig(t *testing.T, w, h int, addr string, wait bool, cfg httpserve.Config) *webHarness {
	t.Helper()
	st := netassist.NewStore(0)
	web, err := httpserve.New(st, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(func() { cancel(); web.Close() })
	c := common.Default()
	c.Ctx = ctx
	clock := tuitest.NewClock(time.Now())
	c.Clock = clock.Now
	tab := New(c, Config{Web: web, Store: st, Addr: addr, Listen: true})
	wh := &webHarness{Harness: tuitest.Start(t, tuitest.NewHost(c, tab, st.Changed()), w, h), store: st, web: web, clock: clock}
	if wait {
		s := wh.WaitScreen("web listening", func(s string) bool { return listeningOn.MatchString(s) })
		wh.addr = listeningOn.FindStringSubmatch(s)[1]
		// The status line is last writer wins: let the listen's status
		// land before the test's keys set theirs.
		wh.StatusShows("web server listening on ")
	}
	return wh
}

func (h *webHarness) dialWeb() net.Conn { return tuitest.Dial(h.T, h.addr) }

func (h *webHarness) get(path, ae string) (*http.Response, []byte) {
	return tuitest.Get(h.T, h.addr, path, ae)
}

// finalTab quits and returns the tab's final state (read after the
// program stopped: no race).
func (h *webHarness) finalTab() *Model {
	return h.Final().(*tuitest.Host).Tab.(*Model)
}

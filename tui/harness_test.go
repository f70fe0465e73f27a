package tui

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/autoreply"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// harness is the whole app running on real engines bound to 127.0.0.1.
type harness struct {
	*tuitest.Harness
	store *netassist.Store
	srv   *netassist.Server
	web   *httpserve.Server
	addr  string // the web server's address, once it listens
}

// app builds the app's Config on one store: a server engine always, the
// client and web engines when asked; set fills in the rest.
type app struct {
	client bool
	web    bool
	rules  bool
	follow bool // the Server tab follows the last sender, as the program's default
	set    func(*Config)
}

func (a app) start(t *testing.T, w, h int) *harness {
	t.Helper()
	st := netassist.NewStore(0)
	srv := &netassist.Server{Store: st}
	ctx, cancel := context.WithCancel(context.Background())
	cfg := Config{Store: st, Server: srv, ListenAddr: "127.0.0.1:0", IsDark: true, Context: ctx, FrameInterval: 10 * time.Millisecond,
		NoFollow: !a.follow}
	hs := &harness{store: st, srv: srv}
	if a.client {
		cfg.Client = &netassist.Client{Store: st}
	}
	if a.web {
		web, err := httpserve.New(st, httpserve.Config{})
		if err != nil {
			t.Fatal(err)
		}
		cfg.Web, cfg.WebAddr, hs.web = web, "127.0.0.1:0", web
	}
	if a.rules {
		cfg.Rules = &autoreply.Active{}
		srv.AutoReply = cfg.Rules.AutoReply
	}
	t.Cleanup(func() {
		cancel()
		srv.Close()
		if cfg.Client != nil {
			cfg.Client.Close()
		}
		if hs.web != nil {
			hs.web.Close()
		}
	})
	if a.set != nil {
		a.set(&cfg)
	}
	hs.Harness = tuitest.Start(t, New(cfg), w, h)
	return hs
}

// newHarness is the app on the Server tab, listening on 127.0.0.1:0.
func newHarness(t *testing.T, w, h int) *harness {
	t.Helper()
	hs := app{}.start(t, w, h)
	hs.Contains("● listening on 127.0.0.1:")
	return hs
}

// newComposeHarness is newHarness with the config folder in dir.
func newComposeHarness(t *testing.T, w, h int, dir string) *harness {
	t.Helper()
	hs := app{set: func(c *Config) { c.ConfigDir = dir }}.start(t, w, h)
	hs.Contains("● listening on 127.0.0.1:")
	return hs
}

// newRulesHarness is the app whose server answers by the rules it edits,
// wired as cmd/netassist does, with its rules file in dir.
func newRulesHarness(t *testing.T, dir string) *harness {
	t.Helper()
	hs := app{rules: true, set: func(c *Config) { c.ConfigDir = dir }}.start(t, 120, 30)
	hs.Contains("● listening on 127.0.0.1:")
	return hs
}

// newClientHarness is the app started on the Client tab with c; with addr
// set, the tab connects by itself, as `netassist client ADDR` does.
func newClientHarness(t *testing.T, w, h int, c *netassist.Client, addr string) *harness {
	t.Helper()
	hs := app{set: func(cfg *Config) {
		cfg.Client, cfg.Store, cfg.ClientAddr, cfg.StartTab = c, c.Store, addr, netassist.TabClient
		cfg.Server = &netassist.Server{Store: c.Store}
	}}.start(t, w, h)
	t.Cleanup(func() { c.Close() })
	hs.Contains("Connect to ")
	return hs
}

func newClient() *netassist.Client { return &netassist.Client{Store: netassist.NewStore(0)} }

var listeningOn = regexp.MustCompile(`● listening on (127\.0\.0\.1:\d+)`)

// newWebHarness is the app started on the Web tab, its demo-site web
// server listening on 127.0.0.1:0.
func newWebHarness(t *testing.T, w, h int) *harness {
	t.Helper()
	hs := app{web: true, set: func(c *Config) { c.StartTab = netassist.TabWeb }}.start(t, w, h)
	s := hs.WaitScreen("web listening", func(s string) bool { return listeningOn.MatchString(s) })
	hs.addr = listeningOn.FindStringSubmatch(s)[1]
	hs.StatusShows("web server listening on ") // the listen's status lands before the test's own
	return hs
}

func (h *harness) dial() net.Conn { return tuitest.Dial(h.T, h.srv.Addr().String()) }

func (h *harness) dialWeb() net.Conn { return tuitest.Dial(h.T, h.addr) }

func (h *harness) get(path, ae string) (*http.Response, []byte) {
	return tuitest.Get(h.T, h.addr, path, ae)
}

// httpAddr starts a net/http test server and returns its host:port.
func httpAddr(t *testing.T, h http.HandlerFunc) string {
	t.Helper()
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return strings.TrimPrefix(ts.URL, "http://")
}

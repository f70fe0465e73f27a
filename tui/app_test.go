package tui

import (
	"context"
	"io"
	"net"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/netassist/netassist/netassist"
)

// probe wraps the root model and records every frame it renders, so a test
// can wait for what a person would see rather than parse the renderer's
// cell diffs.
type probe struct {
	tea.Model
	last *atomic.Pointer[string]
}

func (p probe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := p.Model.Update(msg)
	return probe{m, p.last}, cmd
}

func (p probe) View() tea.View {
	v := p.Model.View()
	s := v.Content
	p.last.Store(&s)
	return v
}

// harness is a running TUI on a real server engine listening on
// 127.0.0.1:0.
type harness struct {
	t     *testing.T
	tm    *teatest.TestModel
	last  *atomic.Pointer[string]
	store *netassist.Store
	srv   *netassist.Server
}

func newHarness(t *testing.T, w, h int) *harness {
	t.Helper()
	st := netassist.NewStore(0)
	srv := &netassist.Server{Store: st}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(func() { cancel(); srv.Close() })
	m := New(Config{Store: st, Server: srv, ListenAddr: "127.0.0.1:0", IsDark: true, Context: ctx, FrameInterval: time.Millisecond})
	last := &atomic.Pointer[string]{}
	tm := teatest.NewTestModel(t, probe{m, last}, teatest.WithInitialTermSize(w, h))
	hs := &harness{t: t, tm: tm, last: last, store: st, srv: srv}
	hs.waitScreen("listening", func(s string) bool { return strings.Contains(s, "● listening on 127.0.0.1:") })
	return hs
}

// screen is the last frame without styling.
func (h *harness) screen() string {
	p := h.last.Load()
	if p == nil {
		return ""
	}
	return ansi.Strip(*p)
}

func (h *harness) raw() string {
	if p := h.last.Load(); p != nil {
		return *p
	}
	return ""
}

func (h *harness) waitScreen(what string, cond func(string) bool) string {
	h.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		s := h.screen()
		if cond(s) {
			return s
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("timed out waiting for %s; screen:\n%s", what, s)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (h *harness) contains(sub string) string {
	h.t.Helper()
	return h.waitScreen(sub, func(s string) bool { return strings.Contains(s, sub) })
}

func (h *harness) key(k tea.KeyPressMsg) { h.tm.Send(k) }

func (h *harness) dial() net.Conn {
	h.t.Helper()
	c, err := net.Dial("tcp", h.srv.Addr().String())
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { c.Close() })
	return c
}

func (h *harness) quit() {
	h.key(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	h.tm.WaitFinished(h.t, teatest.WithFinalTimeout(5*time.Second))
}

var (
	keyTab   = tea.KeyPressMsg{Code: tea.KeyTab}
	keyEsc   = tea.KeyPressMsg{Code: tea.KeyEscape}
	keyEnter = tea.KeyPressMsg{Code: tea.KeyEnter}
	keyF1    = tea.KeyPressMsg{Code: tea.KeyF1}
	keySend  = tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	keyUp    = tea.KeyPressMsg{Code: tea.KeyUp}
	keyDown  = tea.KeyPressMsg{Code: tea.KeyDown}
	keyHome  = tea.KeyPressMsg{Code: tea.KeyHome}
	keyEnd   = tea.KeyPressMsg{Code: tea.KeyEnd}
	keyPgUp  = tea.KeyPressMsg{Code: tea.KeyPgUp}
)

func alt(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Mod: tea.ModAlt} }

func TestTypeSendReplyToClient(t *testing.T) {
	h := newHarness(t, 100, 30)
	c := h.dial()
	c.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
	h.contains(`GET / HTTP/1.1\r\n`)

	// The send pane has focus at start: type a reply with escapes on one
	// line, as the README shows, and check the preview's byte count.
	h.tm.Type(`HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi`)
	h.contains("40 bytes: HTTP/1.1 200 OK")
	h.key(alt('c')) // close after send
	h.contains("close after")
	h.key(keySend)
	h.contains("sent 40 bytes to all (1 open) and closed")

	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	got, err := io.ReadAll(c)
	if err != nil || string(got) != "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi" {
		t.Fatalf("client read %q, %v", got, err)
	}
	h.contains("#1 closed by local")

	// Sending again: the only client is gone.
	h.key(keySend)
	h.contains("send failed: no open connections")
	h.quit()
}

func TestSendToClosedSelectedConn(t *testing.T) {
	h := newHarness(t, 100, 30)
	c := h.dial()
	h.contains("#1 connected from")
	// Focus the connection list (send → recv → conns) and select #1.
	h.key(keyTab)
	h.key(keyTab)
	h.key(keyDown)
	h.contains("Send to #1")
	// The client closes: its FIN alone might be a half-close, so the
	// connection stays open for a reply; what we send then is answered
	// with a reset, which closes it; the next send fails.
	c.Close()
	h.contains("#1 peer finished sending (FIN)")
	h.key(keyTab) // addr
	h.key(keyTab) // send
	h.tm.Type("ping")
	h.key(keySend)
	h.contains("#1 closed by peer: read: connection reset by peer")
	h.key(keySend)
	h.contains("send failed: conn 1: connection is closed")
	h.quit()
}

func TestFocusTabsHexAndHelp(t *testing.T) {
	h := newHarness(t, 80, 24)
	c := h.dial()
	c.Write([]byte("AB\x00"))
	h.contains(`AB\x00`)

	h.key(alt('x')) // hex view from any pane
	h.contains("00000000  41 42 00")
	h.contains("Receive · following · hex")
	h.key(alt('x'))
	h.contains(`AB\x00`)

	h.key(keyTab) // receive pane: plain letters are commands here
	h.key(tea.KeyPressMsg{Code: 'x', Text: "x"})
	h.contains("00000000  41 42 00")

	h.key(tea.KeyPressMsg{Code: '?', Text: "?"})
	h.contains("Keys")
	h.contains("close after send")
	h.key(keyEsc)
	h.waitScreen("help closed", func(s string) bool { return !strings.Contains(s, "press ? or esc to close help") })

	h.key(alt('2'))
	h.contains("Connect to")
	c.Write([]byte("more"))
	h.contains("1 Server•") // activity on the hidden tab
	h.key(alt('1'))
	h.contains("Receive")
	h.quit()
}

// sgrOnly matches the only escape sequences the UI itself emits in frame
// content: SGR colour/attribute sequences.
var sgrOnly = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

func TestHostileBytesNeverReachTheScreen(t *testing.T) {
	h := newHarness(t, 100, 30)
	c := h.dial()
	hostile := "\x1b]0;pwned\x07\x1b[2J\x1b]52;c;aGk=\x07\u202eevil\u2066\u200b\ufeff\x9b31m\xc2\x9b\x07\x08\x7f"
	c.Write([]byte(hostile + "\r\n"))
	h.contains(`\x1B]0;pwned\x07\x1B[2J`)
	raw := sgrOnly.ReplaceAllString(h.raw(), "")
	for i, r := range raw {
		switch {
		case r == '\n':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			t.Fatalf("control %U at %d in frame:\n%q", r, i, raw)
		case r == utf8.RuneError:
			t.Fatalf("invalid UTF-8 at %d", i)
		case strings.ContainsRune("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200e\u200f\ufeff", r):
			t.Fatalf("bidi/invisible %U reached the screen", r)
		}
	}
	s := h.screen()
	for _, want := range []string{`\u{202E}evil\u{2066}`, `\u{200B}`, `\u{FEFF}`, `\x9B31m\u{009B}\x07\x08\x7F\r\n`} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
	h.quit()
}

func TestResizeTinyAndBack(t *testing.T) {
	h := newHarness(t, 80, 24)
	c := h.dial()
	c.Write([]byte("hello\r\n"))
	h.contains(`hello\r\n`)
	for _, sz := range [][2]int{{20, 5}, {10, 3}, {1, 1}, {0, 0}, {15, 40}, {200, 8}, {80, 24}} {
		h.tm.Send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		w, hh := sz[0], sz[1]
		s := h.waitScreen("resize", func(s string) bool {
			if w == 0 || hh == 0 {
				return s == ""
			}
			return len(strings.Split(s, "\n")) == hh && ansi.StringWidth(strings.Split(s, "\n")[0]) == w
		})
		for i, line := range strings.Split(s, "\n") {
			if lw := ansi.StringWidth(line); w > 0 && lw != w {
				t.Errorf("%dx%d: line %d is %d cells wide", w, hh, i, lw)
			}
		}
	}
	h.contains(`hello\r\n`)
	h.quit()
}

func TestEditListenAddressAfterPortInUse(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	st := netassist.NewStore(0)
	srv := &netassist.Server{Store: st}
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m := New(Config{Store: st, Server: srv, ListenAddr: busy.Addr().String(), Context: ctx})
	last := &atomic.Pointer[string]{}
	tm := teatest.NewTestModel(t, probe{m, last}, teatest.WithInitialTermSize(120, 24))
	h := &harness{t: t, tm: tm, last: last, store: st, srv: srv}
	h.contains("cannot listen: listen tcp " + busy.Addr().String() + ": address already in use")
	h.contains("enter listen here") // focus moved to the address field
	// Focus moved to the address field: replace it and retry.
	for range len(busy.Addr().String()) + 2 {
		h.key(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	h.tm.Type("127.0.0.1:0")
	h.key(keyEnter)
	h.contains("● listening on 127.0.0.1:")
	h.quit()
}

func TestScrollBackStaysPutWhileDataArrives(t *testing.T) {
	h := newHarness(t, 80, 24)
	c := h.dial()
	for i := range 200 {
		c.Write([]byte(strings.Repeat("x", 10) + "\n"))
		_ = i
	}
	h.waitScreen("all bytes", func(string) bool { return h.store.Totals(netassist.TabServer).BytesIn == 2200 })
	h.key(keyTab) // receive pane
	h.key(keyHome)
	h.contains("#1 connected from")
	h.contains("Receive · scrolled 1/")
	c.Write([]byte("NEWDATA\n"))
	h.waitScreen("new data counted", func(string) bool { return h.store.Totals(netassist.TabServer).BytesIn == 2208 })
	time.Sleep(20 * time.Millisecond) // a frame or two
	if s := h.screen(); strings.Contains(s, "NEWDATA") || !strings.Contains(s, "connected from") {
		t.Fatalf("scrolled view moved:\n%s", s)
	}
	h.key(keyPgUp)
	h.key(keyDown)
	h.key(keyUp)
	h.key(keyEnd)
	h.contains("NEWDATA")
	h.contains("Receive · following")
	h.quit()
}

package tui

import (
	tea "charm.land/bubbletea/v2"

	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

func TestWebResizeTinyAndBack(t *testing.T) {
	t.Parallel()
	h := newWebHarness(t, 80, 24)
	h.get("/", "gzip")
	h.Row("GET", "/", "200", "gzip")
	h.Key(tuitest.Alt('i'))
	h.Contains("hold on (alt+i)")
	c := h.dialWeb()
	io.WriteString(c, "GET /held HTTP/1.1\r\nHost: x\r\n\r\n")
	h.Contains("Held (1)")
	for _, sz := range [][2]int{{80, 24}, {60, 20}, {40, 12}, {20, 5}, {10, 3}, {1, 1}, {0, 0}, {15, 40}, {200, 8}, {69, 30}, {80, 24}} {
		h.Send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		w, hh := sz[0], sz[1]
		s := h.WaitScreen("resize", func(s string) bool {
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
		if w == 80 && hh == 24 {
			// Everything that matters is on an 80×24 screen; the held
			// request is listed (and selected) at once.
			for _, want := range []string{"● listening on", "hold on (alt+i)", "Requests 2", "GET    /held", "held 6", "Raw #2 · text · GET /held", "Held (1)", "Reply for held #2"} {
				if !strings.Contains(s, want) {
					t.Errorf("80x24 lacks %q:\n%s", want, s)
				}
			}
		}
	}
	h.Quit()
}

// Without StartTab web, the Web tab waits for the user's key.
func TestWebStartsOnlyWhenAsked(t *testing.T) {
	t.Parallel()
	h := app{web: true}.start(t, 100, 30)
	h.Contains("● listening on 127.0.0.1:") // the Server tab
	h.Key(tuitest.Alt('3'))
	h.Contains("○ not listening — enter to start")
	h.Contains("No requests yet. Start the server")
	h.Key(tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}) // list → address (the held box is hidden)
	h.Contains("enter start server")
	h.Key(tuitest.Enter)
	h.Contains("web server listening on 127.0.0.1:")
	h.Quit()
}

// The Web tab of a session without a web server says so.
func TestWebTabWithoutServer(t *testing.T) {
	t.Parallel()
	h := newHarness(t, 80, 24)
	h.Key(tuitest.Alt('3'))
	h.Contains("No web server in this session.")
	h.Quit()
}

// The Server tab listens by itself only when it is the start tab: with
// `netassist web` or `netassist client` it opens no port until the user
// presses enter on its address (issue 12 item 10).
func TestServerStartsOnlyWhenAsked(t *testing.T) {
	t.Parallel()
	for _, start := range []netassist.Tab{netassist.TabWeb, netassist.TabClient} {
		h := app{client: true, set: func(c *Config) { c.StartTab = start }}.start(t, 100, 30)
		srv := h.srv
		h.Key(tuitest.Alt('1'))
		h.Contains("○ not listening — enter to start")
		if a := srv.Addr(); a != nil {
			t.Fatalf("start tab %s: the Server tab listens on %v unasked", start, a)
		}
		h.Key(tuitest.Enter) // the address has the focus
		h.Contains("● listening on 127.0.0.1:")
		if srv.Addr() == nil {
			t.Fatalf("start tab %s: listening shown, but the server has no listener", start)
		}
		h.Quit()
	}
}

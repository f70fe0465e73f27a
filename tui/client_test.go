package tui

import (
	"io"
	"net/http"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/tui/internal/tuitest"
)

func TestClientResizeTinyAndBack(t *testing.T) {
	t.Parallel()
	addr := httpAddr(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "tiny") })
	h := newClientHarness(t, 80, 24, newClient(), addr)
	h.Contains("● connected to")
	h.Key(tuitest.Send)
	h.Contains("HTTP/1.1 200 OK")
	check := func(w, hh int) {
		t.Helper()
		h.Send(tea.WindowSizeMsg{Width: w, Height: hh})
		s := h.WaitScreen("resize", func(s string) bool {
			if w == 0 || hh == 0 {
				return s == ""
			}
			lines := strings.Split(s, "\n")
			return len(lines) == hh && ansi.StringWidth(lines[0]) == w
		})
		for i, line := range strings.Split(s, "\n") {
			if lw := ansi.StringWidth(line); w > 0 && lw != w {
				t.Errorf("%dx%d: line %d is %d cells wide", w, hh, i, lw)
			}
		}
	}
	sizes := [][2]int{{20, 5}, {10, 3}, {1, 1}, {0, 0}, {15, 40}, {200, 8}, {3, 12}, {80, 24}}
	for _, sz := range sizes {
		check(sz[0], sz[1])
	}
	h.Key(tuitest.Alt('t')) // the picker at every size too
	for _, sz := range sizes {
		check(sz[0], sz[1])
	}
	h.Key(tuitest.Esc)
	h.Contains("HTTP/1.1 200 OK")
	h.Quit()
}

func TestClientHelpListsKeys(t *testing.T) {
	t.Parallel()
	h := newClientHarness(t, 100, 40, newClient(), "")
	h.Key(tuitest.F1)
	for _, want := range []string{"ctrl+r", "reconnect", "alt+w", "disconnect", "alt+f", "half-close (send FIN)",
		"alt+z", "decoded body", "alt+p", "HTTP summary", "ctrl+l", "edit address"} {
		h.Contains(want)
	}
	h.Key(tuitest.Esc)
	h.Contains("Connect to ")
	h.Quit()
}

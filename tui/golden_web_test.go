package tui

import (
	"fmt"
	"io"
	"regexp"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/netassist/netassist/tui/internal/tuitest"
)

var countdownDigits = regexp.MustCompile(`held \d+s|\d+s│`)

// The Web tab with a request held for a reply: listed at once with its
// countdown, its bytes in the raw pane, the reply box addressed to it.
func TestGoldenWebHeld(t *testing.T) {
	t.Parallel()
	for _, sz := range goldenSizes {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			h := newWebHarness(t, sz[0], sz[1])
			h.Key(tuitest.Alt('i'))
			h.StatusShows("hold on")
			c := h.dialWeb()
			io.WriteString(c, "POST /form HTTP/1.1\r\nHost: golden\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 11\r\n\r\nhello=world")
			want := []string{"Reply for held #1", `POST /form HTTP/1.1\r\n`, "Held (1)"}
			if sz[1] >= 40 {
				want = append(want, "hello=world") // at 80×24: tab to the raw pane, or zoom it
			}
			for _, w := range want {
				h.Contains(w)
			}
			// The countdown runs on the real deadline: mask its digits,
			// keeping widths, before the shared masks.
			s := countdownDigits.ReplaceAllStringFunc(h.NextFrame(), func(m string) string {
				return digit.ReplaceAllString(m, "#")
			})
			golden.RequireEqual(t, masked(s))
			h.Quit()
		})
	}
}

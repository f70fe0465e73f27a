package tui

import (
	"fmt"
	"io"
	"net"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// Golden screens of each tab at 80×24 and 120×40, so a change of layout,
// wording or order shows up as a diff (go test -run Golden -update
// rewrites them). Each is the last frame once the scene is still, without
// colours (ansi.Strip: the goldens hold no escape codes), and with what
// differs from run to run masked, keeping widths: the ports of
// 127.0.0.1, clock times, durations (and the line counts they change)
// and HTTP dates. The UI's
// own clock is fixed (Config.Clock).

var goldenSizes = [][2]int{{80, 24}, {120, 40}}

var (
	maskPort     = regexp.MustCompile(`127\.0\.0\.1:\d+`)
	maskClock    = regexp.MustCompile(`\d\d:\d\d:\d\d(\.\d+)?`)
	maskDuration = regexp.MustCompile(`\b\d+(\.\d+)?(ns|µs|ms|s)\b`)
	maskDocTotal = regexp.MustCompile(`(\d+-\d+/)(\d+)`)
	maskDate     = regexp.MustCompile(`(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}`)
	digit        = regexp.MustCompile(`\d`)
)

// masked is screen with what changes from run to run replaced, digit by
// digit, by 0 (ports by #), and durations by "(duration)".
func masked(screen string) string {
	zero := func(s string) string { return digit.ReplaceAllString(s, "0") }
	screen = maskPort.ReplaceAllStringFunc(screen, func(s string) string {
		host, port, _ := strings.Cut(s, ":")
		return host + ":" + strings.Repeat("#", len(port))
	})
	screen = maskClock.ReplaceAllStringFunc(screen, zero)
	// A pane's line count ("1-7/33"): a long duration wraps into one more.
	screen = maskDocTotal.ReplaceAllStringFunc(screen, func(s string) string {
		head, total, _ := strings.Cut(s, "/")
		return head + "/" + zero(total)
	})
	screen = maskDate.ReplaceAllStringFunc(screen, func(s string) string {
		return "Day, " + zero(s[5:7]) + " Mon " + zero(s[12:])
	})
	// A duration's width varies ("93µs", "1.234ms"), and so does where
	// the text after it stands: mask from it to the end of its pane.
	lines := strings.Split(screen, "\n")
	for i, l := range lines {
		loc := maskDuration.FindStringIndex(l)
		if loc == nil {
			continue
		}
		end := strings.Index(l[loc[0]:], "│")
		if end < 0 {
			end = len(l) - loc[0]
		}
		n := utf8.RuneCountInString(l[loc[0] : loc[0]+end])
		lines[i] = l[:loc[0]] + "(duration)" + strings.Repeat(" ", max(n-len("(duration)"), 0)) + l[loc[0]+end:]
	}
	return strings.Join(lines, "\n")
}

// fixedClock is the UI's clock in the golden scenes.
func fixedClock() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }

// still waits for the scene to settle on a frame holding every want, and
// returns that frame masked.
func (h *harness) still(want ...string) string {
	h.T.Helper()
	for _, w := range want {
		h.Contains(w)
	}
	s := h.NextFrame()
	for _, w := range want {
		if !strings.Contains(s, w) {
			h.T.Fatalf("the scene moved on: %q is gone:\n%s", w, s)
		}
	}
	return masked(s)
}

func TestGoldenServer(t *testing.T) {
	t.Parallel()
	for _, sz := range goldenSizes {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			h := app{set: func(c *Config) { c.Clock = fixedClock }}.start(t, sz[0], sz[1])
			h.Contains("● listening on 127.0.0.1:")
			h.StatusShows("listening on 127.0.0.1:") // the listen's status lands first
			c := h.dial()
			const req = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: golden\r\n\r\n"
			io.WriteString(c, req)
			tuitest.WaitFor(t, "the request", func() bool { return h.store.Totals(netassist.TabServer).BytesIn == int64(len(req)) })
			h.Key(tuitest.Alt('t')) // the reply template
			h.Key(tuitest.Send)
			golden.RequireEqual(t, h.still("sent 109 bytes to all (1 open)", `<h1>hi</h1>`))
			h.Quit()
		})
	}
}

func TestGoldenClient(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() { // a fixed reply to each request, as a server that sets no Date
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				buf := make([]byte, 4096)
				if _, err := c.Read(buf); err != nil {
					return
				}
				io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 14\r\n\r\nhello, golden\n")
				c.Read(buf) // until the client goes
			}()
		}
	}()
	for _, sz := range goldenSizes {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			h := app{client: true, set: func(c *Config) {
				c.Clock, c.ClientAddr, c.StartTab = fixedClock, ln.Addr().String(), netassist.TabClient
			}}.start(t, sz[0], sz[1])
			h.Contains("● connected to 127.0.0.1:")
			h.StatusShows("connected to 127.0.0.1:") // the connect's status lands first
			h.Key(tuitest.Send)
			golden.RequireEqual(t, h.still("sent 101 bytes to 127.0.0.1:", "body 14 B of Content-Length 14 B · complete"))
			h.Quit()
		})
	}
}

func TestGoldenWeb(t *testing.T) {
	t.Parallel()
	for _, sz := range goldenSizes {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			h := newWebHarness(t, sz[0], sz[1])
			c := h.dialWeb()
			io.WriteString(c, "GET /style.css HTTP/1.1\r\nHost: golden\r\nAccept-Encoding: gzip, br;q=0\r\nConnection: close\r\n\r\n")
			io.ReadAll(c)
			h.Row("GET", "/style.css", "200")
			golden.RequireEqual(t, h.still("Raw #1", "Requests 1"))
			h.Quit()
		})
	}
}

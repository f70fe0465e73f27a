package tui

import (
	"fmt"
	"io"
	"net"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/i18n"
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
	maskConnPort = regexp.MustCompile(`(#\d+ :)(\d+)`)
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
	screen = maskConnPort.ReplaceAllStringFunc(screen, func(s string) string {
		head, port, _ := strings.Cut(s, ":")
		return head + ":" + strings.Repeat("#", len(port))
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
		n := ansi.StringWidth(l[loc[0] : loc[0]+end])
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

// goldenLangs are the languages every golden scene is drawn in.
var goldenLangs = []i18n.Lang{i18n.LangEnglish, i18n.LangChinese}

// each runs scene once per language and size, as subtests named
// "en/80x24": the golden files are testdata/<Test>/<lang>/<size>.golden.
func each(t *testing.T, sizes [][2]int, scene func(t *testing.T, l i18n.Lang, w, h int)) {
	for _, l := range goldenLangs {
		for _, sz := range sizes {
			t.Run(fmt.Sprintf("%s/%dx%d", l, sz[0], sz[1]), func(t *testing.T) {
				t.Parallel()
				scene(t, l, sz[0], sz[1])
			})
		}
	}
}

// tr is the text of l.
func tr(l i18n.Lang) i18n.Text { return i18n.For(l) }

// serverScene is the Server tab after a request came in and the reply
// template went back.
func serverScene(t *testing.T, l i18n.Lang, w, h int, set func(*Config)) *harness {
	hs := app{rules: true, follow: true, set: func(c *Config) {
		c.Clock, c.Lang = fixedClock, l
		c.Server.MaxConns = 512 // not the machine's file limit
		if set != nil {
			set(c)
		}
	}}.start(t, w, h)
	txt := tr(l)
	hs.Contains("● " + fmt.Sprintf(txt.Listening, "127.0.0.1:"))
	hs.StatusShows(fmt.Sprintf(txt.RestartedOn, "127.0.0.1:")) // the listen's status lands first
	c := hs.dial()
	const req = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: golden\r\n\r\n"
	io.WriteString(c, req)
	tuitest.WaitFor(t, "the request", func() bool { return hs.store.Totals(netassist.TabServer).BytesIn == int64(len(req)) })
	hs.Key(tuitest.Alt('t')) // the template picker: the tab's short reply is first
	hs.Contains(txt.Editor.BasicName)
	hs.Key(tuitest.Enter)
	hs.Key(tuitest.Send)
	hs.StatusShows(fmt.Sprintf(txt.Sent, 109, ""))
	tuitest.WaitFor(t, "the reply", func() bool { return hs.store.Totals(netassist.TabServer).BytesOut == 109 })
	hs.Contains(`<h1>hi</h1>`)
	hs.Contains("109↑")
	return hs
}

func TestGoldenServer(t *testing.T) {
	t.Parallel()
	each(t, goldenSizes, func(t *testing.T, l i18n.Lang, w, h int) {
		hs := serverScene(t, l, w, h, nil)
		golden.RequireEqual(t, hs.still(`<h1>hi</h1>`))
		hs.Quit()
	})
}

// The overlays of the Server tab at 80×24: the full help, the rules view
// with a rule, the message log.
func TestGoldenHelp(t *testing.T) {
	t.Parallel()
	each(t, goldenSizes[:1], func(t *testing.T, l i18n.Lang, w, h int) {
		hs := serverScene(t, l, w, h, nil)
		hs.Key(tuitest.F1)
		golden.RequireEqual(t, hs.still(tr(l).HelpClose))
		hs.Quit()
	})
}

func TestGoldenRules(t *testing.T) {
	t.Parallel()
	each(t, goldenSizes[:1], func(t *testing.T, l i18n.Lang, w, h int) {
		hs := serverScene(t, l, w, h, nil)
		rt := tr(l).Rules
		hs.Key(tuitest.F5)
		hs.Contains(rt.Empty[:6])
		hs.Key(tuitest.Plain('a'))
		hs.Contains(rt.AddTitle)
		hs.Type("PING")
		hs.Key(tuitest.Down) // pattern is hex
		hs.Key(tuitest.Down) // reply
		hs.Type(`PONG\r\n`)
		hs.Contains(fmt.Sprintf(rt.Valid, 4))
		form := hs.still(fmt.Sprintf(rt.Valid, 4))
		t.Run("form", func(t *testing.T) { golden.RequireEqual(t, form) })
		hs.Key(tuitest.Enter)
		hs.Contains(fmt.Sprintf(rt.Added, 1))
		list := hs.still(`PONG\r\n`)
		t.Run("list", func(t *testing.T) { golden.RequireEqual(t, list) })
		hs.Quit()
	})
}

func TestGoldenLog(t *testing.T) {
	t.Parallel()
	each(t, goldenSizes[:1], func(t *testing.T, l i18n.Lang, w, h int) {
		hs := serverScene(t, l, w, h, nil)
		hs.Send(common.StatusMsg{Text: "cannot listen: listen tcp 127.0.0.1:20004: bind: address already in use",
			Err: true, Tab: netassist.TabServer, At: fixedClock()})
		hs.Key(tuitest.F9)
		golden.RequireEqual(t, hs.still("already in use"))
		hs.Quit()
	})
}

// replyServer is a server that gives a fixed reply to each request, as a
// server that sets no Date does.
func replyServer(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
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
	return ln.Addr().String()
}

// clientScene is the Client tab connected to addr, after sending the
// request template and reading the reply.
func clientScene(t *testing.T, l i18n.Lang, w, h int, addr string) *harness {
	hs := app{client: true, set: func(c *Config) {
		c.Clock, c.ClientAddr, c.StartTab, c.Lang = fixedClock, addr, netassist.TabClient, l
	}}.start(t, w, h)
	ct := tr(l).Client
	hs.Contains("● " + fmt.Sprintf(ct.StateConnected, "127.0.0.1:"))
	hs.StatusShows(fmt.Sprintf(ct.Connected, "127.0.0.1:")) // the connect's status lands first
	hs.Key(tuitest.Send)
	hs.Contains("hello, golden")
	hs.StatusShows(fmt.Sprintf(tr(l).Sent, 101, ""))
	return hs
}

func TestGoldenClient(t *testing.T) {
	t.Parallel()
	addr := replyServer(t)
	each(t, goldenSizes, func(t *testing.T, l i18n.Lang, w, h int) {
		hs := clientScene(t, l, w, h, addr)
		golden.RequireEqual(t, hs.still(fmt.Sprintf(tr(l).Client.BodyLength, "14 B", "14 B", tr(l).Client.Complete)))
		hs.Quit()
	})
}

// The Client tab's template picker at 80×24.
func TestGoldenPicker(t *testing.T) {
	t.Parallel()
	addr := replyServer(t)
	each(t, goldenSizes[:1], func(t *testing.T, l i18n.Lang, w, h int) {
		hs := clientScene(t, l, w, h, addr)
		hs.Key(tuitest.Alt('t'))
		golden.RequireEqual(t, hs.still(tr(l).Client.PickPreview))
		hs.Quit()
	})
}

func TestGoldenWeb(t *testing.T) {
	t.Parallel()
	each(t, goldenSizes, func(t *testing.T, l i18n.Lang, w, h int) {
		hs := app{web: true, set: func(c *Config) { c.StartTab, c.Lang = netassist.TabWeb, l }}.start(t, w, h)
		s := hs.WaitScreen("web listening", func(s string) bool { return webListening.MatchString(s) })
		hs.addr = webListening.FindStringSubmatch(s)[1]
		hs.StatusShows(fmt.Sprintf(tr(l).Web.StartedStatus, "127.0.0.1:"))
		c := hs.dialWeb()
		io.WriteString(c, "GET /style.css HTTP/1.1\r\nHost: golden\r\nAccept-Encoding: gzip, br;q=0\r\nConnection: close\r\n\r\n")
		io.ReadAll(c)
		hs.Row("GET", "/style.css", "200")
		golden.RequireEqual(t, hs.still(fmt.Sprintf(tr(l).Web.RawTitle, 1, tr(l).ModeText, "GET /style.css")))
		hs.Quit()
	})
}

// webListening finds the web server's address in either language.
var webListening = regexp.MustCompile(`● [^\n]*?(127\.0\.0\.1:\d+)`)

// The annotated view (f7) of the Server scene's request at 80×24.
func TestGoldenAnnotate(t *testing.T) {
	t.Parallel()
	each(t, goldenSizes[:1], func(t *testing.T, l i18n.Lang, w, h int) {
		hs := serverScene(t, l, w, h, nil)
		hs.Key(tuitest.F7)
		golden.RequireEqual(t, hs.still(fmt.Sprintf(tr(l).Root.AnnotateTitle, tr(l).Root.AnnotateRequest, "55 B")))
		hs.Quit()
	})
}

// Presenter mode at 80×24: the receive pane alone under the address line,
// no key hints.
func TestGoldenPresent(t *testing.T) {
	t.Parallel()
	each(t, goldenSizes[:1], func(t *testing.T, l i18n.Lang, w, h int) {
		hs := serverScene(t, l, w, h, nil)
		hs.Key(tuitest.F8)
		hs.StatusShows(tr(l).Root.PresentOn[:12])
		hs.Key(tuitest.Tab) // the receive pane
		golden.RequireEqual(t, hs.still(`<h1>hi</h1>`, "╭─"+tr(l).Receive))
		hs.Quit()
	})
}

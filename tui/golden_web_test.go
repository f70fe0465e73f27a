package tui

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// countdownDigits finds a held request's countdown, in the request list
// ("held 57s", "挂起 57秒") and the held list ("57s│").
var countdownDigits = regexp.MustCompile(`(held|挂起) \d+(s|秒)|\d+(s|秒)│`)

// labTime finds the lab's time column: "  450µs", " 12.3ms".
var labTime = regexp.MustCompile(` {0,6}\d+(\.\d+)?(µs|ms)`)

// The Web tab with a request held for a reply: listed at once with its
// countdown, its bytes in the raw pane, the reply box addressed to it.
func TestGoldenWebHeld(t *testing.T) {
	t.Parallel()
	each(t, goldenSizes, func(t *testing.T, l i18n.Lang, w, h int) {
		txt := tr(l)
		hs := app{web: true, set: func(c *Config) { c.StartTab, c.Lang = netassist.TabWeb, l }}.start(t, w, h)
		s := hs.WaitScreen("web listening", func(s string) bool { return webListening.MatchString(s) })
		hs.addr = webListening.FindStringSubmatch(s)[1]
		hs.StatusShows(fmt.Sprintf(txt.Web.StartedStatus, "127.0.0.1:"))
		hs.Key(tuitest.Alt('i'))
		hs.StatusShows(txt.Web.HoldOnStatus)
		c := hs.dialWeb()
		io.WriteString(c, "POST /form HTTP/1.1\r\nHost: golden\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 11\r\n\r\nhello=world")
		want := []string{fmt.Sprintf(txt.Web.ReplyFor, 1), `POST /form HTTP/1.1\r\n`, fmt.Sprintf(txt.Web.Held, 1)}
		if h >= 40 {
			want = append(want, "hello=world") // at 80×24: tab to the raw pane, or zoom it
		}
		for _, w := range want {
			hs.Contains(w)
		}
		// The countdown runs on the real deadline: mask its digits,
		// keeping widths, before the shared masks.
		frame := countdownDigits.ReplaceAllStringFunc(hs.NextFrame(), func(m string) string {
			return digit.ReplaceAllString(m, "#")
		})
		golden.RequireEqual(t, masked(frame))
		hs.Quit()
	})
}

// The encoding lab open on a gzip response of the demo's larger page.
func TestGoldenWebLab(t *testing.T) {
	t.Parallel()
	each(t, goldenSizes, func(t *testing.T, l i18n.Lang, w, h int) {
		txt := tr(l)
		hs := app{web: true, set: func(c *Config) { c.StartTab, c.Lang = netassist.TabWeb, l }}.start(t, w, h)
		s := hs.WaitScreen("web listening", func(s string) bool { return webListening.MatchString(s) })
		hs.addr = webListening.FindStringSubmatch(s)[1]
		hs.StatusShows(fmt.Sprintf(txt.Web.StartedStatus, "127.0.0.1:"))
		hs.get("/http.html", "gzip, br;q=0.5, zstd;q=0")
		hs.Row("GET", "/http.html", "200", "gzip")
		hs.Key(tuitest.Plain('l'))
		for _, w := range []string{fmt.Sprintf(txt.Web.Lab.Title, 1, "GET /http.html"), txt.Web.Lab.Sent} {
			hs.Contains(w)
		}
		// How long each coding took varies: mask the whole time column
		// (7 cells, right-aligned) before the shared masks.
		frame := labTime.ReplaceAllStringFunc(hs.NextFrame(), func(m string) string {
			return strings.Repeat("#", utf8.RuneCountInString(m))
		})
		golden.RequireEqual(t, masked(frame))
		hs.Quit()
	})
}

// Two requests compared header by header: curl's, then a reload of it
// with If-None-Match and another User-Agent.
func TestGoldenWebDiff(t *testing.T) {
	t.Parallel()
	each(t, goldenSizes, func(t *testing.T, l i18n.Lang, w, h int) {
		txt := tr(l)
		hs := app{web: true, set: func(c *Config) { c.StartTab, c.Lang = netassist.TabWeb, l }}.start(t, w, h)
		s := hs.WaitScreen("web listening", func(s string) bool { return webListening.MatchString(s) })
		hs.addr = webListening.FindStringSubmatch(s)[1]
		hs.StatusShows(fmt.Sprintf(txt.Web.StartedStatus, "127.0.0.1:"))
		for _, req := range []string{
			"GET /style.css HTTP/1.1\r\nHost: golden\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\nConnection: close\r\n\r\n",
			"GET /style.css HTTP/1.1\r\nHost: golden\r\nAccept: */*\r\nUser-Agent: Mozilla/5.0\r\nIf-None-Match: \"b5ba6b42b0d36371\"\r\n\r\n",
		} {
			c := hs.dialWeb()
			io.WriteString(c, req)
			if strings.Contains(req, "close") {
				io.ReadAll(c)
			}
		}
		hs.Row("GET", "/style.css", "304")
		hs.Key(tuitest.Up)
		hs.Key(tuitest.Plain('c'))
		hs.StatusShows(fmt.Sprintf(txt.Web.Diff.Marked, 1))
		hs.Key(tuitest.Down)
		hs.Key(tuitest.Plain('d'))
		golden.RequireEqual(t, hs.still(fmt.Sprintf(txt.Web.Diff.Title, 1, 2)))
		hs.Quit()
	})
}

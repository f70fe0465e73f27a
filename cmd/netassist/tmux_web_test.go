package main

import (
	"fmt"
	"os/exec"
	"regexp"
	"testing"
	"time"
)

// startWebTmux runs `netassist web` on a free port in a w×h terminal and
// returns the session and the address it listens on.
func startWebTmux(t *testing.T, w, h int) (*tmuxSession, string) {
	t.Helper()
	s := newTmux(t, w, h)
	s.keys(binary+" web -l 127.0.0.1:0; echo EXIT=$?", "Enter")
	addr := s.waitFor("listening", regexp.MustCompile(`listening on (127\.0\.0\.1:\d+)`))[1]
	return s, addr
}

// curlAsync runs curl with args and delivers what it printed.
func curlAsync(t *testing.T, args ...string) <-chan string {
	curl := requireTool(t, "curl")
	out := make(chan string, 1)
	go func() {
		b, err := exec.Command(curl, args...).CombinedOutput()
		if err != nil {
			out <- fmt.Sprintf("curl: %v: %s", err, b)
			return
		}
		out <- string(b)
	}()
	return out
}

// In hold mode, a request from curl is listed at once, at 80×24, with its
// bytes, headers and body, before any reply; the reply is then written
// from it and curl prints it; the held row and the answer are one row
// (issue 12 item 6).
func TestTmuxWebHeldRequestShownBeforeReply(t *testing.T) {
	s, addr := startWebTmux(t, 80, 24)
	s.keys("M-i")
	s.waitFor("hold on", regexp.MustCompile(`hold on \(alt\+i\)`))
	out := curlAsync(t, "-s", "-m", "30", "-d", "hello=world", "http://"+addr+"/form")
	s.waitFor("the held row", regexp.MustCompile(`#1\s+c\d+\s+POST\s+/form\s+held \d+s`))
	s.waitFor("the raw request", regexp.MustCompile(`POST /form HTTP/1\.1\\r\\n`))
	s.waitFor("the reply box for it", regexp.MustCompile(`Reply for held #1`))
	// Read the whole request, zoomed: the body is there before any reply.
	s.keys("Tab")
	s.keys("z")
	s.waitFor("curl's body", regexp.MustCompile(`hello=world`))
	s.waitFor("no response yet", regexp.MustCompile(`▶ out · nothing yet: the request is held`))
	select {
	case got := <-out:
		t.Fatalf("curl finished before the reply: %q", got)
	default:
	}
	s.keys("C-s")
	select {
	case got := <-out:
		if got != "hand-crafted by netassist" {
			t.Fatalf("curl printed %q", got)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("curl got no reply")
	}
	s.keys("z")
	s.waitFor("one row, answered", regexp.MustCompile(`Requests 1 ·[^\n]*\n[^\n]*#1\s+c\d+\s+POST\s+/form\s+200\s+identity`))
	s.keys("C-c")
	s.waitFor("exit", regexp.MustCompile(`EXIT=0`))
}

// curl --compressed asking for gzip: the raw pane shows the response as
// sent, its gzip body as gzip bytes (1f 8b in the hex view), under a
// label with direction and size (issue 12 item 8).
func TestTmuxWebRawResponseIsCompressedBytes(t *testing.T) {
	s, addr := startWebTmux(t, 80, 24)
	out := curlAsync(t, "-s", "-m", "20", "--compressed", "-H", "Accept-Encoding: gzip", "http://"+addr+"/")
	if got := <-out; !regexp.MustCompile(`<html`).MatchString(got) {
		t.Fatalf("curl --compressed printed %q", got)
	}
	s.waitFor("the row", regexp.MustCompile(`GET\s+/\s+200\s+gzip`))
	s.keys("Tab")
	s.keys("z")
	s.waitFor("the request label", regexp.MustCompile(`◀ in · request · \d+ B`))
	s.keys("x")
	s.waitFor("hex view", regexp.MustCompile(`Raw #1 · hex`))
	// Page down, a page at a time, as a person reads, to the response.
	label := regexp.MustCompile(`▶ out · response · [\d.]+ (B|KiB) \(head \d+ B, body [\d.]+ (B|KiB) gzip\)`)
	magic := regexp.MustCompile(`(?m)^│0000[0-9a-f]{4}  .*1f 8b 08`)
	sawLabel := false
	for page := 1; ; page++ {
		scr := s.screen()
		sawLabel = sawLabel || label.MatchString(scr)
		if magic.MatchString(scr) {
			break
		}
		if page > 6 {
			t.Fatalf("no gzip magic in the hex view after %d pages:\n%s", page, scr)
		}
		s.keys("NPage")
		s.waitFor("page "+fmt.Sprint(page), regexp.MustCompile(fmt.Sprintf(`Raw #1 · hex · GET / · %d-`, 1+12*page)))
	}
	if !sawLabel {
		t.Error("the response label was never on screen")
	}
	s.keys("C-c")
	s.waitFor("exit", regexp.MustCompile(`EXIT=0`))
}

// The encoding lab at 80×24 on curl's gzip request: every coding's size,
// gzip marked sent with the reason from curl's q-values, and gzip's first
// bytes, 1f 8b, beside the HTML they decode to (issue 14 item 3).
func TestTmuxWebEncodingLab(t *testing.T) {
	s, addr := startWebTmux(t, 80, 24)
	out := curlAsync(t, "-s", "-m", "20", "--compressed", "-H", "Accept-Encoding: gzip, br;q=0.5", "http://"+addr+"/http.html")
	if got := <-out; !regexp.MustCompile(`<html`).MatchString(got) {
		t.Fatalf("curl printed %q", got)
	}
	s.waitFor("the row", regexp.MustCompile(`GET\s+/http\.html\s+200\s+gzip`))
	s.keys("l")
	s.waitFor("the lab", regexp.MustCompile(`Encoding lab #1 · GET /http\.html`))
	s.waitFor("gzip sent", regexp.MustCompile(`▶ gzip\s+[\d.]+ KiB\s+\d+%.*← sent`))
	s.waitFor("why", regexp.MustCompile(`the client's first choice \(q=1\)`))
	s.waitFor("br's reason", regexp.MustCompile(`accepted \(q=0\.5\), but gzip weighs more`))
	s.waitFor("zstd's reason", regexp.MustCompile(`not offered: the client did not list it`))
	s.keys("End")
	s.waitFor("1f 8b beside the HTML", regexp.MustCompile(`1f 8b 08 [0-9a-f ]+⇄  <!doctype html>`))
	s.keys("Escape")
	s.waitFor("the list again", regexp.MustCompile(`Requests 1 ·`))
	s.keys("C-c")
	s.waitFor("exit", regexp.MustCompile(`EXIT=0`))
}

// Two curl requests compared at 80×24: the first marked with c, the
// second (a reload with If-None-Match) selected, d: header by header
// (issue 14 item 5).
func TestTmuxWebCompareRequests(t *testing.T) {
	s, addr := startWebTmux(t, 80, 24)
	if got := <-curlAsync(t, "-s", "-m", "20", "-o", "/dev/null", "-w", "%{http_code}", "http://"+addr+"/style.css"); got != "200" {
		t.Fatalf("first curl: %q", got)
	}
	s.waitFor("the first row", regexp.MustCompile(`#1\s+c\d+\s+GET\s+/style\.css\s+200`))
	if got := <-curlAsync(t, "-s", "-m", "20", "-o", "/dev/null", "-w", "%{http_code}", "-H", `If-None-Match: "x"`, "-A", "reload/1", "http://"+addr+"/style.css"); got != "200" {
		t.Fatalf("second curl: %q", got)
	}
	s.waitFor("the second row", regexp.MustCompile(`#2\s+c\d+\s+GET\s+/style\.css\s+200`))
	s.keys("Up")
	s.waitFor("the first selected", regexp.MustCompile(`scrolled 1/2`))
	s.keys("c")
	s.waitFor("marked", regexp.MustCompile(`◆#1`))
	s.keys("Down")
	s.waitFor("the second selected", regexp.MustCompile(`following`))
	s.keys("d")
	s.waitFor("the diff", regexp.MustCompile(`Compare A #1 → B #2 · 2 fields differ`))
	s.waitFor("the changed User-Agent", regexp.MustCompile(`~ User-Agent: value differs`))
	s.keys("End")
	s.waitFor("the added header", regexp.MustCompile(`\+ If-None-Match: "x"`))
	s.keys("Escape")
	s.waitFor("the list again", regexp.MustCompile(`Requests 2 ·`))
	s.keys("C-c")
	s.waitFor("exit", regexp.MustCompile(`EXIT=0`))
}

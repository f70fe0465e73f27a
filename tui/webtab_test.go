package tui

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/compose"
	"github.com/netassist/netassist/netassist/render"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/keymap"
	"github.com/netassist/netassist/tui/styles"
)

// webHarness is a running TUI started on the Web tab, its demo-site web
// server listening on 127.0.0.1:0.
type webHarness struct {
	*harness
	web  *httpserve.Server
	addr string
}

var listeningOn = regexp.MustCompile(`● listening on (127\.0\.0\.1:\d+)`)

func newWebHarness(t *testing.T, w, h int) *webHarness {
	t.Helper()
	return startWeb(t, w, h, "127.0.0.1:0", true)
}

func startWeb(t *testing.T, w, h int, addr string, wait bool) *webHarness {
	t.Helper()
	st := netassist.NewStore(0)
	srv := &netassist.Server{Store: st}
	web, err := httpserve.New(st, httpserve.Config{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(func() { cancel(); web.Close(); srv.Close() })
	m := New(Config{
		Store: st, Server: srv, Web: web,
		ListenAddr: "127.0.0.1:0", WebAddr: addr, StartTab: netassist.TabWeb,
		IsDark: true, Context: ctx, FrameInterval: time.Millisecond,
	})
	last := &atomic.Pointer[string]{}
	tm := teatest.NewTestModel(t, probe{m, last}, teatest.WithInitialTermSize(w, h))
	wh := &webHarness{harness: &harness{t: t, tm: tm, last: last, store: st, srv: srv}, web: web}
	if wait {
		s := wh.waitScreen("web listening", func(s string) bool { return listeningOn.MatchString(s) })
		wh.addr = listeningOn.FindStringSubmatch(s)[1]
	}
	return wh
}

func (h *webHarness) dialWeb() net.Conn {
	h.t.Helper()
	c, err := net.Dial("tcp", h.addr)
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(10 * time.Second))
	return c
}

// get fetches path with Go's client, asking for exactly the codings in ae
// (Go's transparent gzip is off, so the body arrives as sent).
func (h *webHarness) get(path, ae string) (*http.Response, []byte) {
	h.t.Helper()
	req, _ := http.NewRequest("GET", "http://"+h.addr+path, nil)
	req.Header.Set("Accept-Encoding", ae)
	cl := &http.Client{Transport: &http.Transport{DisableCompression: true}, Timeout: 10 * time.Second}
	resp, err := cl.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		h.t.Fatal(err)
	}
	return resp, body
}

// finalWebTab quits and returns the Web tab's final state (read after the
// program stopped: no race).
func (h *webHarness) finalWebTab() *webTab {
	h.key(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	fm := h.tm.FinalModel(h.t, teatest.WithFinalTimeout(5*time.Second))
	return fm.(probe).Model.(Model).tabs[tabWeb].(*webTab)
}

// row waits for a request row holding every one of parts, in order.
func (h *webHarness) row(parts ...string) string {
	h.t.Helper()
	pat := make([]string, len(parts))
	for i, p := range parts {
		pat[i] = regexp.QuoteMeta(p)
	}
	re := regexp.MustCompile(strings.Join(pat, `\s+`))
	s := h.waitScreen("row "+strings.Join(parts, " "), func(s string) bool { return re.MatchString(s) })
	return re.FindString(s)
}

func TestWebGzipRowAndParsedSideBySide(t *testing.T) {
	h := newWebHarness(t, 140, 40)
	h.contains("No requests yet. Try: curl --compressed http://" + h.addr + "/")
	resp, body := h.get("/", "gzip")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("GET /: %d %q", resp.StatusCode, resp.Header.Get("Content-Encoding"))
	}
	if zr, err := gzip.NewReader(bytes.NewReader(body)); err != nil {
		t.Fatal(err)
	} else if page, err := io.ReadAll(zr); err != nil || !bytes.Contains(page, []byte("<html")) {
		t.Fatalf("gzip body: %v", err)
	}
	h.row("GET", "/", "200", "gzip")
	// The client's Accept-Encoding and the server's choice, side by side.
	h.contains("Coding  Accept-Encoding: gzip  ⇄  Content-Encoding: gzip")
	h.contains("Accept-Encoding  gzip  ⇒ sent gzip (negotiated)")
	h.contains("Status  HTTP/1.1 200 OK")
	// The response headers continue below: scroll the parsed pane.
	h.key(keyTab)
	h.key(keyTab)
	h.key(keyEnd)
	h.contains("Vary                    Accept-Encoding")
	ratio := regexp.MustCompile(`Body\s+\d[\d.]* (B|KiB) raw → \d[\d.]* (B|KiB) gzip \(\d+%\)`)
	h.waitScreen("body ratio", ratio.MatchString)
	t.Logf("screen:\n%s", h.screen())
	h.quit()
}

// The raw pane shows exactly the bytes a raw socket wrote: header case and
// order kept, for two keep-alive requests on one connection.
func TestWebRawPaneShowsExactBytes(t *testing.T) {
	h := newWebHarness(t, 160, 44)
	c := h.dialWeb()
	first := "GET /style.css HTTP/1.1\r\nhOsT: Example\r\nX-ODD-case: 1\r\naccept-ENCODING: identity\r\nZ-Last: z\r\n\r\n"
	second := "GET /logo.png?x=1 HTTP/1.1\r\nHost: x\r\nA-First: a\r\n\r\n"
	br := bufio.NewReader(c)
	io.WriteString(c, first)
	if resp, err := http.ReadResponse(br, nil); err != nil || resp.StatusCode != 200 {
		t.Fatalf("first: %v", err)
	} else {
		io.Copy(io.Discard, resp.Body)
	}
	h.row("GET", "/style.css", "200", "identity")
	s := h.contains(`Z-Last: z\r\n`)
	// In wire order, each on its own line of the raw pane.
	order := []string{`GET /style.css HTTP/1.1\r\n`, `hOsT: Example\r\n`, `X-ODD-case: 1\r\n`, `accept-ENCODING: identity\r\n`, `Z-Last: z\r\n`}
	pos := -1
	for _, want := range order {
		i := strings.Index(s, want)
		if i <= pos {
			t.Fatalf("%q missing or out of order:\n%s", want, s)
		}
		pos = i
	}
	io.WriteString(c, second)
	if resp, err := http.ReadResponse(br, nil); err != nil {
		t.Fatalf("second: %v", err)
	} else {
		io.Copy(io.Discard, resp.Body)
	}
	h.row("GET", "/logo.png?x=1")
	h.contains(`A-First: a\r\n`)
	// Hex view: the offsets are those of the connection's inbound stream.
	h.key(alt('x'))
	h.contains(strings.Repeat("0", 6) + strconv.FormatInt(int64(len(first)), 16) + "  47 45 54 20 2f 6c 6f 67")
	h.key(alt('x'))
	// Select the first request again (the list follows the newest until
	// the user moves).
	h.key(keyUp)
	h.contains(`hOsT: Example\r\n`)
	h.contains("Requests 2 · scrolled 1/2")

	wt := h.finalWebTab()
	var got []string
	for _, l := range wt.raw.lines {
		got = append(got, ansi.Strip(l))
	}
	if want := render.String([]byte(first)); strings.Join(got, "\n")+"\n" != want {
		t.Errorf("raw pane:\n%q\nwant\n%q", strings.Join(got, "\n"), want)
	}
}

// alt+n cycles auto → identity → gzip → deflate → br: the next request
// gets br, shown as forced and not accepted (the client asked for gzip).
func TestWebForceEncoding(t *testing.T) {
	h := newWebHarness(t, 140, 40)
	h.contains("encoding auto (negotiate) (alt+n)")
	for _, want := range []string{"identity", "gzip", "deflate", "br"} {
		h.key(alt('n'))
		h.contains("encoding " + want + " (alt+n)")
	}
	h.contains("encoding forced to br for the next requests")
	resp, _ := h.get("/", "gzip")
	if ce := resp.Header.Get("Content-Encoding"); ce != "br" {
		t.Fatalf("Content-Encoding %q, want br", ce)
	}
	h.row("GET", "/", "200", "br!")
	h.contains("Content-Encoding: br (forced, NOT")
	h.contains("Accept-Encoding  gzip  ⇒ sent br (forced, NOT accepted)")
	// Plain n in the list pane goes on to zstd, then back to auto.
	h.key(tea.KeyPressMsg{Code: 'n', Text: "n"})
	h.contains("encoding zstd (alt+n)")
	h.key(tea.KeyPressMsg{Code: 'n', Text: "n"})
	h.contains("encoding auto (negotiate) (alt+n)")
	resp, _ = h.get("/", "gzip")
	if ce := resp.Header.Get("Content-Encoding"); ce != "gzip" {
		t.Fatalf("after auto: Content-Encoding %q", ce)
	}
	h.quit()
}

// Hand-crafted mode answers every request with the reply editor's bytes,
// and follows edits.
func TestWebCraftedReply(t *testing.T) {
	h := newWebHarness(t, 120, 36)
	want, err := compose.Text(i18n.English().Web.ReplyTemplate, compose.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	h.key(alt('m'))
	h.contains("hand-crafted mode on: every request gets these " + strconv.Itoa(len(want)) + " bytes")
	h.contains("hand-crafted on (alt+m)")

	c := h.dialWeb()
	io.WriteString(c, "GET /anything HTTP/1.1\r\nHost: x\r\n\r\n")
	got := make([]byte, len(want))
	if _, err := io.ReadFull(c, got); err != nil || !bytes.Equal(got, want) {
		t.Fatalf("crafted reply %q, %v; want %q", got, err, want)
	}
	h.row("GET", "/anything", "200")
	h.contains("hand-crafted reply")

	// Edit the reply: the next request gets the new bytes.
	h.key(alt('k'))
	for range 3 { // list → raw → parsed → reply editor
		h.key(keyTab)
	}
	h.contains("esc leave field") // the editor has focus
	h.tm.Type(`HTTP/1.1 204 No Content\r\nX-Edited: yes\r\n\r\n`)
	h.contains("42 bytes: HTTP/1.1 204 No Content")
	c2 := h.dialWeb()
	io.WriteString(c2, "GET /again HTTP/1.1\r\nHost: x\r\n\r\n")
	if got, _ := io.ReadAll(c2); string(got) != "HTTP/1.1 204 No Content\r\nX-Edited: yes\r\n\r\n" {
		t.Fatalf("edited reply %q", got)
	}
	h.row("GET", "/again", "204")

	// Off again: the site is served.
	h.key(alt('m'))
	h.contains("hand-crafted mode off")
	if resp, _ := h.get("/", "identity"); resp.StatusCode != 200 || resp.Header.Get("Server") != "netassist" {
		t.Fatalf("after crafted off: %d", resp.StatusCode)
	}
	h.quit()
}

var countdown = regexp.MustCompile(`#1 c\d+ GET /held\s+(\d+)s`)

// Hold mode lists each waiting request with a countdown; ctrl+s replies
// with the editor's bytes, alt+v serves normally, alt+a drops.
func TestWebHoldCountdownAndRelease(t *testing.T) {
	h := newWebHarness(t, 120, 36)
	h.key(alt('i'))
	h.contains("hold on: each request waits for your reply")
	h.contains("nothing held: requests wait here")

	c := h.dialWeb()
	io.WriteString(c, "GET /held HTTP/1.1\r\nHost: x\r\n\r\n")
	s := h.waitScreen("held row", countdown.MatchString)
	n, _ := strconv.Atoi(countdown.FindStringSubmatch(s)[1])
	if n < 58 || n > 60 {
		t.Fatalf("countdown %ds, want about 60s", n)
	}
	h.contains("Held (1)")
	h.contains("Reply for held #1")
	h.contains("1 held")
	// The countdown moves once a second.
	h.waitScreen("countdown ticks", func(s string) bool {
		m := countdown.FindStringSubmatch(s)
		v, _ := strconv.Atoi(m[min(len(m)-1, 1)])
		return m != nil && v < n
	})

	want, _ := compose.Text(i18n.English().Web.ReplyTemplate, compose.DefaultOptions())
	h.key(keySend)
	h.contains("replied to #1 with " + strconv.Itoa(len(want)) + " bytes")
	got := make([]byte, len(want))
	if _, err := io.ReadFull(c, got); err != nil || !bytes.Equal(got, want) {
		t.Fatalf("released reply %q, %v", got, err)
	}
	h.row("GET", "/held", "200")
	h.waitScreen("held list empty", func(s string) bool { return strings.Contains(s, "Held (0)") })

	// Serve normally.
	io.WriteString(c, "GET /style.css HTTP/1.1\r\nHost: x\r\n\r\n")
	h.contains("#2 c")
	h.key(alt('v'))
	h.contains("#2 served normally")
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil || resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/css; charset=utf-8" {
		t.Fatalf("served normally: %v %+v", err, resp)
	}

	// Drop.
	c2 := h.dialWeb()
	io.WriteString(c2, "GET /drop HTTP/1.1\r\nHost: x\r\n\r\n")
	h.contains("#3 c")
	h.key(alt('a'))
	h.contains("#3 dropped: connection closed without a reply")
	if got, _ := io.ReadAll(c2); len(got) != 0 {
		t.Fatalf("dropped request got %q", got)
	}
	h.key(alt('a'))
	h.contains("no held request to reply to")
	h.quit()
}

// checkFrame fails if the frame holds anything but SGR sequences, real
// line breaks and graphic characters (TestHostileBytesNeverReachTheScreen).
func checkFrame(t *testing.T, frame string) {
	t.Helper()
	raw := sgrOnly.ReplaceAllString(frame, "")
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
}

func TestWebHostileRequestNeverReachesTheScreen(t *testing.T) {
	h := newWebHarness(t, 160, 44)
	// Accepted by net/http: bidi controls in the path and a header value.
	c := h.dialWeb()
	io.WriteString(c, "GET /\u202eevil\u2066.txt HTTP/1.1\r\nHost: x\r\nX-Bidi: a\u202eb\u200b\ufeff\xc2\x9b\r\n\r\n")
	h.row("GET", `/\u{202E}evil\u{2066}.txt`, "404")
	h.contains(`X-Bidi  a\u{202E}b\u{200B}\u{FEFF}\u{009B}`)
	checkFrame(t, h.raw())

	// Refused by net/http (400), raw bytes still shown.
	c2 := h.dialWeb()
	io.WriteString(c2, "GET /\x1b]0;pwned\x07\x1b[2J HTTP/1.1\r\nHost: x\r\nX-Evil: \x1b]52;c;aGk=\x07\x9b31m\x08\x7f\r\n\r\n")
	h.row("GET", `/\x1B]0;pwned\x07\x1B[2J`, "400")
	h.contains(`X-Evil: \x1B]52;c;aGk=\x07\x9B31m\x08\x7F\r\n`)
	checkFrame(t, h.raw())
	h.key(alt('x')) // hex view of the same bytes
	h.contains("|GET /.]0;pwned..|")
	checkFrame(t, h.raw())
	h.key(alt('x'))
	h.key(keyUp) // the earlier request again
	h.contains(`X-Bidi: a\u{202E}b\u{200B}\u{FEFF}\u{009B}\r\n`)
	checkFrame(t, h.raw())
	h.quit()
}

func TestWebResizeTinyAndBack(t *testing.T) {
	h := newWebHarness(t, 80, 24)
	h.get("/", "gzip")
	h.row("GET", "/", "200", "gzip")
	h.key(alt('i'))
	h.contains("hold on (alt+i)")
	c := h.dialWeb()
	io.WriteString(c, "GET /held HTTP/1.1\r\nHost: x\r\n\r\n")
	h.contains("Held (1)")
	for _, sz := range [][2]int{{80, 24}, {60, 20}, {40, 12}, {20, 5}, {10, 3}, {1, 1}, {0, 0}, {15, 40}, {200, 8}, {69, 30}, {80, 24}} {
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
		if w == 80 && hh == 24 {
			// Everything that matters is on an 80×24 screen; the held
			// request is listed (and selected) at once.
			for _, want := range []string{"● listening on", "hold on (alt+i)", "Requests 2", "Raw request #2", "Parsed #2", "Held (1)", "Reply for held #2"} {
				if !strings.Contains(s, want) {
					t.Errorf("80x24 lacks %q:\n%s", want, s)
				}
			}
		}
	}
	h.quit()
}

// A port in use is shown with the error; the address can be edited and
// the start retried. Stopping closes the listener; enter listens again.
func TestWebPortInUseThenStop(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	h := startWeb(t, 120, 30, busy.Addr().String(), false)
	h.contains("cannot listen: listen tcp " + busy.Addr().String() + ": address already in use")
	h.contains("enter start server") // focus moved to the address field
	for range len(busy.Addr().String()) + 2 {
		h.key(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	h.tm.Type("127.0.0.1:0")
	h.key(keyEnter)
	s := h.waitScreen("web listening", func(s string) bool { return listeningOn.MatchString(s) })
	h.addr = listeningOn.FindStringSubmatch(s)[1]
	if resp, _ := h.get("/", "identity"); resp.StatusCode != 200 {
		t.Fatalf("GET: %d", resp.StatusCode)
	}
	h.key(alt('s'))
	h.contains("○ stopped — enter in the address field listens again")
	h.contains("web server stopped listening")
	if _, err := net.Dial("tcp", h.addr); err == nil {
		t.Error("still accepting after stop")
	}
	// Listen again, on a new port.
	for range 3 { // list → … → address field (the held box is hidden)
		h.key(keyTab)
	}
	h.key(keyTab)
	for range len(h.addr) + 2 {
		h.key(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	h.tm.Type("127.0.0.1:0")
	h.key(keyEnter)
	s = h.waitScreen("web listening again", func(s string) bool {
		m := listeningOn.FindStringSubmatch(s)
		return m != nil && m[1] != h.addr
	})
	h.addr = listeningOn.FindStringSubmatch(s)[1]
	if resp, _ := h.get("/", "identity"); resp.StatusCode != 200 {
		t.Fatalf("GET after restart: %d", resp.StatusCode)
	}
	h.quit()
}

// Without StartTab web, the Web tab waits for the user's key.
func TestWebStartsOnlyWhenAsked(t *testing.T) {
	st := netassist.NewStore(0)
	srv := &netassist.Server{Store: st}
	web, err := httpserve.New(st, httpserve.Config{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(func() { cancel(); web.Close(); srv.Close() })
	m := New(Config{Store: st, Server: srv, Web: web, ListenAddr: "127.0.0.1:0", WebAddr: "127.0.0.1:0", Context: ctx})
	last := &atomic.Pointer[string]{}
	tm := teatest.NewTestModel(t, probe{m, last}, teatest.WithInitialTermSize(100, 30))
	h := &harness{t: t, tm: tm, last: last, store: st, srv: srv}
	h.contains("● listening on 127.0.0.1:") // the Server tab
	h.key(alt('3'))
	h.contains("○ not listening — enter to start")
	h.contains("No requests yet. Start the server")
	h.key(tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}) // list → address (the held box is hidden)
	h.contains("enter start server")
	h.key(keyEnter)
	h.contains("web server listening on 127.0.0.1:")
	h.quit()
}

// A non-loopback address is flagged as reachable from the network.
func TestWebExposedWarning(t *testing.T) {
	st := netassist.NewStore(0)
	web, err := httpserve.New(st, httpserve.Config{})
	if err != nil {
		t.Fatal(err)
	}
	text, sty := i18n.English(), styles.DefaultStyles(true)
	keys := keymap.Default(text)
	wt := newWebTab(Config{Store: st, Web: web, WebAddr: "0.0.0.0:8080"}, &sty, &text, &keys)
	wt.setSize(120, 30)
	for _, c := range []struct {
		addr    net.Addr
		exposed bool
	}{
		{&net.TCPAddr{IP: net.IPv4zero, Port: 8080}, true},
		{&net.TCPAddr{IP: net.ParseIP("192.0.2.7"), Port: 8080}, true},
		{&net.TCPAddr{IP: net.IPv6loopback, Port: 8080}, false},
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}, false},
	} {
		wt.listening = c.addr
		line := ansi.Strip(wt.addrLine())
		if got := strings.Contains(line, "⚠ reachable from the network"); got != c.exposed {
			t.Errorf("%v: warning %v, want %v: %q", c.addr, got, c.exposed, line)
		}
	}
}

// The Web tab of a session without a web server says so.
func TestWebTabWithoutServer(t *testing.T) {
	h := newHarness(t, 80, 24)
	h.key(alt('3'))
	h.contains("No web server in this session.")
	h.quit()
}

// editorText gives the editor text that composes back to exactly the
// bytes of --response-file.
func TestEditorTextRoundTrip(t *testing.T) {
	for _, b := range []string{
		"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi",
		"HTTP/1.1 200 OK\r\nX: a\\b\r\n\r\n\ttab",
		"lone\nLF",
		"bin\x00\xff\x1b[2J",
		"",
		"HTTP/1.1 200 OK\r\n\r\n{{seq}} {{{{ }}",
	} {
		val, isHex := editorText([]byte(b), compose.DefaultOptions())
		var got []byte
		var err error
		if isHex {
			got, err = compose.Hex(val)
		} else {
			got, err = compose.Build(val, compose.DefaultOptions(), &compose.MacroEnv{})
		}
		if err != nil || string(got) != b {
			t.Errorf("%q: editor %q (hex %v) composes to %q, %v", b, val, isHex, got, err)
		}
	}
}

// The Server tab listens by itself only when it is the start tab: with
// `netassist web` or `netassist client` it opens no port until the user
// presses enter on its address (issue 12 item 10).
func TestServerStartsOnlyWhenAsked(t *testing.T) {
	for _, start := range []netassist.Tab{netassist.TabWeb, netassist.TabClient} {
		st := netassist.NewStore(0)
		srv := &netassist.Server{Store: st}
		ctx, cancel := context.WithCancel(context.Background())
		t.Cleanup(func() { cancel(); srv.Close() })
		m := New(Config{Store: st, Server: srv, Client: &netassist.Client{Store: st},
			ListenAddr: "127.0.0.1:0", StartTab: start, Context: ctx})
		last := &atomic.Pointer[string]{}
		tm := teatest.NewTestModel(t, probe{m, last}, teatest.WithInitialTermSize(100, 30))
		h := &harness{t: t, tm: tm, last: last, store: st, srv: srv}
		h.key(alt('1'))
		h.contains("○ not listening — enter to start")
		if a := srv.Addr(); a != nil {
			t.Fatalf("start tab %s: the Server tab listens on %v unasked", start, a)
		}
		h.key(keyEnter) // the address has the focus
		h.contains("● listening on 127.0.0.1:")
		if srv.Addr() == nil {
			t.Fatalf("start tab %s: listening shown, but the server has no listener", start)
		}
		h.quit()
	}
}

package web

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"net"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/compose"
	"github.com/netassist/netassist/netassist/render"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/tabframe"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

func TestWebGzipRowAndParsedSideBySide(t *testing.T) {
	t.Parallel()
	h := newWebHarness(t, 140, 40)
	h.Contains("No requests yet. Try: curl --compressed http://" + h.addr + "/")
	resp, body := h.get("/", "gzip")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("GET /: %d %q", resp.StatusCode, resp.Header.Get("Content-Encoding"))
	}
	if zr, err := gzip.NewReader(bytes.NewReader(body)); err != nil {
		t.Fatal(err)
	} else if page, err := io.ReadAll(zr); err != nil || !bytes.Contains(page, []byte("<html")) {
		t.Fatalf("gzip body: %v", err)
	}
	h.Row("GET", "/", "200", "gzip")
	// The client's Accept-Encoding and the server's choice, side by side.
	h.Contains("Client   Accept-Encoding: gzip")
	h.Contains("Sent     Content-Encoding: gzip")
	h.Contains("Why      negotiated: the client gave it q=1")
	h.Contains("Accept-Encoding  gzip  ⇒ sent gzip (negotiated)")
	h.Contains("Status   HTTP/1.1 200 OK")
	// The response headers continue below: scroll the parsed pane.
	h.Key(tuitest.Tab)
	h.Key(tuitest.Tab)
	h.Key(tuitest.End)
	h.Contains("Vary                    Accept-Encoding")
	ratio := regexp.MustCompile(`Body\s+\d[\d.]* (B|KiB) raw → \d[\d.]* (B|KiB) gzip \(\d+%\)`)
	h.WaitScreen("body ratio", ratio.MatchString)
	t.Logf("screen:\n%s", h.Screen())
	h.Quit()
}

// The raw pane shows exactly the bytes a raw socket wrote: header case and
// order kept, for two keep-alive requests on one connection.
func TestWebRawPaneShowsExactBytes(t *testing.T) {
	t.Parallel()
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
	h.Row("GET", "/style.css", "200", "identity")
	s := h.Contains(`Z-Last: z\r\n`)
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
	h.Row("GET", "/logo.png?x=1")
	h.Contains(`A-First: a\r\n`)
	// Hex view: the offsets are those of the connection's inbound stream.
	h.Key(tuitest.Alt('x'))
	h.Contains(strings.Repeat("0", 6) + strconv.FormatInt(int64(len(first)), 16) + "  47 45 54 20 2f 6c 6f 67")
	h.Key(tuitest.Alt('x'))
	// Select the first request again (the list follows the newest until
	// the user moves).
	h.Key(tuitest.Up)
	h.Contains(`hOsT: Example\r\n`)
	h.Contains("Requests 2 · scrolled 1/2")

	wt := h.finalTab()
	var got []string
	for _, l := range wt.raw.Lines() {
		got = append(got, ansi.Strip(l))
	}
	// The request under its label, then the response.
	if len(got) < 2 || got[0] != "◀ in · request · "+strconv.Itoa(len(first))+" B" {
		t.Fatalf("raw pane label: %q", got)
	}
	got = got[1:]
	end := slices.IndexFunc(got, func(l string) bool { return strings.HasPrefix(l, "▶ out · response · ") })
	if end < 0 {
		t.Fatalf("no response in the raw pane: %q", got)
	}
	got = got[:end]
	if want := render.String([]byte(first)); strings.Join(got, "\n")+"\n" != want {
		t.Errorf("raw pane:\n%q\nwant\n%q", strings.Join(got, "\n"), want)
	}
}

// alt+n cycles auto → identity → gzip → deflate → br: the next request
// gets br, shown as forced and not accepted (the client asked for gzip).
func TestWebForceEncoding(t *testing.T) {
	t.Parallel()
	h := newWebHarness(t, 140, 40)
	h.Contains("encoding auto (negotiate) (alt+n)")
	for _, want := range []string{"identity", "gzip", "deflate", "br"} {
		h.Key(tuitest.Alt('n'))
		h.Contains("encoding " + want + " (alt+n)")
	}
	h.Contains("encoding forced to br for the next requests")
	resp, _ := h.get("/", "gzip")
	if ce := resp.Header.Get("Content-Encoding"); ce != "br" {
		t.Fatalf("Content-Encoding %q, want br", ce)
	}
	h.Row("GET", "/", "200", "br*!") // forced (*) and overrode the client (!)
	h.Contains("Sent     Content-Encoding: br (forced)")
	h.Contains("the client: it does not accept br")
	h.Contains("Accept-Encoding  gzip  ⇒ sent br (forced, overrode the client)")
	// Plain n in the list pane goes on to zstd, then back to auto.
	h.Key(tea.KeyPressMsg{Code: 'n', Text: "n"})
	h.Contains("encoding zstd (alt+n)")
	h.Key(tea.KeyPressMsg{Code: 'n', Text: "n"})
	h.Contains("encoding auto (negotiate) (alt+n)")
	resp, _ = h.get("/", "gzip")
	if ce := resp.Header.Get("Content-Encoding"); ce != "gzip" {
		t.Fatalf("after auto: Content-Encoding %q", ce)
	}
	h.Quit()
}

// Hand-crafted mode answers every request with the reply editor's bytes,
// and follows edits.
func TestWebCraftedReply(t *testing.T) {
	t.Parallel()
	h := newWebHarness(t, 120, 36)
	want, err := compose.Text(i18n.English().Web.ReplyTemplate, compose.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	h.Key(tuitest.Alt('m'))
	h.Contains("hand-crafted mode on: every request gets these " + strconv.Itoa(len(want)) + " bytes")
	h.Contains("hand-crafted on (alt+m)")

	c := h.dialWeb()
	io.WriteString(c, "GET /anything HTTP/1.1\r\nHost: x\r\n\r\n")
	got := make([]byte, len(want))
	if _, err := io.ReadFull(c, got); err != nil || !bytes.Equal(got, want) {
		t.Fatalf("crafted reply %q, %v; want %q", got, err, want)
	}
	h.Row("GET", "/anything", "200")
	h.Contains("hand-crafted reply")

	// Edit the reply: the next request gets the new bytes.
	h.Key(tuitest.Alt('k'))
	for range 3 { // list → raw → parsed → reply editor
		h.Key(tuitest.Tab)
	}
	h.Contains("esc leave field") // the editor has focus
	h.Type(`HTTP/1.1 204 No Content\r\nX-Edited: yes\r\n\r\n`)
	h.Contains("42 bytes: HTTP/1.1 204 No Content")
	c2 := h.dialWeb()
	io.WriteString(c2, "GET /again HTTP/1.1\r\nHost: x\r\n\r\n")
	if got, _ := io.ReadAll(c2); string(got) != "HTTP/1.1 204 No Content\r\nX-Edited: yes\r\n\r\n" {
		t.Fatalf("edited reply %q", got)
	}
	h.Row("GET", "/again", "204")

	// Off again: the site is served.
	h.Key(tuitest.Alt('m'))
	h.Contains("hand-crafted mode off")
	if resp, _ := h.get("/", "identity"); resp.StatusCode != 200 || resp.Header.Get("Server") != "netassist" {
		t.Fatalf("after crafted off: %d", resp.StatusCode)
	}
	h.Quit()
}

var countdown = regexp.MustCompile(`#1 c\d+ GET /held\s+(\d+)s`)

// Hold mode lists each waiting request with a countdown; ctrl+s replies
// with the editor's bytes, alt+v serves normally, alt+a drops.
func TestWebHoldCountdownAndRelease(t *testing.T) {
	t.Parallel()
	h := newWebHarness(t, 120, 36)
	h.Key(tuitest.Alt('i'))
	h.Contains("hold on: each request waits for your reply")
	h.Contains("nothing held: requests wait here")

	c := h.dialWeb()
	io.WriteString(c, "GET /held HTTP/1.1\r\nHost: x\r\n\r\n")
	h.WaitScreen("held row", countdown.MatchString)
	// The tab's clock stands still until moved: put it at the moment the
	// server started holding, so the countdown reads the whole timeout
	// however long the machine took to get here.
	held := h.web.Held()
	if len(held) != 1 {
		t.Fatalf("held %+v, want one request", held)
	}
	h.clock.Set(held[0].Since)
	h.NextFrame()
	h.WaitScreen("a countdown of 60s", func(s string) bool {
		m := countdown.FindStringSubmatch(s)
		return m != nil && m[1] == "60"
	})
	h.Contains("Held (1)")
	h.Contains("Reply for held #1")
	h.Contains("1 held")
	// The countdown follows the clock.
	h.clock.Advance(2 * time.Second)
	h.NextFrame()
	h.WaitScreen("countdown at 58s", func(s string) bool {
		m := countdown.FindStringSubmatch(s)
		return m != nil && m[1] == "58"
	})

	want, _ := compose.Text(i18n.English().Web.ReplyTemplate, compose.DefaultOptions())
	h.Key(tuitest.Send)
	h.Contains("replied to #1 with " + strconv.Itoa(len(want)) + " bytes")
	got := make([]byte, len(want))
	if _, err := io.ReadFull(c, got); err != nil || !bytes.Equal(got, want) {
		t.Fatalf("released reply %q, %v", got, err)
	}
	h.Row("GET", "/held", "200")
	h.WaitScreen("held list empty", func(s string) bool { return strings.Contains(s, "Held (0)") })

	// Serve normally.
	io.WriteString(c, "GET /style.css HTTP/1.1\r\nHost: x\r\n\r\n")
	h.Contains("#2 c")
	h.Key(tuitest.Alt('v'))
	h.Contains("#2 served normally")
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil || resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/css; charset=utf-8" {
		t.Fatalf("served normally: %v %+v", err, resp)
	}

	// Drop.
	c2 := h.dialWeb()
	io.WriteString(c2, "GET /drop HTTP/1.1\r\nHost: x\r\n\r\n")
	h.Contains("#3 c")
	h.Key(tuitest.Alt('a'))
	h.Contains("#3 dropped: connection closed without a reply")
	if got, _ := io.ReadAll(c2); len(got) != 0 {
		t.Fatalf("dropped request got %q", got)
	}
	h.Key(tuitest.Alt('a'))
	h.Contains("no held request to reply to")
	h.Quit()
}

func TestWebHostileRequestNeverReachesTheScreen(t *testing.T) {
	t.Parallel()
	h := newWebHarness(t, 160, 44)
	// Accepted by net/http: bidi controls in the path and a header value.
	c := h.dialWeb()
	io.WriteString(c, "GET /\u202eevil\u2066.txt HTTP/1.1\r\nHost: x\r\nX-Bidi: a\u202eb\u200b\ufeff\xc2\x9b\r\n\r\n")
	h.Row("GET", `/\u{202E}evil\u{2066}.txt`, "404")
	h.Contains(`X-Bidi  a\u{202E}b\u{200B}\u{FEFF}\u{009B}`)
	tuitest.CheckFrame(t, h.Raw())

	// Refused by net/http (400), raw bytes still shown.
	c2 := h.dialWeb()
	io.WriteString(c2, "GET /\x1b]0;pwned\x07\x1b[2J HTTP/1.1\r\nHost: x\r\nX-Evil: \x1b]52;c;aGk=\x07\x9b31m\x08\x7f\r\n\r\n")
	h.Row("GET", `/\x1B]0;pwned\x07\x1B[2J`, "400")
	h.Contains(`X-Evil: \x1B]52;c;aGk=\x07\x9B31m\x08\x7F\r\n`)
	tuitest.CheckFrame(t, h.Raw())
	h.Key(tuitest.Alt('x')) // hex view of the same bytes
	h.Contains("|GET /.]0;pwned..|")
	tuitest.CheckFrame(t, h.Raw())
	h.Key(tuitest.Alt('x'))
	h.Key(tuitest.Up) // the earlier request again
	h.Contains(`X-Bidi: a\u{202E}b\u{200B}\u{FEFF}\u{009B}\r\n`)
	tuitest.CheckFrame(t, h.Raw())
	h.Quit()
}

// A port in use is shown with the error; the address can be edited and
// the start retried. Stopping closes the listener; enter listens again.
func TestWebPortInUseThenStop(t *testing.T) {
	t.Parallel()
	busy := tuitest.BusyAddr(t)
	h := startWeb(t, 120, 30, busy, false)
	h.Contains("cannot listen: listen tcp " + busy + ": address already in use")
	h.Contains("enter start server") // focus moved to the address field
	h.Retype(busy, "127.0.0.1:0")
	h.Key(tuitest.Enter)
	s := h.WaitScreen("web listening", func(s string) bool { return listeningOn.MatchString(s) })
	h.addr = listeningOn.FindStringSubmatch(s)[1]
	if resp, _ := h.get("/", "identity"); resp.StatusCode != 200 {
		t.Fatalf("GET: %d", resp.StatusCode)
	}
	h.Key(tuitest.Alt('s'))
	h.Contains("○ stopped — enter in the address field listens again")
	h.Contains("web server stopped listening")
	if _, err := net.Dial("tcp", h.addr); err == nil {
		t.Error("still accepting after stop")
	}
	// Listen again, on a new port.
	for range 3 { // list → … → address field (the held box is hidden)
		h.Key(tuitest.Tab)
	}
	h.Key(tuitest.Tab)
	h.Retype(h.addr, "127.0.0.1:0")
	h.Key(tuitest.Enter)
	s = h.WaitScreen("web listening again", func(s string) bool {
		m := listeningOn.FindStringSubmatch(s)
		return m != nil && m[1] != h.addr
	})
	h.addr = listeningOn.FindStringSubmatch(s)[1]
	if resp, _ := h.get("/", "identity"); resp.StatusCode != 200 {
		t.Fatalf("GET after restart: %d", resp.StatusCode)
	}
	h.Quit()
}

// A non-loopback address is flagged as reachable from the network.
func TestWebExposedWarning(t *testing.T) {
	t.Parallel()
	st := netassist.NewStore(0)
	web, err := httpserve.New(st, httpserve.Config{})
	if err != nil {
		t.Fatal(err)
	}
	wt := New(common.Default(), Config{Store: st, Web: web, Addr: "0.0.0.0:8080"})
	wt.SetSize(120, 30)
	for _, c := range []struct {
		addr    net.Addr
		exposed bool
	}{
		// (every kind of address: addrbar's TestExposed)
		{&net.TCPAddr{IP: net.IPv4zero, Port: 8080}, true},
		{&net.TCPAddr{IP: net.IPv6loopback, Port: 8080}, false},
	} {
		wt.listening = c.addr
		line := ansi.Strip(strings.SplitN(wt.View(), "\n", 2)[0])
		if got := strings.Contains(line, "⚠ reachable from the network"); got != c.exposed {
			t.Errorf("%v: warning %v, want %v: %q", c.addr, got, c.exposed, line)
		}
	}
}

// editorText gives the editor text that composes back to exactly the
// bytes of --response-file.
func TestEditorTextRoundTrip(t *testing.T) {
	t.Parallel()
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

// The tab is exactly the size given, at every size, with a web server or
// without one.
func TestViewSize(t *testing.T) {
	t.Parallel()
	st := netassist.NewStore(0)
	web, err := httpserve.New(st, httpserve.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { web.Close() })
	for _, w := range []*httpserve.Server{web, nil} {
		tab := New(common.Default(), Config{Store: st, Web: w, Addr: "127.0.0.1:0"})
		for _, sz := range tuitest.Sizes {
			tab.SetSize(sz[0], sz[1])
			tuitest.CheckSize(t, "web tab", tab.View(), sz[0], sz[1])
		}
		// The lab and the diff open over the detail area, zoomed or not,
		// at every size.
		tab.lab.Request(1, "lab", "gzip", true, httpserve.EncodingGzip, nil)
		tab.diff.Compare(1, []byte("GET / HTTP/1.1\r\nA: 1\r\n\r\n"), 2, []byte("GET /x HTTP/1.1\r\nB: 2\r\n\r\n"))
		for _, o := range []tabframe.Overlay{tab.lab, tab.diff} {
			tab.Overlay = o
			for _, zoom := range []bool{false, true} {
				tab.zoom = zoom
				for _, sz := range tuitest.Sizes {
					tab.SetSize(sz[0], sz[1])
					tuitest.CheckSize(t, "web tab with an overlay", tab.View(), sz[0], sz[1])
				}
			}
		}
	}
}

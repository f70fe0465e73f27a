//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// chromium is a headless Chromium run, with the flags this machine needs
// (no sandbox as root, no network but loopback: nothing in the background
// that would try to reach Google) and a fresh profile.
type chromium struct {
	cmd    *exec.Cmd
	stdout *lockedBuffer
	stderr *lockedBuffer
	done   chan struct{}
}

// startChromium starts Chromium with args after the standard flags. It is
// killed, with its whole process group, after timeout or when the test ends.
func startChromium(t *testing.T, timeout time.Duration, args ...string) *chromium {
	t.Helper()
	bin := requireTool(t, "chromium")
	profile, err := os.MkdirTemp("", "netassist-e2e-chromium")
	if err != nil {
		t.Fatal(err)
	}
	flags := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--disable-crash-reporter", "--disable-breakpad",
		"--user-data-dir=" + profile,
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	c := &chromium{stdout: &lockedBuffer{}, stderr: &lockedBuffer{}, done: make(chan struct{})}
	c.cmd = exec.CommandContext(ctx, bin, append(flags, args...)...)
	c.cmd.Stdout, c.cmd.Stderr = c.stdout, c.stderr
	c.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	c.cmd.Cancel = func() error { return syscall.Kill(-c.cmd.Process.Pid, syscall.SIGKILL) }
	c.cmd.WaitDelay = 5 * time.Second
	if err := c.cmd.Start(); err != nil {
		cancel()
		os.RemoveAll(profile)
		t.Fatalf("starting chromium: %v", err)
	}
	go func() { c.cmd.Wait(); close(c.done) }()
	t.Cleanup(func() {
		c.kill()
		cancel()
		// Chromium's helpers may still be letting go of the profile.
		for range 20 {
			if os.RemoveAll(profile) == nil {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
	})
	return c
}

// kill ends Chromium and every process it started.
func (c *chromium) kill() {
	syscall.Kill(-c.cmd.Process.Pid, syscall.SIGKILL)
	<-c.done
}

// wait waits for Chromium to exit by itself, failing after timeout.
func (c *chromium) wait(t *testing.T, timeout time.Duration) {
	t.Helper()
	select {
	case <-c.done:
	case <-time.After(timeout):
		c.kill()
		t.Fatalf("chromium did not finish within %v; stderr tail:\n%s", timeout, tail(c.stderr.String(), 2000))
	}
	if code := c.cmd.ProcessState.ExitCode(); code != 0 {
		t.Fatalf("chromium exit code %d; stderr tail:\n%s", code, tail(c.stderr.String(), 2000))
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// firstRequestConn returns the connection whose captured inbound bytes
// start with prefix and hold a whole request head (Chromium may also open
// speculative connections that never carry a request).
func firstRequestConn(evs []event, prefix string) (conn int, head []byte) {
	seen := map[int]bool{}
	for _, e := range evs {
		if e.Event != "data" || e.Dir != "in" || seen[e.Conn] {
			continue
		}
		seen[e.Conn] = true
		in := stream(evs, e.Conn, "in")
		if i := bytes.Index(in, []byte("\r\n\r\n")); i >= 0 && bytes.HasPrefix(in, []byte(prefix)) {
			return e.Conn, in[:i+4]
		}
	}
	return 0, nil
}

// TestChromiumServerMode opens the TCP server in a real browser: the raw
// request netassist captures is Chromium's (its User-Agent, an
// Accept-Encoding listing gzip, CRLF line ends), and with --reply and
// --close-after-reply the browser renders the hand-written page.
func TestChromiumServerMode(t *testing.T) {
	announce(t, "Chromium → server mode: raw request captured; --reply page rendered by --dump-dom")
	requireTool(t, "chromium")

	t.Run("capture", func(t *testing.T) {
		announce(t, "the captured request is Chromium's: User-Agent, Accept-Encoding with gzip")
		na := startNetassist(t, "server", "-l", "127.0.0.1:0")
		ch := startChromium(t, 60*time.Second, "--dump-dom", "http://"+na.addr+"/e2e?x=1")
		var conn int
		var head []byte
		na.waitUntil("Chromium's request", 30*time.Second, func(evs []event) bool {
			conn, head = firstRequestConn(evs, "GET /e2e?x=1 HTTP/1.1\r\n")
			return conn != 0
		})
		ch.kill() // nothing is ever answered: the browser would wait
		checkChromiumRequest(t, head, na.addr)
		if code := na.stop(); code != 0 {
			t.Errorf("netassist exit code %d after SIGINT, want 0", code)
		}
	})

	t.Run("reply", func(t *testing.T) {
		announce(t, "--reply <title>ok</title> --close-after-reply: --dump-dom shows the page")
		reply := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<title>ok</title>"
		na := startNetassist(t, "server", "-l", "127.0.0.1:0",
			"--reply", `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<title>ok</title>`, "--close-after-reply")
		ch := startChromium(t, 60*time.Second, "--dump-dom", "http://"+na.addr+"/")
		ch.wait(t, 60*time.Second)
		dom := ch.stdout.String()
		if !strings.Contains(dom, "<title>ok</title>") {
			t.Errorf("Chromium's DOM does not show the reply's page:\n%s", dom)
		}
		evs := na.waitUntil("the page request and its close", 10*time.Second, func(evs []event) bool {
			c, _ := firstRequestConn(evs, "GET / HTTP/1.1\r\n")
			_, ok := closed(evs, c)
			return c != 0 && ok
		})
		conn, head := firstRequestConn(evs, "GET / HTTP/1.1\r\n")
		checkChromiumRequest(t, head, na.addr)
		if out := stream(evs, conn, "out"); string(out) != reply {
			t.Errorf("bytes sent to Chromium %q, want exactly the reply %q", out, reply)
		}
		if in := stream(evs, conn, "in"); !bytes.Equal(in, head) {
			t.Errorf("more than the request head captured inbound: %q", in)
		}
		if by, _ := closed(evs, conn); by != "local" {
			t.Errorf("page connection closed by %q, want local (--close-after-reply)", by)
		}
		if code := na.stop(); code != 0 {
			t.Errorf("netassist exit code %d after SIGINT, want 0", code)
		}
	})
}

// checkChromiumRequest asserts that head is a request head Chromium sent.
func checkChromiumRequest(t *testing.T, head []byte, addr string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(string(head), "\r\n\r\n"), "\r\n")
	hdr := map[string]string{}
	for _, l := range lines[1:] {
		k, v, ok := strings.Cut(l, ": ")
		if !ok || strings.ContainsAny(l, "\r\n") {
			t.Fatalf("captured header line %q is malformed; head:\n%q", l, head)
		}
		hdr[strings.ToLower(k)] = v
	}
	if hdr["host"] != addr {
		t.Errorf("Host %q, want %q", hdr["host"], addr)
	}
	if ua := hdr["user-agent"]; !strings.Contains(ua, "Chrome/") && !strings.Contains(ua, "HeadlessChrome") {
		t.Errorf("User-Agent %q is not Chromium's; head:\n%q", ua, head)
	}
	if ae := hdr["accept-encoding"]; !listsCoding(ae, "gzip") {
		t.Errorf("Accept-Encoding %q does not list gzip; head:\n%q", ae, head)
	}
}

// TestChromiumWebMode loads the built-in demo site in Chromium: netassist
// records the page request and the browser's follow-up requests for the
// stylesheet and the logo, the page goes out compressed, and the compressed
// bytes on the wire decode to the demo page.
func TestChromiumWebMode(t *testing.T) {
	announce(t, "Chromium → web mode (demo site): /, /style.css, /logo.png requested; page compressed")
	requireTool(t, "chromium")
	na := startNetassist(t, "web", "-l", "127.0.0.1:0")
	ch := startChromium(t, 60*time.Second, "--virtual-time-budget=5000", "--dump-dom", "http://"+na.addr+"/")
	ch.wait(t, 60*time.Second)
	if dom := ch.stdout.String(); !strings.Contains(dom, "netassist demo site") {
		t.Errorf("Chromium's DOM is not the demo page:\n%s", tail(dom, 2000))
	}
	want := []string{"/", "/style.css", "/logo.png"}
	byTarget := func(evs []event) map[string]event {
		m := map[string]event{}
		for _, e := range evs {
			if _, seen := m[e.Target]; e.Event == "http" && !seen {
				m[e.Target] = e
			}
		}
		return m
	}
	evs := na.waitUntil("http events for the page, the stylesheet and the logo", 15*time.Second, func(evs []event) bool {
		m := byTarget(evs)
		for _, w := range want {
			if _, ok := m[w]; !ok {
				return false
			}
		}
		return true
	})
	m := byTarget(evs)
	for _, w := range want {
		e := m[w]
		if e.Method != "GET" || e.Proto != "HTTP/1.1" || e.Status != 200 {
			t.Errorf("%s: %s %s %s → %d, want GET HTTP/1.1 → 200", w, e.Method, e.Target, e.Proto, e.Status)
		}
		if ua := e.header("User-Agent"); !strings.Contains(ua, "Chrome/") && !strings.Contains(ua, "HeadlessChrome") {
			t.Errorf("%s: User-Agent %q is not Chromium's", w, ua)
		}
	}
	page := m["/"]
	if !listsCoding(page.header("Accept-Encoding"), "gzip") {
		t.Errorf("page request Accept-Encoding %q does not list gzip", page.header("Accept-Encoding"))
	}
	if page.Encoding == "" || page.Encoding == "identity" {
		t.Errorf("page sent with encoding %q, want a compressed one (Accept-Encoding %q)", page.Encoding, page.header("Accept-Encoding"))
	}
	index := demoFile(t, "index.html")
	if page.BodyBytes != int64(len(index)) || page.WireBytes <= 0 || page.WireBytes >= page.BodyBytes {
		t.Errorf("page body %d → %d bytes on the wire, want %d → fewer", page.BodyBytes, page.WireBytes, len(index))
	}

	// The raw capture agrees with the record: the page's response, parsed
	// from the bytes that went out on its connection, decodes to index.html.
	var found bool
	for _, x := range exchanges(t, stream(evs, page.Conn, "in"), stream(evs, page.Conn, "out")) {
		if x.req.URL.Path != "/" {
			continue
		}
		found = true
		ce := x.resp.Header.Get("Content-Encoding")
		if ce != page.Encoding && !(ce == "" && page.Encoding == "identity") {
			t.Errorf("captured Content-Encoding %q, http event says %q", ce, page.Encoding)
		}
		if int64(len(x.body)) != page.WireBytes {
			t.Errorf("captured page body %d bytes, http event says wire_bytes %d", len(x.body), page.WireBytes)
		}
		plain, err := decodeBody(ce, x.body)
		if err != nil {
			t.Fatalf("decoding the captured %s page body: %v", ce, err)
		}
		if !bytes.Equal(plain, index) {
			t.Errorf("captured page body decodes to %d bytes that are not index.html (%d bytes)", len(plain), len(index))
		}
	}
	if !found {
		t.Errorf("no GET / exchange in the raw capture of connection %d", page.Conn)
	}
	if code := na.stop(); code != 0 {
		t.Errorf("netassist exit code %d after SIGINT, want 0", code)
	}
}

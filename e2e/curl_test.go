//go:build e2e

package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// curlResult is what `curl -v` said it sent and received, and the body it
// wrote.
type curlResult struct {
	reqHead  []byte // the "> " lines, rebuilt with CRLF line ends
	respHead []byte // the "< " lines, rebuilt with CRLF line ends
	body     []byte // what curl wrote with -o
	stderr   string
}

// curlV runs `curl -sS -v -o FILE ARGS` and rebuilds the request and
// response heads from its trace: curl shows each header line after "> " or
// "< " (with or without its CR, depending on the version).
func curlV(t *testing.T, args ...string) curlResult {
	t.Helper()
	bin := requireTool(t, "curl")
	out := filepath.Join(t.TempDir(), "body")
	_, stderr, code := runCmd(t, 30*time.Second, bin, append([]string{"-sS", "-v", "-m", "20", "-o", out}, args...)...)
	if code != 0 {
		t.Fatalf("curl %v: exit %d:\n%s", args, code, stderr)
	}
	var r curlResult
	r.stderr = string(stderr)
	for _, line := range strings.Split(string(stderr), "\n") {
		line = strings.TrimSuffix(line, "\r")
		switch {
		case strings.HasPrefix(line, "> "), line == ">":
			r.reqHead = append(r.reqHead, strings.TrimPrefix(strings.TrimPrefix(line, ">"), " ")+"\r\n"...)
		case strings.HasPrefix(line, "< "), line == "<":
			r.respHead = append(r.respHead, strings.TrimPrefix(strings.TrimPrefix(line, "<"), " ")+"\r\n"...)
		}
	}
	var err error
	if r.body, err = os.ReadFile(out); err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	if !bytes.HasSuffix(r.reqHead, []byte("\r\n\r\n")) || !bytes.HasSuffix(r.respHead, []byte("\r\n\r\n")) {
		t.Fatalf("could not read the heads from curl -v:\n%s", stderr)
	}
	return r
}

// newConn waits for a connection that is not in before to be closed and
// returns its ID and the events so far.
func newConn(na *netassistProc, before map[int]bool, needHTTP bool) (int, []event) {
	na.t.Helper()
	var conn int
	evs := na.waitUntil("the new connection's capture", 10*time.Second, func(evs []event) bool {
		for _, e := range evs {
			if e.Event == "close" && !before[e.Conn] {
				if !needHTTP {
					conn = e.Conn
					return true
				}
				for _, h := range evs {
					if h.Event == "http" && h.Conn == e.Conn {
						conn = e.Conn
						return true
					}
				}
			}
		}
		return false
	})
	return conn, evs
}

func connIDs(evs []event) map[int]bool {
	m := map[int]bool{}
	for _, e := range evs {
		if e.Event == "open" {
			m[e.Conn] = true
		}
	}
	return m
}

// TestCurlServerMode: what curl -v says it sent is exactly what netassist
// captured, and what curl received is exactly the --reply netassist sent.
func TestCurlServerMode(t *testing.T) {
	announce(t, "curl -v → server mode --reply: both sides agree byte for byte")
	requireTool(t, "curl")
	reply := "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-E2E: yes\r\n\r\nhi"
	na := startNetassist(t, "server", "-l", "127.0.0.1:0",
		"--reply", `HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-E2E: yes\r\n\r\nhi`, "--close-after-reply")
	postBody := []byte("a=1&b=\x00\xff\x1b[2J&c=网络\r\n")
	postFile := filepath.Join(t.TempDir(), "post")
	if err := os.WriteFile(postFile, postBody, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		body []byte // request body after the head
	}{
		{"GET", []string{"-H", "X-Odd: a\tb ", "http://" + na.addr + "/path?q=%20x"}, nil},
		{"POST", []string{"--data-binary", "@" + postFile, "-H", "Content-Type: application/octet-stream", "http://" + na.addr + "/submit"}, postBody},
	} {
		t.Run(tc.name, func(t *testing.T) {
			announce(t, "request and reply bytes equal on both sides")
			before := connIDs(na.log.snapshot())
			r := curlV(t, tc.args...)
			conn, evs := newConn(na, before, false)
			wantIn := append(append([]byte(nil), r.reqHead...), tc.body...)
			if in := stream(evs, conn, "in"); !bytes.Equal(in, wantIn) {
				t.Errorf("netassist captured\n%q\ncurl sent\n%q", in, wantIn)
			}
			out := stream(evs, conn, "out")
			if string(out) != reply {
				t.Errorf("netassist sent %q, want the reply %q", out, reply)
			}
			if got := append(append([]byte(nil), r.respHead...), r.body...); !bytes.Equal(got, out) {
				t.Errorf("curl received\n%q\nnetassist sent\n%q", got, out)
			}
			if string(r.body) != "hi" {
				t.Errorf("curl's body %q, want %q", r.body, "hi")
			}
			if by, _ := closed(evs, conn); by != "local" {
				t.Errorf("closed by %q, want local (--close-after-reply)", by)
			}
		})
	}
	if code := na.stop(); code != 0 {
		t.Errorf("netassist exit code %d after SIGINT, want 0", code)
	}
}

// TestCurlWebMode: curl -v against the demo site, identity, raw gzip and
// --compressed: the request curl traced is the captured one, the response
// head and body curl got are the captured ones, and the http event's
// parsed record (headers in wire order, encoding) matches.
func TestCurlWebMode(t *testing.T) {
	announce(t, "curl -v → web mode (demo site): identity, gzip and --compressed, byte for byte")
	requireTool(t, "curl")
	na := startNetassist(t, "web", "-l", "127.0.0.1:0")
	index := demoFile(t, "index.html")
	for _, tc := range []struct {
		name     string
		args     []string
		encoding string // "" = any compressed one
		decoded  bool   // curl decodes the body (--compressed)
	}{
		{"identity", nil, "identity", false},
		{"gzip", []string{"-H", "Accept-Encoding: gzip"}, "gzip", false},
		{"compressed", []string{"--compressed"}, "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			announce(t, "request, response head and body equal on both sides; encoding as negotiated")
			before := connIDs(na.log.snapshot())
			r := curlV(t, append(tc.args, "http://"+na.addr+"/")...)
			conn, evs := newConn(na, before, true)
			in, out := stream(evs, conn, "in"), stream(evs, conn, "out")
			if !bytes.Equal(in, r.reqHead) {
				t.Errorf("netassist captured\n%q\ncurl sent\n%q", in, r.reqHead)
			}
			xs := exchanges(t, in, out)
			if len(xs) != 1 {
				t.Fatalf("%d exchanges captured, want 1", len(xs))
			}
			x := xs[0]
			if !bytes.Equal(x.head, r.respHead) {
				t.Errorf("netassist sent head\n%q\ncurl received head\n%q", x.head, r.respHead)
			}
			ce := x.resp.Header.Get("Content-Encoding")
			wantBody := x.body // what curl writes without --compressed: de-chunked, still encoded
			if tc.decoded {
				var err error
				if wantBody, err = decodeBody(ce, x.body); err != nil {
					t.Fatalf("decoding the captured %s body: %v", ce, err)
				}
			}
			if !bytes.Equal(r.body, wantBody) {
				t.Errorf("curl wrote %d bytes, netassist sent a %d-byte body (%s) that differs", len(r.body), len(x.body), ce)
			}
			plain, err := decodeBody(ce, x.body)
			if err != nil || !bytes.Equal(plain, index) {
				t.Errorf("the body sent (%s) does not decode to index.html: %v", ce, err)
			}

			var ev event
			for _, e := range evs {
				if e.Event == "http" && e.Conn == conn {
					ev = e
				}
			}
			enc := ev.Encoding
			switch {
			case tc.encoding != "" && enc != tc.encoding:
				t.Errorf("http event encoding %q, want %q", enc, tc.encoding)
			case tc.encoding == "" && (enc == "identity" || enc == ""):
				t.Errorf("http event encoding %q with curl --compressed, want a compressed one", enc)
			}
			wantEnc := ce
			if wantEnc == "" {
				wantEnc = "identity"
			}
			if enc != wantEnc {
				t.Errorf("http event encoding %q but the captured Content-Encoding is %q", enc, ce)
			}
			if ev.Method != "GET" || ev.Target != "/" || ev.Proto != "HTTP/1.1" || ev.Status != 200 {
				t.Errorf("http event %s %s %s → %d", ev.Method, ev.Target, ev.Proto, ev.Status)
			}
			if ev.BodyBytes != int64(len(index)) || ev.WireBytes != int64(len(x.body)) {
				t.Errorf("http event body_bytes %d wire_bytes %d, want %d and %d", ev.BodyBytes, ev.WireBytes, len(index), len(x.body))
			}
			// The parsed headers are curl's, in wire order.
			var traced [][2]string
			for _, l := range strings.Split(string(r.reqHead), "\r\n")[1:] {
				if k, v, ok := strings.Cut(l, ": "); ok {
					traced = append(traced, [2]string{k, v})
				}
			}
			if len(traced) != len(ev.Headers) {
				t.Errorf("http event headers %q, curl sent %q", ev.Headers, traced)
			} else {
				for i := range traced {
					if traced[i] != ev.Headers[i] {
						t.Errorf("http event header %d %q, curl sent %q", i, ev.Headers[i], traced[i])
					}
				}
			}
		})
	}
	if code := na.stop(); code != 0 {
		t.Errorf("netassist exit code %d after SIGINT, want 0", code)
	}
}

package main

import (
	"fmt"
	"net"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// UDP and TLS in a real terminal at 80×24 (issue 16 item 3), on the real
// binary: `netassist server --udp` with two socat peers; and a TCP server
// switched to TLS with ctrl+t, checked with openssl (the fingerprint on
// the screen is the certificate's; s_client's request shows decrypted,
// the reply reaches it).

// rowsFit fails for any row of the screen wider than w cells.
func rowsFit(t *testing.T, screen string, w int) {
	t.Helper()
	for i, l := range strings.Split(strings.TrimRight(screen, "\n"), "\n") {
		if cw := ansi.StringWidth(l); cw > w {
			t.Errorf("row %d is %d cells: %q", i, cw, l)
		}
	}
}

func TestTmuxUDPServerTwoPeers(t *testing.T) {
	socat := requireTool(t, "socat")
	s := newTmux(t, 80, 24)
	s.keys(binary+" server --udp -l 127.0.0.1:0; echo EXIT=$?", "Enter")
	addr := s.waitFor("listening", regexp.MustCompile(`listening on (127\.0\.0\.1:\d+) for UDP datagrams`))[1]
	s.waitFor("the tags", regexp.MustCompile(`1 Server UDP[\s\S]*Listen UDP 127\.0\.0\.1:`))

	// Two peers, each a socat with a port of its own: each prints what it
	// receives.
	type peer struct {
		out  chan string
		port string
	}
	peers := make([]*peer, 2)
	for i := range peers {
		pc, err := net.ListenPacket("udp", "127.0.0.1:0") // a free port for socat to bind
		if err != nil {
			t.Fatal(err)
		}
		_, port, _ := net.SplitHostPort(pc.LocalAddr().String())
		pc.Close()
		cmd := exec.Command(socat, "-u", "UDP-RECVFROM:"+port+",bind=127.0.0.1,reuseaddr", "STDOUT")
		p := &peer{out: make(chan string, 1), port: port}
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		go func() {
			b := make([]byte, 100)
			n, _ := stdout.Read(b)
			p.out <- string(b[:n])
		}()
		peers[i] = p
	}
	for i, p := range peers {
		msg := fmt.Sprintf("hello from peer %d", i+1)
		send := exec.Command(socat, "-u", "STDIN", "UDP-SENDTO:"+addr+",sourceport="+p.port+",bind=127.0.0.1,reuseaddr")
		send.Stdin = strings.NewReader(msg)
		if out, err := send.CombinedOutput(); err != nil {
			t.Fatalf("socat: %v: %s", err, out)
		}
		s.waitFor(msg, regexp.MustCompile(regexp.QuoteMeta(msg)))
	}
	s.waitFor("two peers", regexp.MustCompile(`#2 new UDP peer 127\.0\.0\.1:`+peers[1].port))
	s.waitFor("the list", regexp.MustCompile(`All peers \(2\)`))
	rowsFit(t, s.screen(), 80)

	// The reply goes to the last sender (follow mode): peer 2 only.
	s.keys("-l", "pong")
	s.waitFor("preview", regexp.MustCompile(`4 bytes: pong`))
	s.keys("C-s")
	select {
	case got := <-peers[1].out:
		if got != "pong" {
			t.Fatalf("peer 2 got %q", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("peer 2 got nothing")
	}
	s.waitFor("sent", regexp.MustCompile(`sent 4 bytes to #2`))
	// Then to every peer: the first datagram peer 1 gets is that one, so
	// the reply to peer 2 never reached it.
	s.keys("C-f") // follow off: the target is the list's selection
	s.waitFor("follow off", regexp.MustCompile(`Send to #2`))
	s.keys("Tab", "Tab", "Home") // the list's first row: all peers
	s.waitFor("all", regexp.MustCompile(`Send to all \(2 open\)`))
	s.keys("Tab", "Tab", "M-k") // the editor, cleared
	s.waitFor("cleared", regexp.MustCompile(`0 bytes:`))
	s.keys("-l", "to-all")
	s.waitFor("preview", regexp.MustCompile(`6 bytes: to-all`))
	s.keys("C-s")
	select {
	case got := <-peers[0].out:
		if got != "to-all" {
			t.Fatalf("peer 1 got %q first", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("peer 1 got nothing")
	}
	// The details of the peer (alt+i), then back.
	s.keys("M-i")
	s.waitFor("details", regexp.MustCompile(`Details · listener`))
	s.keys("Escape")
	s.waitFor("the list again", regexp.MustCompile(`All peers \(2\)`))
	s.keys("C-c")
	s.waitFor("exit", regexp.MustCompile(`EXIT=0`))
}

var screenFingerprint = regexp.MustCompile(`fingerprint((?:[0-9A-F]{2}:){31}[0-9A-F]{2})`)

func TestTmuxSwitchToTLSWithOpenSSL(t *testing.T) {
	openssl := requireTool(t, "openssl")
	s := newTmux(t, 80, 24)
	s.keys(binary+" server -l 127.0.0.1:0; echo EXIT=$?", "Enter")
	addr := s.waitFor("listening", regexp.MustCompile(`● listening on (127\.0\.0\.1:\d+)`))[1]
	s.waitFor("the TCP tag", regexp.MustCompile(`Listen TCP 127\.0\.0\.1:`))

	s.keys("C-t")
	s.waitFor("TLS", regexp.MustCompile(`listening on 127\.0\.0\.1:\d+ with TLS, certificate SHA-256`))
	s.waitFor("the tags", regexp.MustCompile(`1 Server TLS[\s\S]*Listen TLS 127\.0\.0\.1:`))
	// The fingerprint is whole on the screen, wrapped: join the rows.
	flat := strings.Join(strings.Fields(s.screen()), "")
	m := screenFingerprint.FindStringSubmatch(flat)
	if m == nil {
		t.Fatalf("no fingerprint on the screen:\n%s", s.screen())
	}
	rowsFit(t, s.screen(), 80)

	// What openssl computes from the certificate the server shows is what
	// the screen says.
	get := exec.Command("sh", "-c", openssl+" s_client -connect "+addr+" -servername localhost </dev/null 2>/dev/null | "+
		openssl+" x509 -noout -fingerprint -sha256")
	out, err := get.CombinedOutput()
	if err != nil {
		t.Fatalf("openssl: %v: %s", err, out)
	}
	if !strings.Contains(strings.ToUpper(string(out)), "FINGERPRINT="+m[1]) {
		t.Fatalf("openssl says %s, the screen %s", out, m[1])
	}

	// s_client sends a request: the pane shows it decrypted, and the
	// reply typed here reaches it.
	req := exec.Command(openssl, "s_client", "-connect", addr, "-servername", "localhost", "-quiet")
	req.Stdin = strings.NewReader("GET /over-tls HTTP/1.1\r\nHost: localhost\r\n\r\n")
	done := make(chan string, 1)
	go func() {
		b, _ := req.CombinedOutput()
		done <- string(b)
	}()
	t.Cleanup(func() {
		if req.Process != nil {
			req.Process.Kill()
		}
	})
	s.waitFor("the request, decrypted", regexp.MustCompile(`GET /over-tls HTTP/1\.1\\r\\n`))
	s.waitFor("the label", regexp.MustCompile(`Receive #\d+ · TLS decrypted`))
	s.waitFor("the session", regexp.MustCompile(`TLS 1\.3 · shown decrypted`))
	rowsFit(t, s.screen(), 80)
	s.keys("-l", `HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nsecret!`)
	s.waitFor("preview", regexp.MustCompile(`45 bytes: HTTP/1\.1 200 OK`))
	s.keys("M-c")
	s.waitFor("close after", regexp.MustCompile(`escapes · close`)) // the send box's title (cut at 80 columns): the help line says "close after send" anyway
	s.keys("C-s")
	select {
	case got := <-done:
		if !strings.Contains(got, "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nsecret!") {
			t.Fatalf("s_client printed %q", got)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("s_client got no reply")
	}
	s.keys("C-c")
	s.waitFor("exit", regexp.MustCompile(`EXIT=0`))
}

//go:build e2e

package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/netassist/netassist/netassist/tlsconf"
)

// startWebTLS starts netassist web --tls, exporting its certificate.
func startWebTLS(t *testing.T) (na *netassistProc, certFile string) {
	t.Helper()
	certFile = filepath.Join(t.TempDir(), "netassist.pem")
	na = startNetassist(t, "web", "--tls", "--cert-out", certFile, "-l", "127.0.0.1:0")
	evs := na.log.snapshot()
	if evs[0].TLS == nil || len(evs[0].TLS.Fingerprint) != 95 {
		t.Fatalf("listen event without the certificate's fingerprint: %+v", evs[0])
	}
	return na, certFile
}

// TestCurlWebTLS fetches pages from netassist web --tls with curl
// trusting the exported certificate: HTTP/1.1 over TLS (ALPN), the
// fingerprint curl sees is the one announced, the capture is the
// plaintext; without --cacert curl refuses and netassist says so.
func TestCurlWebTLS(t *testing.T) {
	announce(t, "curl --cacert (exported certificate) → web --tls: pages over HTTP/1.1, plaintext captured; untrusted refused")
	curl := requireTool(t, "curl")
	na, certFile := startWebTLS(t)
	fp := na.log.snapshot()[0].TLS.Fingerprint

	for _, u := range []string{"https://" + na.addr + "/", "https://localhost" + na.addr[strings.LastIndex(na.addr, ":"):] + "/style.css"} {
		out, stderr, code := runCmd(t, 30*time.Second, curl, "-sS", "--cacert", certFile, "-o", "/dev/null",
			"-w", "%{http_code} %{http_version}", u)
		if code != 0 || string(out) != "200 1.1" {
			t.Errorf("curl %s: exit %d, %q, %s", u, code, out, stderr)
		}
	}
	evs := na.waitUntil("two TLS connections and their http events", 10*time.Second, func(evs []event) bool {
		opens, https := 0, 0
		for _, e := range evs {
			if e.Event == "open" {
				opens++
			}
			if e.Event == "http" {
				https++
			}
		}
		return opens >= 2 && https >= 2
	})
	for _, e := range evs {
		if e.Event != "open" {
			continue
		}
		if e.TLS == nil || e.TLS.ALPN != "http/1.1" || !strings.HasPrefix(e.TLS.Version, "TLS 1.") || e.TLS.Cipher == "" {
			t.Errorf("open event %+v tls %+v", e, e.TLS)
		}
		in := stream(evs, e.Conn, "in")
		if !bytes.HasPrefix(in, []byte("GET /")) || !bytes.Contains(in, []byte("\r\nUser-Agent: curl/")) {
			t.Errorf("conn %d captured %q, want curl's plaintext request", e.Conn, in)
		}
	}
	// openssl shows the fingerprint curl was given.
	if out, err := exec.Command("openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", certFile).Output(); err == nil {
		if !strings.HasSuffix(strings.TrimSpace(string(out)), "="+fp) {
			t.Errorf("openssl says %q, the listen event %q", out, fp)
		}
	}

	// Untrusted: curl refuses (60), netassist records the failed handshake.
	_, _, code := runCmd(t, 30*time.Second, curl, "-sS", "-o", "/dev/null", "https://"+na.addr+"/")
	if code != 60 {
		t.Errorf("curl without --cacert: exit %d, want 60 (certificate problem)", code)
	}
	na.waitUntil("the handshake error event", 10*time.Second, func(evs []event) bool {
		for _, e := range evs {
			if e.Event == "error" && strings.HasPrefix(e.Msg, "TLS handshake with 127.0.0.1:") {
				return true
			}
		}
		return false
	})
	if code := na.stop(); code != 0 {
		t.Errorf("netassist exit %d", code)
	}
}

// TestOpenSSLRequestByteForByte sends a hand-made request through
// openssl s_client: the capture holds exactly those bytes, decrypted.
func TestOpenSSLRequestByteForByte(t *testing.T) {
	announce(t, "openssl s_client → web --tls: the decrypted request captured byte for byte")
	openssl := requireTool(t, "openssl")
	na, certFile := startWebTLS(t)
	req := "GET /index.html?q=%20x HTTP/1.1\r\nhost: 127.0.0.1\r\nX-Odd-CASE:  two  spaces \r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n"
	cmd := exec.Command(openssl, "s_client", "-quiet", "-connect", na.addr, "-CAfile", certFile, "-servername", "localhost", "-alpn", "http/1.1")
	cmd.Stdin = strings.NewReader(req)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("openssl s_client did not finish; stderr %s", stderr.String())
	}
	if !bytes.HasPrefix(out.Bytes(), []byte("HTTP/1.1 200 OK\r\n")) {
		t.Fatalf("openssl got %q; stderr %s", out.Bytes()[:min(out.Len(), 200)], stderr.String())
	}
	evs := na.waitUntil("the http event", 10*time.Second, func(evs []event) bool {
		for _, e := range evs {
			if e.Event == "http" {
				return true
			}
		}
		return false
	})
	var conn int
	for _, e := range evs {
		if e.Event == "open" {
			conn = e.Conn
			if e.TLS == nil || e.TLS.SNI != "localhost" || e.TLS.ALPN != "http/1.1" {
				t.Errorf("open %+v", e.TLS)
			}
		}
	}
	if got := stream(evs, conn, "in"); string(got) != req {
		t.Errorf("captured %q\nsent     %q", got, req)
	}
	if got := stream(evs, conn, "out"); !bytes.Equal(got, out.Bytes()) {
		t.Errorf("captured reply (%d bytes) differs from what openssl received (%d bytes)", len(got), out.Len())
	}
	na.stop()
}

// TestChromiumWebTLS loads the demo site over HTTPS in headless Chromium
// (which accepts the self-signed certificate with
// --ignore-certificate-errors): HTTP/1.1 through ALPN, the page and its
// stylesheet and logo requested, each on a TLS connection.
func TestChromiumWebTLS(t *testing.T) {
	announce(t, "Chromium --ignore-certificate-errors → web --tls: demo page over HTTP/1.1 in TLS")
	requireTool(t, "chromium")
	na, _ := startWebTLS(t)
	ch := startChromium(t, 60*time.Second, "--ignore-certificate-errors", "--virtual-time-budget=5000", "--dump-dom", "https://"+na.addr+"/")
	ch.wait(t, 60*time.Second)
	if dom := ch.stdout.String(); !strings.Contains(dom, "netassist demo site") {
		t.Errorf("Chromium's DOM is not the demo page:\n%s", tail(dom, 2000))
	}
	want := map[string]bool{"/": false, "/style.css": false, "/logo.png": false}
	evs := na.waitUntil("the page, the stylesheet and the logo", 15*time.Second, func(evs []event) bool {
		n := 0
		for _, e := range evs {
			if _, ok := want[e.Target]; ok && e.Event == "http" && e.Proto == "HTTP/1.1" && e.Status == 200 {
				n++
			}
		}
		return n >= len(want)
	})
	tlsConns := map[int]*eventTLS{}
	for _, e := range evs {
		if e.Event == "open" {
			tlsConns[e.Conn] = e.TLS
		}
	}
	for _, e := range evs {
		if e.Event != "http" {
			continue
		}
		ti := tlsConns[e.Conn]
		if ti == nil || ti.ALPN != "http/1.1" || ti.Version != "TLS 1.3" {
			t.Errorf("%s on conn %d: tls %+v", e.Target, e.Conn, ti)
		}
		if ua := e.header("User-Agent"); !strings.Contains(ua, "HeadlessChrome") && !strings.Contains(ua, "Chrome/") {
			t.Errorf("%s: User-Agent %q", e.Target, ua)
		}
		if !bytes.HasPrefix(stream(evs, e.Conn, "in"), []byte("GET ")) {
			t.Errorf("conn %d: captured bytes are not a plaintext request", e.Conn)
		}
	}
	na.stop()
}

// TestNginxClientTLS points netassist client --tls at nginx serving a
// certificate the test made: trusted with --cacert, the reply is nginx's
// plaintext; a wrong host name is refused in one clear line.
func TestNginxClientTLS(t *testing.T) {
	announce(t, "netassist client --tls --cacert → nginx (ssl): reply captured decrypted; wrong host name refused in one line")
	requireTool(t, "nginx")
	dir := t.TempDir()
	cert, err := tlsconf.SelfSigned([]string{"localhost", "127.0.0.1"}, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, cert.CertPEM, 0o644)
	os.WriteFile(keyFile, cert.KeyPEM, 0o600)
	root := t.TempDir()
	body := []byte("<title>tls e2e</title>\r\n网络\n")
	os.WriteFile(filepath.Join(root, "index.html"), body, 0o644)
	addr := startNginxWith(t, root, "ssl", "ssl_certificate "+certFile+"; ssl_certificate_key "+keyFile+";")

	req := `GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`
	na := startNetassist(t, "client", "--tls", "--cacert", certFile, addr, "--send", req)
	select {
	case <-na.exited:
	case <-time.After(30 * time.Second):
		t.Fatalf("netassist client did not exit; stderr: %s", na.stderr)
	}
	if code := na.cmd.ProcessState.ExitCode(); code != 0 {
		t.Fatalf("exit %d; stderr: %s", code, na.stderr)
	}
	evs := na.log.snapshot()
	var conn int
	for _, e := range evs {
		if e.Event == "open" {
			conn = e.Conn
			if e.TLS == nil || e.TLS.Fingerprint != cert.Fingerprint || e.TLS.SNI != "" {
				t.Errorf("open tls %+v (want the certificate's fingerprint; no SNI for an IP)", e.TLS)
			}
		}
	}
	reply := stream(evs, conn, "in")
	if !bytes.HasPrefix(reply, []byte("HTTP/1.1 200 OK\r\n")) || !bytes.Contains(reply, []byte("\r\nServer: nginx")) || !bytes.HasSuffix(reply, body) {
		t.Errorf("reply %q", reply)
	}
	if out := stream(evs, conn, "out"); string(out) != "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n" {
		t.Errorf("sent %q", out)
	}

	// A wrong host name: exit 1, one line naming the certificate's names.
	_, stderr, code := runCmd(t, 30*time.Second, binary, "client", "--tls", "--cacert", certFile, "--sni", "wrong.example", addr, "--headless", "--send", req)
	want := "netassist: tls " + addr + ": certificate refused: wrong host name: it is for localhost, 127.0.0.1, not wrong.example"
	lines := strings.Split(strings.TrimSpace(string(stderr)), "\n")
	if code != 1 || len(lines) != 1 || !strings.HasPrefix(lines[0], want) {
		t.Errorf("wrong name: exit %d, stderr %q; want 1 and one line starting %q", code, stderr, want)
	}
}

package web

import (
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist/tlsconf"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// An HTTPS web server (--tls): the tab says HTTPS and shows the
// certificate's fingerprint whole; a real HTTPS request shows decrypted in
// the raw pane.
func TestHTTPSShowsTheFingerprint(t *testing.T) {
	t.Parallel()
	cert, err := tlsconf.SelfSigned(tlsconf.Hosts("127.0.0.1:0"), 0)
	if err != nil {
		t.Fatal(err)
	}
	h := startWebConfig(t, 80, 24, "127.0.0.1:0", false, httpserve.Config{TLS: tlsconf.Server(cert)})
	s := h.WaitScreen("web listening", func(s string) bool { return listeningOn.MatchString(s) })
	h.addr = listeningOn.FindStringSubmatch(s)[1]
	h.Contains("Listen HTTPS 127.0.0.1:")
	h.Contains("curl -k --compressed https://")
	// The fingerprint, wrapped under the empty list at its colons: every
	// pair is there, in order.
	screen := h.Contains("HTTPS · certificate SHA-256")
	flat := strings.NewReplacer(" ", "", "\n", "", "│", "").Replace(screen)
	if !strings.Contains(flat, cert.Fingerprint) {
		t.Fatalf("the fingerprint %s is not on the screen:\n%s", cert.Fingerprint, screen)
	}

	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(cert.CertPEM)
	cl := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: pool, ServerName: "localhost", NextProtos: []string{"h2", "http/1.1"}}}}
	defer cl.CloseIdleConnections()
	resp, err := cl.Get("https://" + h.addr + "/style.css")
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.TLS == nil || resp.TLS.NegotiatedProtocol != "http/1.1" {
		t.Fatalf("TLS %+v", resp.TLS)
	}
	h.Row("GET", "/style.css", "200")
	h.Contains(`GET /style.css HTTP/1.1\r\n`) // decrypted, byte for byte
	tuitest.CheckFrame(t, h.Raw())
	h.Quit()
}

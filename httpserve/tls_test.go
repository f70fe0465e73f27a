package httpserve

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/tlsconf"
)

func TestHTTPSCapturesTheDecryptedRequest(t *testing.T) {
	cert, err := tlsconf.SelfSigned([]string{"localhost", "127.0.0.1"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex // guards events
	var events []string
	st := netassist.NewStore(0)
	st.AddSink(netassist.SinkFunc(func(e *netassist.Event) {
		if e.Kind == netassist.KindListen || e.Kind == netassist.KindOpen || e.Kind == netassist.KindError {
			mu.Lock()
			events = append(events, string(e.AppendJSON(nil)))
			mu.Unlock()
		}
	}))
	joined := func() string {
		mu.Lock()
		defer mu.Unlock()
		return strings.Join(events, "\n")
	}
	// The configuration asks for h2 too: the server offers http/1.1 only.
	s, err := New(st, Config{TLS: tlsconf.Server(cert, "h2", "http/1.1")})
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ts := &testServer{t: t, store: st, srv: s, addr: a.String()}
	if s.TLSFingerprint() != cert.Fingerprint {
		t.Fatal("fingerprint")
	}

	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(cert.CertPEM)
	tc, err := tls.Dial("tcp", ts.addr, &tls.Config{RootCAs: pool, ServerName: "localhost", NextProtos: []string{"h2", "http/1.1"}})
	if err != nil {
		t.Fatal(err)
	}
	defer tc.Close()
	if p := tc.ConnectionState().NegotiatedProtocol; p != "http/1.1" {
		t.Fatalf("ALPN %q", p)
	}
	req := "GET /index.html HTTP/1.1\r\nHost: localhost\r\nX-Order: b\r\nx-order: a\r\n\r\n"
	io.WriteString(tc, req)
	resp := readResponses(t, bufio.NewReader(tc), 1)[0]
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	ex := ts.waitExchanges(1)[0]
	if got := string(ts.inbound(ex.Conn)); got != req {
		t.Fatalf("captured %q, want the plaintext %q", got, req)
	}
	out, _ := ts.outbound(ex.Conn)
	if !strings.HasPrefix(string(out), "HTTP/1.1 200 OK\r\n") {
		t.Fatalf("response captured as %q", out[:min(len(out), 40)])
	}
	for _, want := range []string{`"event":"listen"`, `"tls":{"fingerprint":"` + cert.Fingerprint + `"}`,
		`"tls":{"version":"TLS 1.3"`, `"sni":"localhost","alpn":"http/1.1"}`} {
		if !strings.Contains(joined(), want) {
			t.Errorf("events lack %s:\n%s", want, joined())
		}
	}

	// A Go client through net/http (ForceAttemptHTTP2 offers h2).
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}, ForceAttemptHTTP2: true}}
	defer c.CloseIdleConnections()
	r, err := c.Get("https://" + ts.addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.ProtoMajor != 1 {
		t.Fatalf("spoke %s", r.Proto)
	}

	// Plain HTTP to the HTTPS port: an error event, no connection.
	n := st.ConnCount(netassist.TabWeb)
	raw := ts.dial()
	io.WriteString(raw, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	ts.waitFor("the handshake error", func() bool { return strings.Contains(joined(), "TLS handshake with "+raw.LocalAddr().String()) })
	if st.ConnCount(netassist.TabWeb) != n {
		t.Fatal("a failed handshake became a connection")
	}
}

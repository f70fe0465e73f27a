package netassist

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/netassist/netassist/netassist/tlsconf"
)

// testCert makes a self-signed certificate for localhost and 127.0.0.1.
func testCert(t *testing.T, validity time.Duration) *tlsconf.Cert {
	t.Helper()
	c, err := tlsconf.SelfSigned([]string{"localhost", "127.0.0.1"}, validity)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// roots trusts c only.
func roots(c *tlsconf.Cert) *x509.CertPool {
	p := x509.NewCertPool()
	p.AppendCertsFromPEM(c.CertPEM)
	return p
}

func TestTLSServerCapturesPlaintext(t *testing.T) {
	cert := testCert(t, 0)
	st := NewStore(0)
	log := &eventLog{}
	st.AddSink(log)
	s := &Server{Store: st, TLS: tlsconf.Server(cert, "netassist-test")}
	addr, err := s.ListenProto(ProtoTLS, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Proto() != ProtoTLS {
		t.Fatalf("proto %v", s.Proto())
	}
	if l := log.find(`"event":"listen"`, `"fingerprint":"`+cert.Fingerprint+`"`); len(l) != 1 {
		t.Fatalf("listen event without the fingerprint: %q", log.find(`"event":"listen"`))
	}

	c, err := tls.Dial("tcp", addr.String(), &tls.Config{RootCAs: roots(cert), ServerName: "localhost", NextProtos: []string{"netassist-test"}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	msg := "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"
	io.WriteString(c, msg)
	waitFor(t, "the plaintext", func() bool { return len(s.Open()) == 1 && string(received(st, s.Open()[0], In)) == msg })
	if _, err := s.Send(AllConns, []byte("HTTP/1.1 204 No Content\r\n\r\n"), false); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 100)
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	n, err := c.Read(buf)
	if err != nil || string(buf[:n]) != "HTTP/1.1 204 No Content\r\n\r\n" {
		t.Fatalf("reply through TLS: %q, %v", buf[:n], err)
	}
	info, _ := st.Conn(s.Open()[0])
	if info.Proto != ProtoTLS || info.TLS == nil || info.TLS.Version != "TLS 1.3" || info.TLS.SNI != "localhost" || info.TLS.ALPN != "netassist-test" {
		t.Fatalf("conn info: %+v %+v", info, info.TLS)
	}
	open := log.find(`"event":"open"`)
	if len(open) != 1 || !strings.Contains(open[0], `"tls":{"version":"TLS 1.3","cipher":"TLS_`) || !strings.Contains(open[0], `"sni":"localhost","alpn":"netassist-test"}`) {
		t.Fatalf("open event: %q", open)
	}
}

func TestTLSServerHandshakeFailureIsAnErrorEvent(t *testing.T) {
	cert := testCert(t, 0)
	st := NewStore(0)
	log := &eventLog{}
	st.AddSink(log)
	s := &Server{Store: st, TLS: tlsconf.Server(cert)}
	addr, err := s.ListenProto(ProtoTLS, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Plain HTTP to a TLS port.
	nc, err := net.Dial("tcp", addr.String())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	io.WriteString(nc, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	waitFor(t, "the error event", func() bool {
		return len(log.find(`"event":"error"`, "TLS handshake with "+nc.LocalAddr().String())) == 1
	})
	// A client that does not trust the certificate.
	if _, err := tls.Dial("tcp", addr.String(), &tls.Config{ServerName: "localhost"}); err == nil {
		t.Fatal("an untrusted certificate was accepted")
	}
	waitFor(t, "the second error", func() bool { return len(log.find(`"event":"error"`, "TLS handshake with")) == 2 })
	if st.ConnCount(TabServer) != 0 {
		t.Fatal("a failed handshake became a connection")
	}
	// A slow client is cut at the handshake timeout, the server stays.
	s2 := &Server{Store: st, TLS: tlsconf.Server(cert), HandshakeTimeout: 100 * time.Millisecond, Tab: "slow"}
	addr2, err := s2.ListenProto(ProtoTLS, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	silent, err := net.Dial("tcp", addr2.String())
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	waitFor(t, "the timeout", func() bool { return len(log.find(`"tab":"slow"`, "no handshake within 100ms")) == 1 })
}

// tlsPeer is a Go TLS server answering "pong" to anything.
func tlsPeer(t *testing.T, cert *tlsconf.Cert) string {
	t.Helper()
	l, err := tls.Listen("tcp", "127.0.0.1:0", tlsconf.Server(cert))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				buf := make([]byte, 100)
				if _, err := c.Read(buf); err == nil {
					io.WriteString(c, "pong")
				}
			}()
		}
	}()
	return l.Addr().String()
}

func TestTLSClientVerifiesAndSaysWhy(t *testing.T) {
	cert := testCert(t, 0)
	addr := tlsPeer(t, cert)
	ctx := context.Background()
	st := NewStore(0)
	log := &eventLog{}
	st.AddSink(log)

	// Trusted: connects, the open event says the session and the
	// certificate's fingerprint; replies are plaintext.
	c := &Client{Store: st, TLS: &tls.Config{RootCAs: roots(cert)}}
	defer c.Close()
	if err := c.ConnectProto(ctx, ProtoTLS, addr); err != nil {
		t.Fatal(err)
	}
	c.Send([]byte("ping"), false)
	if err := c.WaitReply(ctx, 2*time.Second); err != nil {
		t.Fatal(err)
	}
	stt := c.Status()
	if stt.Proto != ProtoTLS || stt.TLS == nil || stt.TLS.Fingerprint != cert.Fingerprint || len(stt.TLS.Names) != 2 {
		t.Fatalf("status: %+v %+v", stt, stt.TLS)
	}
	if got := string(received(st, stt.Conn, In)); got != "pong" {
		t.Fatalf("got %q", got)
	}
	if o := log.find(`"event":"open"`, `"fingerprint":"`+cert.Fingerprint); len(o) != 1 {
		t.Fatalf("open: %q", log.find(`"event":"open"`))
	}

	for _, tc := range []struct {
		name  string
		cfg   *tls.Config
		addr  string
		want  string
		cause error
	}{
		{"unknown authority", &tls.Config{}, addr, "certificate refused: signed by an unknown authority (CN=netassist self-signed,O=netassist, self-signed); trust it with --cacert FILE", ErrCertificate},
		{"wrong name", &tls.Config{RootCAs: roots(cert), ServerName: "wrong.example"}, addr, "certificate refused: wrong host name: it is for localhost, 127.0.0.1, not wrong.example", ErrCertificate},
		{"expired", &tls.Config{RootCAs: roots(cert), Time: func() time.Time { return time.Now().Add(30 * 24 * time.Hour) }}, addr, "certificate refused: expired on ", ErrCertificate},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &Client{Store: st, TLS: tc.cfg}
			defer c.Close()
			err := c.ConnectProto(ctx, ProtoTLS, tc.addr)
			if err == nil || !strings.HasPrefix(err.Error(), "tls "+addr+": "+tc.want) || !errors.Is(err, tc.cause) {
				t.Fatalf("got %v", err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatal("more than one line")
			}
		})
	}

	// --insecure skips the checks.
	ci := &Client{Store: st, TLS: &tls.Config{InsecureSkipVerify: true}}
	defer ci.Close()
	if err := ci.ConnectProto(ctx, ProtoTLS, addr); err != nil {
		t.Fatal(err)
	}

	// Not TLS at all.
	plain, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	go func() {
		c, err := plain.Accept()
		if err == nil {
			io.WriteString(c, "HTTP/1.1 400 Bad Request\r\n\r\n")
			defer c.Close()
			io.Copy(io.Discard, c)
		}
	}()
	cp := &Client{Store: st, TLS: &tls.Config{InsecureSkipVerify: true}}
	defer cp.Close()
	if err := cp.ConnectProto(ctx, ProtoTLS, plain.Addr().String()); !errors.Is(err, ErrHandshake) || !strings.Contains(err.Error(), "does not speak TLS") {
		t.Fatalf("plain server: %v", err)
	}
}

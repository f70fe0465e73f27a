package tlsconf

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestHosts(t *testing.T) {
	for addr, want := range map[string][]string{
		"127.0.0.1:0":    {"127.0.0.1", "localhost", "::1"},
		"0.0.0.0:8443":   {"localhost", "127.0.0.1", "::1"},
		"[::]:8443":      {"localhost", "127.0.0.1", "::1"},
		"example.lan:1":  {"example.lan", "localhost", "127.0.0.1", "::1"},
		"192.168.1.5:80": {"192.168.1.5", "localhost", "127.0.0.1", "::1"},
		":8443":          {"localhost", "127.0.0.1", "::1"},
	} {
		if got := Hosts(addr); !slices.Equal(got, want) {
			t.Errorf("Hosts(%q) = %q, want %q", addr, got, want)
		}
	}
}

func TestSelfSignedVerifiesForItsNamesOnly(t *testing.T) {
	c, err := SelfSigned(Hosts("192.168.1.5:8443"), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if !c.SelfSigned || len(c.KeyPEM) == 0 || time.Until(c.NotAfter) > time.Hour {
		t.Fatalf("%+v", c)
	}
	if !slices.Equal(c.Names, []string{"localhost", "192.168.1.5", "127.0.0.1", "::1"}) {
		t.Fatalf("names %q", c.Names)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(c.CertPEM)
	for _, name := range c.Names {
		if _, err := c.TLS.Leaf.Verify(x509.VerifyOptions{Roots: pool, DNSName: name}); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := c.TLS.Leaf.Verify(x509.VerifyOptions{Roots: pool, DNSName: "other.example"}); err == nil {
		t.Error("verified for a name it is not for")
	}
	if c.TLS.Leaf.PublicKeyAlgorithm != x509.ECDSA {
		t.Errorf("key %v", c.TLS.Leaf.PublicKeyAlgorithm)
	}
}

// TestFingerprintAsOpenSSLPrintsIt compares with `openssl x509
// -fingerprint -sha256`, which people check it against.
func TestFingerprintAsOpenSSLPrintsIt(t *testing.T) {
	c, err := SelfSigned([]string{"localhost"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Fingerprint) != 32*3-1 || strings.ToUpper(c.Fingerprint) != c.Fingerprint {
		t.Fatalf("fingerprint %q", c.Fingerprint)
	}
	if _, err := exec.LookPath("openssl"); err != nil {
		t.Skip("openssl not installed")
	}
	path := filepath.Join(t.TempDir(), "cert.pem")
	if err := c.WritePEM(path); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.TrimSpace(string(out))
	if i := strings.Index(got, "="); i < 0 || got[i+1:] != c.Fingerprint {
		t.Fatalf("openssl says %q, we say %q", got, c.Fingerprint)
	}
}

func TestLoadAndClient(t *testing.T) {
	c, err := SelfSigned([]string{"localhost"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "c.pem"), filepath.Join(dir, "k.pem")
	os.WriteFile(certFile, c.CertPEM, 0o644)
	os.WriteFile(keyFile, c.KeyPEM, 0o600)
	l, err := Load(certFile, keyFile)
	if err != nil {
		t.Fatal(err)
	}
	if l.Fingerprint != c.Fingerprint || l.SelfSigned {
		t.Fatalf("loaded %+v", l)
	}
	if _, err := Load(certFile, certFile); err == nil || !strings.Contains(err.Error(), "--cert "+certFile) {
		t.Fatalf("a certificate as key: %v", err)
	}
	if _, err := Load(filepath.Join(dir, "none"), keyFile); err == nil || !strings.HasPrefix(err.Error(), "--cert: ") {
		t.Fatalf("missing file: %v", err)
	}

	cfg, err := Client(ClientOptions{CAFile: certFile, SNI: "localhost"})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := tls.Listen("tcp", "127.0.0.1:0", Server(l, "http/1.1"))
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		if s, err := ln.Accept(); err == nil {
			s.(*tls.Conn).Handshake()
			s.Close()
		}
	}()
	cfg.NextProtos = []string{"h2", "http/1.1"}
	tc, err := tls.Dial("tcp", ln.Addr().String(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if p := tc.ConnectionState().NegotiatedProtocol; p != "http/1.1" {
		t.Fatalf("ALPN %q: h2 offered and taken", p)
	}
	tc.Close()

	if _, err := Client(ClientOptions{CAFile: keyFile}); !errors.Is(err, ErrNoCerts) {
		t.Fatalf("a key as CA file: %v", err)
	}
}

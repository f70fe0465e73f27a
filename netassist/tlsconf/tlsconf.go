// Package tlsconf builds the TLS configurations of netassist's --tls: a
// self-signed certificate made at start (ECDSA P-256, short validity) or a
// certificate and key from files for the servers, and the client's
// verification (the system's roots plus --cacert, --insecure, --sni). It
// uses crypto/tls and crypto/x509 only, and imports nothing of netassist,
// so the engine, the command line and the TUI can all use it.
package tlsconf

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/netip"
	"os"
	"slices"
	"strings"
	"time"
)

// DefaultValidity is how long a self-signed certificate is valid: long
// enough for a lesson or a week of debugging, short enough that trusting
// it (curl --cacert, a browser exception) does not outlive its use.
const DefaultValidity = 7 * 24 * time.Hour

// Cert is a server certificate and what the UI shows of it.
type Cert struct {
	// TLS is the certificate chain and key for a tls.Config.
	TLS tls.Certificate
	// CertPEM is the certificate chain in PEM (what --cert-out writes: give
	// it to curl --cacert or import it into a browser); KeyPEM its key, set
	// for a generated certificate only.
	CertPEM, KeyPEM []byte
	// Fingerprint is the SHA-256 of the leaf's DER bytes, "AB:CD:…".
	Fingerprint string
	// Names are the leaf's DNS names and IP addresses.
	Names []string
	// NotAfter is when the leaf expires.
	NotAfter time.Time
	// SelfSigned says the certificate was made here, at start.
	SelfSigned bool
}

// Fingerprint is the SHA-256 fingerprint of a certificate's DER bytes as
// upper-case hex pairs joined by colons, as `openssl x509 -noout
// -fingerprint -sha256` prints it and browsers show it.
func Fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	h := strings.ToUpper(hex.EncodeToString(sum[:]))
	var b strings.Builder
	b.Grow(len(h) + len(h)/2)
	for i := 0; i < len(h); i += 2 {
		if i > 0 {
			b.WriteByte(':')
		}
		b.WriteString(h[i : i+2])
	}
	return b.String()
}

// Hosts are the names a self-signed certificate for listen address addr
// is made for: the address's host (unless it is a wildcard such as
// 0.0.0.0, which no client asks for), then localhost, 127.0.0.1 and ::1.
func Hosts(addr string) []string {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	hosts := []string{}
	if a, err := netip.ParseAddr(host); host != "" && (err != nil || !a.IsUnspecified()) {
		hosts = append(hosts, host)
	}
	for _, h := range []string{"localhost", "127.0.0.1", "::1"} {
		if !slices.Contains(hosts, h) {
			hosts = append(hosts, h)
		}
	}
	return hosts
}

// SelfSigned makes a certificate for hosts (DNS names or IP addresses),
// valid from an hour ago (clock skew) for validity (DefaultValidity if
// zero), with a fresh ECDSA P-256 key. It is its own issuer: a client
// trusts it by being given it (curl --cacert FILE).
func SelfSigned(hosts []string, validity time.Duration) (*Cert, error) {
	if validity <= 0 {
		validity = DefaultValidity
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("self-signed certificate: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, fmt.Errorf("self-signed certificate: %w", err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "netassist self-signed", Organization: []string{"netassist"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(validity),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		// An end-entity certificate, its own issuer: trusted by being
		// given (curl --cacert, a browser exception). Not a CA, which
		// Firefox refuses as a server's certificate.
		IsCA: false,
	}
	for _, h := range hosts {
		if a, err := netip.ParseAddr(h); err == nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, a.AsSlice())
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, fmt.Errorf("self-signed certificate: %w", err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("self-signed certificate: %w", err)
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER})
	c, err := fromPEM(certPEM, keyPEM)
	if err != nil {
		return nil, err
	}
	c.KeyPEM, c.SelfSigned = keyPEM, true
	return c, nil
}

// Load reads a certificate chain and its key from PEM files (--cert,
// --key). Errors name the file.
func Load(certFile, keyFile string) (*Cert, error) {
	certPEM, err := os.ReadFile(certFile)
	if err != nil {
		return nil, fmt.Errorf("--cert: %w", err)
	}
	keyPEM, err := os.ReadFile(keyFile)
	if err != nil {
		return nil, fmt.Errorf("--key: %w", err)
	}
	c, err := fromPEM(certPEM, keyPEM)
	if err != nil {
		return nil, fmt.Errorf("--cert %s --key %s: %w", certFile, keyFile, err)
	}
	return c, nil
}

func fromPEM(certPEM, keyPEM []byte) (*Cert, error) {
	kp, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return nil, err
	}
	leaf := kp.Leaf
	if leaf == nil {
		if leaf, err = x509.ParseCertificate(kp.Certificate[0]); err != nil {
			return nil, err
		}
		kp.Leaf = leaf
	}
	names := slices.Clone(leaf.DNSNames)
	for _, ip := range leaf.IPAddresses {
		names = append(names, ip.String())
	}
	return &Cert{
		TLS:         kp,
		CertPEM:     certPEM,
		Fingerprint: Fingerprint(leaf.Raw),
		Names:       names,
		NotAfter:    leaf.NotAfter,
	}, nil
}

// Server is a server configuration for c offering alpn (nil: none): the
// web server offers only "http/1.1", so browsers speak HTTP/1.1 and every
// byte stays readable. TLS 1.2 and 1.3.
func Server(c *Cert, alpn ...string) *tls.Config {
	return &tls.Config{
		Certificates: []tls.Certificate{c.TLS},
		NextProtos:   alpn,
		MinVersion:   tls.VersionTLS12,
	}
}

// ClientOptions are the client's --cacert, --insecure and --sni.
type ClientOptions struct {
	// CAFile is a PEM file of certificates to trust besides the system's
	// roots (a self-signed server's --cert-out).
	CAFile string
	// Insecure skips every check of the server's certificate.
	Insecure bool
	// SNI is the server name to ask for and check the certificate
	// against ("": the host of the address).
	SNI string
}

// ErrNoCerts is returned by Client when the CA file holds no certificate.
var ErrNoCerts = errors.New("no PEM certificate in it")

// Client is a client configuration: the system's roots plus o.CAFile,
// unless o.Insecure.
func Client(o ClientOptions) (*tls.Config, error) {
	cfg := &tls.Config{ServerName: o.SNI, InsecureSkipVerify: o.Insecure, MinVersion: tls.VersionTLS12}
	if o.CAFile == "" {
		return cfg, nil
	}
	b, err := os.ReadFile(o.CAFile)
	if err != nil {
		return nil, fmt.Errorf("--cacert: %w", err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(b) {
		return nil, fmt.Errorf("--cacert %s: %w", o.CAFile, ErrNoCerts)
	}
	cfg.RootCAs = pool
	return cfg, nil
}

// WritePEM writes c's certificate (PEM) to path, readable by all: it is
// public (--cert-out).
func (c *Cert) WritePEM(path string) error {
	if err := os.WriteFile(path, c.CertPEM, 0o644); err != nil {
		return fmt.Errorf("--cert-out: %w", err)
	}
	return nil
}

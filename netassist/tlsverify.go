package netassist

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"
)

// ErrCertificate is the cause of a TLS Connect whose server certificate was
// refused (unknown authority, wrong host name, expired); the *DialError's
// text says which, in one line.
var ErrCertificate = errors.New("certificate refused")

// ErrHandshake is the cause of a TLS Connect whose handshake failed for
// another reason (no common version or cipher, the server refused us, not
// TLS at all).
var ErrHandshake = errors.New("TLS handshake failed")

// certNames lists a certificate's DNS names then its IP addresses.
func certNames(dns []string, ips []net.IP) []string {
	names := append([]string(nil), dns...)
	for _, ip := range ips {
		names = append(names, ip.String())
	}
	return names
}

// describeHandshake says in one line why a TLS handshake with addr failed,
// and whether it was the certificate. The x509 errors name the certificate
// refused and why, with what to do about it: --cacert for an authority we
// do not know, the names the certificate is for when the host name is
// wrong, the validity period when it expired.
func describeHandshake(addr string, err error) (string, error) {
	var (
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
		verify   *tls.CertificateVerificationError
	)
	prefix := "tls " + addr + ": "
	switch {
	case errors.As(err, &hostname):
		c := hostname.Certificate
		names := "no names"
		if c != nil {
			if n := certNames(c.DNSNames, c.IPAddresses); len(n) > 0 {
				names = strings.Join(n, ", ")
			} else if c.Subject.CommonName != "" {
				names = "only the legacy common name " + c.Subject.CommonName + ", which is not checked"
			}
		}
		return fmt.Sprintf("%scertificate refused: wrong host name: it is for %s, not %s (--sni NAME picks the name asked for, --insecure skips checks)",
			prefix, names, hostname.Host), ErrCertificate
	case errors.As(err, &unknown):
		issuer := "?"
		if c := unknown.Cert; c != nil {
			issuer = c.Issuer.String()
			if c.Issuer.String() == c.Subject.String() {
				issuer += ", self-signed"
			}
		}
		return fmt.Sprintf("%scertificate refused: signed by an unknown authority (%s); trust it with --cacert FILE or skip checks with --insecure",
			prefix, issuer), ErrCertificate
	case errors.As(err, &invalid):
		return prefix + "certificate refused: " + invalidReason(invalid), ErrCertificate
	case errors.As(err, &verify):
		return fmt.Sprintf("%scertificate refused: %v", prefix, verify.Err), ErrCertificate
	}
	var rec tls.RecordHeaderError
	if errors.As(err, &rec) {
		return prefix + "the server does not speak TLS (its first bytes are not a TLS record)", ErrHandshake
	}
	return prefix + "handshake failed: " + opError(err, false).Error(), ErrHandshake
}

// invalidReason words an x509.CertificateInvalidError.
func invalidReason(e x509.CertificateInvalidError) string {
	c := e.Cert
	switch e.Reason {
	case x509.Expired:
		if c != nil {
			now := time.Now()
			const day = "2006-01-02 15:04:05 MST"
			if now.Before(c.NotBefore) {
				return fmt.Sprintf("not valid yet (valid from %s)", c.NotBefore.UTC().Format(day))
			}
			return fmt.Sprintf("expired on %s", c.NotAfter.UTC().Format(day))
		}
		return "expired or not yet valid"
	case x509.NotAuthorizedToSign:
		return "signed by a certificate that may not sign others"
	case x509.IncompatibleUsage:
		return "not for use by a server (extended key usage)"
	}
	return e.Error()
}

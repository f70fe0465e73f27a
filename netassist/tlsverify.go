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

// CertRefusal says why a server certificate was refused, in parts, so a
// UI can word it in its own language (TLSError.Refusal; the English text
// is the TLSError's).
type CertRefusal struct {
	Kind CertRefusalKind
	// Names (CertWrongHost) are the names the certificate is for: its DNS
	// names then IP addresses; empty with CommonName set, it has only a
	// legacy common name, which is not checked. Host is the name asked for.
	Names      []string
	CommonName string
	Host       string
	// Issuer (CertUnknownAuthority) is the certificate's issuer, RFC 2253
	// form; SelfSigned when it is its own subject too.
	Issuer     string
	SelfSigned bool
	// Reason (CertInvalid, CertOther) is the cause in English.
	Reason string
}

// CertRefusalKind is the reason a certificate was refused.
type CertRefusalKind int

const (
	CertOther            CertRefusalKind = iota // another x509 verification failure (Reason)
	CertWrongHost                               // not for the host name asked for
	CertUnknownAuthority                        // signed by an authority not trusted
	CertInvalid                                 // expired, not yet valid, wrong usage (Reason)
)

// String is the refusal in English, as a TLSError shows it after
// "tls ADDR: ".
func (r *CertRefusal) String() string {
	switch r.Kind {
	case CertWrongHost:
		names := "no names"
		if len(r.Names) > 0 {
			names = strings.Join(r.Names, ", ")
		} else if r.CommonName != "" {
			names = "only the legacy common name " + r.CommonName + ", which is not checked"
		}
		return fmt.Sprintf("certificate refused: wrong host name: it is for %s, not %s (--sni NAME picks the name asked for, --insecure skips checks)",
			names, r.Host)
	case CertUnknownAuthority:
		issuer := r.Issuer
		if r.SelfSigned {
			issuer += ", self-signed"
		}
		return fmt.Sprintf("certificate refused: signed by an unknown authority (%s); trust it with --cacert FILE or skip checks with --insecure", issuer)
	}
	return "certificate refused: " + r.Reason
}

// describeHandshake says in one line why a TLS handshake with addr failed,
// and whether it was the certificate. The x509 errors name the certificate
// refused and why, with what to do about it: --cacert for an authority we
// do not know, the names the certificate is for when the host name is
// wrong, the validity period when it expired. A refused certificate's
// reason comes in parts too (nil otherwise).
func describeHandshake(addr string, err error) (string, *CertRefusal, error) {
	var (
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
		verify   *tls.CertificateVerificationError
	)
	prefix := "tls " + addr + ": "
	var r *CertRefusal
	switch {
	case errors.As(err, &hostname):
		r = &CertRefusal{Kind: CertWrongHost, Host: hostname.Host}
		if c := hostname.Certificate; c != nil {
			r.Names = certNames(c.DNSNames, c.IPAddresses)
			r.CommonName = c.Subject.CommonName
		}
	case errors.As(err, &unknown):
		r = &CertRefusal{Kind: CertUnknownAuthority, Issuer: "?"}
		if c := unknown.Cert; c != nil {
			r.Issuer = c.Issuer.String()
			r.SelfSigned = c.Issuer.String() == c.Subject.String()
		}
	case errors.As(err, &invalid):
		r = &CertRefusal{Kind: CertInvalid, Reason: invalidReason(invalid)}
	case errors.As(err, &verify):
		r = &CertRefusal{Kind: CertOther, Reason: fmt.Sprint(verify.Err)}
	}
	if r != nil {
		return prefix + r.String(), r, ErrCertificate
	}
	var rec tls.RecordHeaderError
	if errors.As(err, &rec) {
		return prefix + "the server does not speak TLS (its first bytes are not a TLS record)", nil, ErrHandshake
	}
	return prefix + "handshake failed: " + opError(err, false).Error(), nil, ErrHandshake
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

package netassist

import (
	"crypto/tls"
	"fmt"
	"strings"

	"github.com/netassist/netassist/netassist/tlsconf"
)

// Proto is the transport a Server listens with or a Client connects
// with (DESIGN.md §9): TCP, TLS over TCP, or UDP datagrams. The zero value
// is TCP.
type Proto uint8

// Transports.
const (
	ProtoTCP Proto = iota
	ProtoTLS       // TLS over TCP: the capture holds the plaintext inside TLS
	ProtoUDP       // datagrams: one data event per datagram, a peer per source address
)

var protoNames = [...]string{"tcp", "tls", "udp"}

// String is "tcp", "tls" or "udp".
func (p Proto) String() string {
	if int(p) < len(protoNames) {
		return protoNames[p]
	}
	return "unknown"
}

// ParseProto reads "tcp", "tls" or "udp" (any case).
func ParseProto(s string) (Proto, error) {
	for i, n := range protoNames {
		if strings.EqualFold(s, n) {
			return Proto(i), nil
		}
	}
	return 0, fmt.Errorf("unknown transport \"%s\" (tcp, tls or udp)", s)
}

// TLSInfo describes TLS on a listener or a connection. A listen event
// carries the server certificate's Fingerprint only; an open event carries
// the negotiated Version, Cipher, SNI (the server name the client asked
// for) and ALPN (the application protocol agreed, "" if none), and, on the
// client side, the Fingerprint of the certificate the server showed. JSON:
// "tls":{"version":"TLS 1.3","cipher":"TLS_AES_128_GCM_SHA256",
// "sni":"localhost","alpn":"http/1.1"} (DESIGN.md §9).
type TLSInfo struct {
	Version string
	Cipher  string
	SNI     string
	ALPN    string
	// Fingerprint is the SHA-256 of a certificate's DER bytes, as upper-case
	// hex pairs joined by colons: what `openssl x509 -noout -fingerprint
	// -sha256` prints and browsers show, so a class can compare them.
	Fingerprint string
	// Names are the server certificate's DNS names and IP addresses (the
	// client side's open event; not in JSON: the TUI's connection row).
	Names []string
}

// TLSInfoOf describes an established TLS connection. peerCert says to
// include the fingerprint and names of the certificate the peer showed
// (a client's view of the server).
func TLSInfoOf(cs tls.ConnectionState, peerCert bool) *TLSInfo {
	ti := &TLSInfo{
		Version: tls.VersionName(cs.Version),
		Cipher:  tls.CipherSuiteName(cs.CipherSuite),
		SNI:     cs.ServerName,
		ALPN:    cs.NegotiatedProtocol,
	}
	if peerCert && len(cs.PeerCertificates) > 0 {
		leaf := cs.PeerCertificates[0]
		ti.Fingerprint = Fingerprint(leaf.Raw)
		ti.Names = certNames(leaf.DNSNames, leaf.IPAddresses)
	}
	return ti
}

// Fingerprint is the SHA-256 fingerprint of a certificate's DER bytes:
// "AB:CD:…" (32 upper-case hex pairs; tlsconf.Fingerprint).
func Fingerprint(der []byte) string { return tlsconf.Fingerprint(der) }

// appendJSON appends the "tls" object: every field that is set, the
// open event's four always (DESIGN.md §9) when open is true.
func (ti *TLSInfo) appendJSON(b []byte, open bool) []byte {
	b = append(b, `,"tls":{`...)
	first := true
	field := func(name, v string, always bool) {
		if v == "" && !always {
			return
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = AppendJSONString(b, name)
		b = append(b, ':')
		b = AppendJSONString(b, v)
	}
	field("version", ti.Version, open)
	field("cipher", ti.Cipher, open)
	field("sni", ti.SNI, open)
	field("alpn", ti.ALPN, open)
	field("fingerprint", ti.Fingerprint, false)
	return append(b, '}')
}

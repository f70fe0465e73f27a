// Package conninfo describes what a connection list row has no room for
// (issue 16): the transport of a connection, its TLS session (version,
// cipher suite, SNI, ALPN, and on the client side the certificate the
// server showed), a UDP peer's last datagram and counts, and the server's
// own certificate with its SHA-256 fingerprint whole, so a class can
// compare it with what a browser or `openssl x509 -fingerprint -sha256`
// shows. The Server tab shows the short form at the foot of its
// connection list, and both tabs the long form in the details view
// (alt+i). Everything from the network (addresses, SNI, names) goes
// through common.Safe.
package conninfo

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
)

// Cert is what the UI shows of a server's own certificate.
type Cert struct {
	// Fingerprint is the SHA-256 of the leaf's DER bytes, "AB:CD:…" (32
	// pairs, 95 characters).
	Fingerprint string
	Names       []string // DNS names and IP addresses
	NotAfter    time.Time
	// SelfSigned: signed by its own key (tlsconf.SelfSigned makes one at
	// start); else Issuer names who signed it.
	SelfSigned bool
	Issuer     string
}

// CertOf describes the first certificate of cfg; nil when cfg holds none
// or it does not parse.
func CertOf(cfg *tls.Config) *Cert {
	if cfg == nil || len(cfg.Certificates) == 0 || len(cfg.Certificates[0].Certificate) == 0 {
		return nil
	}
	kp := cfg.Certificates[0]
	leaf := kp.Leaf
	if leaf == nil {
		var err error
		if leaf, err = x509.ParseCertificate(kp.Certificate[0]); err != nil {
			return nil
		}
	}
	names := append([]string(nil), leaf.DNSNames...)
	for _, ip := range leaf.IPAddresses {
		names = append(names, ip.String())
	}
	self := leaf.CheckSignature(leaf.SignatureAlgorithm, leaf.RawTBSCertificate, leaf.Signature) == nil
	return &Cert{Fingerprint: netassist.Fingerprint(kp.Certificate[0]), Names: names,
		NotAfter: leaf.NotAfter, SelfSigned: self, Issuer: leaf.Issuer.String()}
}

// NextProto is the protocol after p in the tabs' switch (ctrl+t):
// TCP → TLS → UDP → TCP.
func NextProto(p netassist.Proto) netassist.Proto {
	switch p {
	case netassist.ProtoTCP:
		return netassist.ProtoTLS
	case netassist.ProtoTLS:
		return netassist.ProtoUDP
	}
	return netassist.ProtoTCP
}

// ProtoName is the tag of p: "TCP", "TLS" or "UDP".
func ProtoName(c common.Common, p netassist.Proto) string {
	tt := &c.Text.Transport
	switch p {
	case netassist.ProtoTLS:
		return tt.TLS
	case netassist.ProtoUDP:
		return tt.UDP
	}
	return tt.TCP
}

// group is parts as lines: in the long form (a view 80 cells wide) one
// line, the parts joined by " · ", so the details fit in a few rows; in
// the short form (a narrow list) a line each.
func group(long bool, parts ...string) []string {
	if long {
		return []string{strings.Join(parts, " · ")}
	}
	return parts
}

// fingerprint is the fingerprint after its label, on one line: Wrap cuts
// it after a colon where it must.
func fingerprint(c common.Common, fp string) string {
	return c.Text.Transport.CertSHA + " " + common.Safe(fp)
}

// certLines are the lines of a certificate: (long) what it is, for which
// names and until when, then the fingerprint.
func certLines(c common.Common, cert *Cert, long bool) []string {
	tt := &c.Text.Transport
	var out []string
	if long {
		made := fmt.Sprintf(tt.CertLoaded, common.Safe(cert.Issuer))
		if cert.SelfSigned {
			made = tt.CertMade
		}
		var parts []string
		if len(cert.Names) > 0 {
			parts = append(parts, fmt.Sprintf(tt.CertFor, common.Safe(strings.Join(cert.Names, ", "))))
		}
		if !cert.NotAfter.IsZero() {
			parts = append(parts, fmt.Sprintf(tt.CertExpires, cert.NotAfter.Local().Format("2006-01-02 15:04")))
		}
		out = append(out, made)
		if len(parts) > 0 {
			out = append(out, strings.Join(parts, " · "))
		}
	}
	return append(out, fingerprint(c, cert.Fingerprint))
}

// Listener describes the tab's listening socket: its protocol and
// address, and on TLS the certificate. The short form (the connection
// list's foot) is the certificate's fingerprint alone, and nothing for
// TCP or UDP.
func Listener(c common.Common, p netassist.Proto, addr string, cert *Cert, long bool) []string {
	var out []string
	if long {
		out = append(out, fmt.Sprintf(c.Text.Transport.ListenProto, ProtoName(c, p), common.Safe(addr)))
	}
	if p == netassist.ProtoTLS && cert != nil {
		out = append(out, certLines(c, cert, long)...)
	}
	if p == netassist.ProtoUDP && long {
		out = append(out, fmt.Sprintf(c.Text.Transport.UDPListener, MaxDatagram(addr), netassist.MaxUDPPeers))
	}
	return out
}

// Conn describes connection ci: the short form (the list's foot) is its
// TLS session or its UDP peer's last datagram, nothing for plain TCP; the
// long form adds the addresses, the counts, the server's certificate as
// the client saw it, and why it closed. now is the UI's clock.
func Conn(c common.Common, ci netassist.ConnInfo, now time.Time, long bool) []string {
	tt := &c.Text.Transport
	var out []string
	if long {
		out = append(out, fmt.Sprintf(tt.ConnProto, ci.ID, ProtoName(c, ci.Proto), common.Safe(ci.Remote))+
			" · "+fmt.Sprintf(tt.ConnLocal, common.Safe(ci.Local)))
	}
	switch {
	case ci.TLS != nil:
		out = append(out, tlsLines(c, ci.TLS, long)...)
	case ci.Proto == netassist.ProtoUDP:
		out = append(out, udpLines(c, ci, now, long)...)
	case long:
		out = append(out, tt.PlainTCP)
	}
	if long && !ci.Open {
		out = append(out, fmt.Sprintf(tt.ClosedInfo, common.Safe(common.CloseReason(c, ci.ClosedBy, ci.Err))))
	}
	return out
}

func tlsLines(c common.Common, ti *netassist.TLSInfo, long bool) []string {
	tt := &c.Text.Transport
	sni, alpn := tt.NoSNI, tt.NoALPN
	if ti.SNI != "" {
		sni = fmt.Sprintf(tt.SNI, common.Safe(ti.SNI))
	}
	if ti.ALPN != "" {
		alpn = fmt.Sprintf(tt.ALPN, common.Safe(ti.ALPN))
	}
	out := group(long, fmt.Sprintf(tt.TLSSession, common.Safe(ti.Version)), fmt.Sprintf(tt.Cipher, common.Safe(ti.Cipher)))
	out = append(out, group(long, sni, alpn)...)
	if long && ti.Fingerprint != "" {
		cert := tt.ServerCert
		if len(ti.Names) > 0 {
			cert += " " + fmt.Sprintf(tt.CertFor, common.Safe(strings.Join(ti.Names, ", ")))
		}
		out = append(out, cert, fingerprint(c, ti.Fingerprint))
	}
	return out
}

func udpLines(c common.Common, ci netassist.ConnInfo, now time.Time, long bool) []string {
	tt := &c.Text.Transport
	seen := tt.UDPNeverSeen
	if !ci.LastIn.IsZero() {
		ago := max(now.Sub(ci.LastIn), 0).Round(time.Second)
		seen = fmt.Sprintf(tt.UDPPeer, ci.LastIn.Local().Format("15:04:05"), ago)
	}
	out := []string{seen, fmt.Sprintf(tt.Datagrams, ci.ChunksIn, common.FormatSize(ci.BytesIn), ci.ChunksOut, common.FormatSize(ci.BytesOut))}
	if long {
		out = append(out, fmt.Sprintf(tt.MaxDatagram, MaxDatagram(ci.Remote)))
	}
	return out
}

// UDPOptions is a line of a UDP socket's broadcast and multicast
// settings, nil for a plain unicast socket.
func UDPOptions(c common.Common, o netassist.UDPOptions) []string {
	tt := &c.Text.Transport
	var parts []string
	if o.Broadcast {
		parts = append(parts, tt.UDPBroadcast)
	}
	if o.Group != "" {
		parts = append(parts, fmt.Sprintf(tt.UDPGroup, common.Safe(o.Group)))
	}
	if o.Interface != "" {
		parts = append(parts, fmt.Sprintf(tt.UDPIface, common.Safe(o.Interface)))
	}
	if o.TTL > 0 {
		parts = append(parts, fmt.Sprintf(tt.UDPTTL, o.TTL))
	}
	if o.NoLoop {
		parts = append(parts, tt.UDPNoLoop)
	}
	if len(parts) == 0 {
		return nil
	}
	return []string{strings.Join(parts, " · ")}
}

// MaxDatagram is the largest UDP payload to remote: 65,507 bytes over
// IPv4, 65,527 over IPv6 (netassist.MaxDatagram4, MaxDatagram6).
func MaxDatagram(remote string) int {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	if ip := net.ParseIP(host); ip != nil && ip.To4() == nil {
		return netassist.MaxDatagram6
	}
	return netassist.MaxDatagram4
}

// Wrap lays lines out in rows of at most w cells: a long line breaks at
// spaces (or a cipher suite's underscores), a word still too long for a
// row (a fingerprint) after a colon, by whole pairs; the later rows of a
// line are indented by two cells (all its rows are then at most w-2
// wide).
func Wrap(lines []string, w int) []string {
	if w <= 0 {
		return nil
	}
	var out []string
	for _, l := range lines {
		if ansi.StringWidth(l) <= w {
			out = append(out, l)
			continue
		}
		if w <= 4 {
			out = append(out, strings.Split(ansi.Hardwrap(l, w, true), "\n")...)
			continue
		}
		n := 0
		for _, r := range strings.Split(ansi.Wordwrap(l, w-2, "_"), "\n") {
			for _, piece := range strings.Split(ansi.Wrap(r, w-2, ":"), "\n") {
				if n > 0 {
					piece = "  " + piece
				}
				out = append(out, piece)
				n++
			}
		}
	}
	return out
}

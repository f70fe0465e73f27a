package httpserve

import (
	"net"

	"github.com/netassist/netassist/netassist"
)

// tlsListener wraps a TCP listener in TLS: Accept returns connections
// whose handshake is done, so the capture above them sees plaintext.
func (s *Server) tlsListener(l net.Listener) net.Listener {
	timeout := orDefault(s.cfg.ReadHeaderTimeout, DefaultReadHeaderTimeout)
	return netassist.NewTLSListener(l, s.tls, timeout, func(remote net.Addr, err error) {
		s.store.RecordUnaskedError(s.tab, netassist.HandshakeError(remote, err))
	})
}

// recordListen records the listen event, with the certificate's
// fingerprint when the server is HTTPS.
func (s *Server) recordListen(l net.Listener) {
	if fp := s.TLSFingerprint(); fp != "" {
		s.store.RecordListenProto(s.tab, l.Addr().String(), netassist.ProtoTLS, &netassist.TLSInfo{Fingerprint: fp})
		return
	}
	s.store.RecordListen(s.tab, l.Addr().String())
}

// TLSFingerprint is the SHA-256 fingerprint of the server's certificate
// ("AB:CD:…"), or "" when it serves plain HTTP.
func (s *Server) TLSFingerprint() string {
	if s.tls == nil || len(s.tls.Certificates) == 0 || len(s.tls.Certificates[0].Certificate) == 0 {
		return ""
	}
	return netassist.Fingerprint(s.tls.Certificates[0].Certificate[0])
}

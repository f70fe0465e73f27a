package common

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/i18n"
)

// certRefusalText words a refused certificate (netassist.CertRefusal) from
// the catalogue: what String gives in English, in t's language.
func certRefusalText(t *i18n.ErrorsText, r *netassist.CertRefusal) string {
	switch r.Kind {
	case netassist.CertWrongHost:
		names := t.CertNoNames
		if len(r.Names) > 0 {
			names = strings.Join(r.Names, ", ")
		} else if r.CommonName != "" {
			names = fmt.Sprintf(t.CertLegacyName, r.CommonName)
		}
		return fmt.Sprintf(t.CertWrongHost, names, r.Host)
	case netassist.CertUnknownAuthority:
		issuer := r.Issuer
		if r.SelfSigned {
			issuer = fmt.Sprintf(t.CertSelfSigned, issuer)
		}
		return fmt.Sprintf(t.CertUnknownAuthority, issuer)
	}
	return fmt.Sprintf(t.CertRefused, r.Reason)
}

// The engine's unasked errors reach the UI as text (netassist.Event.Err):
// these are their forms (netassist.HandshakeError, udp.go's refused
// datagram, serverlisten.go's and serverudp.go's retries).
var (
	reHandshake    = regexp.MustCompile(`^TLS handshake with (\S+) failed: (.*)$`)
	reDatagram     = regexp.MustCompile(`^conn (\d+): datagram of (\d+) bytes not sent: (.*)$`)
	reRetrying     = regexp.MustCompile(`^(.*); retrying in (\S+)$`)
	reStillReading = regexp.MustCompile(`^(.*); still reading$`)
)

// EngineErrText is an unasked engine error (netassist.Event.Unasked, kept
// as text) in the UI's language: its frame from the catalogue
// (i18n.ErrorsText.HandshakeWith, DatagramNotSent, Retrying,
// StillReading), its cause through ErrString. English, or a text of
// another form, keeps its words but for the causes ErrString knows.
func EngineErrText(c Common, s string) string {
	if c.Lang == i18n.LangEnglish || c.Text == nil {
		return s
	}
	t := &c.Text.Errors
	if m := reHandshake.FindStringSubmatch(s); m != nil {
		cause := strings.Replace(m[2], "tls: first record does not look like a TLS handshake", t.NotTLS, 1)
		return fmt.Sprintf(t.HandshakeWith, m[1], ErrString(c, cause))
	}
	if m := reDatagram.FindStringSubmatch(s); m != nil {
		conn, _ := strconv.Atoi(m[1])
		n, _ := strconv.Atoi(m[2])
		return fmt.Sprintf(t.DatagramNotSent, conn, n, ErrString(c, m[3]))
	}
	if m := reRetrying.FindStringSubmatch(s); m != nil {
		return fmt.Sprintf(t.Retrying, ErrString(c, m[1]), m[2])
	}
	if m := reStillReading.FindStringSubmatch(s); m != nil {
		return fmt.Sprintf(t.StillReading, ErrString(c, m[1]))
	}
	return ErrString(c, s)
}

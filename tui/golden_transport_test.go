package tui

import (
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// Golden screens of UDP and TLS in the Server tab at 80×24 (issue 16):
// a UDP server with two peers, and a TLS connection with its session at
// the list's foot and in the details view. Fingerprints differ on every
// run (a certificate is made at start): their hex pairs are masked.

var (
	// A fingerprint, or a row of one wrapped: four pairs or more.
	maskFingerprint = regexp.MustCompile(`:?[0-9A-F]{2}(:[0-9A-F]{2}){3,}:?`)
	maskHex         = regexp.MustCompile(`[0-9A-F]`)
	// A certificate's expiry: a week from now.
	maskExpiry = regexp.MustCompile(`\d{4}-\d\d-\d\d \d\d:\d\d`)
)

// maskedTransport is s (already masked) with fingerprints, or their
// wrapped rows, as "##:##:…", and the certificate's expiry as zeros.
func maskedTransport(s string) string {
	s = maskFingerprint.ReplaceAllStringFunc(s, func(fp string) string { return maskHex.ReplaceAllString(fp, "#") })
	return maskExpiry.ReplaceAllStringFunc(s, func(d string) string { return digit.ReplaceAllString(d, "0") })
}

var switchKey = tuitest.Ctrl('t')

// transportScene is the app on the Server tab switched to p by ctrl+t.
func transportScene(t *testing.T, l i18n.Lang, w, h int, p netassist.Proto) *harness {
	hs := app{follow: true, set: func(c *Config) {
		c.Clock, c.Lang = fixedClock, l
		c.Server.MaxConns = 512
	}}.start(t, w, h)
	txt := tr(l)
	hs.Contains("● " + fmt.Sprintf(txt.Listening, "127.0.0.1:"))
	hs.StatusShows(fmt.Sprintf(txt.RestartedOn, "127.0.0.1:"))
	hs.Key(switchKey)
	if p == netassist.ProtoUDP {
		hs.Key(switchKey)
	}
	tuitest.WaitFor(t, "the switch", func() bool { return hs.srv.Proto() == p && hs.srv.Addr() != nil })
	hs.Contains("2 " + txt.TabClient) // the tab bar drawn again
	return hs
}

func TestGoldenUDPServer(t *testing.T) {
	t.Parallel()
	each(t, goldenSizes[:1], func(t *testing.T, l i18n.Lang, w, h int) {
		hs := transportScene(t, l, w, h, netassist.ProtoUDP)
		hs.StatusShows(strings.SplitN(tr(l).Transport.ListeningUDP, "%s", 2)[1])
		addr := hs.srv.Addr().String()
		for i, msg := range []string{"ping from a", "ping from b", "again a"} {
			c := peers(t, addr)[i%2]
			c.Write([]byte(msg))
			tuitest.WaitFor(t, msg, func() bool { return hs.store.Totals(netassist.TabServer).BytesIn >= int64(len(msg)) })
		}
		tuitest.WaitFor(t, "3 datagrams", func() bool {
			return hs.store.Totals(netassist.TabServer).BytesIn == int64(len("ping from aping from bagain a"))
		})
		golden.RequireEqual(t, maskedTransport(hs.still("again a", "1 "+tr(l).TabServer+" UDP")))
		hs.Quit()
	})
}

// peerConns holds two UDP sockets per server address, made once per test;
// peerMu guards it (the en and zh scenes run in parallel).
var (
	peerMu    sync.Mutex
	peerConns = map[string][2]*net.UDPConn{}
)

func peers(t *testing.T, addr string) [2]*net.UDPConn {
	peerMu.Lock()
	defer peerMu.Unlock()
	if p, ok := peerConns[addr]; ok {
		return p
	}
	var p [2]*net.UDPConn
	for i := range p {
		c, err := net.Dial("udp", addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		p[i] = c.(*net.UDPConn)
	}
	peerConns[addr] = p
	return p
}

func TestGoldenTLSServer(t *testing.T) {
	t.Parallel()
	each(t, goldenSizes[:1], func(t *testing.T, l i18n.Lang, w, h int) {
		hs := transportScene(t, l, w, h, netassist.ProtoTLS)
		tt := tr(l).Transport
		hs.Contains(strings.SplitN(tt.ListeningTLS, "%", 2)[0])
		c, err := tls.Dial("tcp", hs.srv.Addr().String(), &tls.Config{InsecureSkipVerify: true, ServerName: "localhost"})
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		io.WriteString(c, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
		hs.Contains(`GET / HTTP/1.1\r\n`)
		session := fmt.Sprintf(tt.TLSSession, "TLS 1.3")
		main := hs.still(session, tt.Decrypted, "1 "+tr(l).TabServer+" TLS")
		t.Run("list", func(t *testing.T) { golden.RequireEqual(t, maskedTransport(main)) })
		hs.Key(tuitest.Alt('i'))
		info := hs.still(fmt.Sprintf(tt.InfoTitle, "#1"), tt.CertSHA)
		t.Run("info", func(t *testing.T) { golden.RequireEqual(t, maskedTransport(info)) })
		hs.Quit()
	})
}

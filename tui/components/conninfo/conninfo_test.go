package conninfo

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/tlsconf"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

func TestCertOf(t *testing.T) {
	cert, err := tlsconf.SelfSigned([]string{"example.test", "127.0.0.1"}, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	c := CertOf(tlsconf.Server(cert))
	if c == nil || c.Fingerprint != cert.Fingerprint || !c.SelfSigned || strings.Join(c.Names, ",") != "example.test,127.0.0.1" {
		t.Fatalf("%+v", c)
	}
	if CertOf(nil) != nil {
		t.Fatal("nil config")
	}
}

// A fingerprint wraps after a colon, by whole pairs, its later rows
// indented; every row fits; nothing is lost.
func TestWrapFingerprint(t *testing.T) {
	fp := "SHA-256 fingerprint " + strings.TrimSuffix(strings.Repeat("AB:", 32), ":")
	for _, w := range []int{1, 4, 5, 12, 27, 40, 78, 120} {
		rows := Wrap([]string{fp}, w)
		joined := ""
		for i, r := range rows {
			if ansi.StringWidth(r) > w {
				t.Fatalf("w=%d: row %q too wide", w, r)
			}
			r = strings.TrimLeft(r, " ")
			if w > 4 && i > 0 && strings.Contains(r, ":") && !strings.HasPrefix(r, "AB") {
				t.Fatalf("w=%d: a pair cut: %q", w, rows)
			}
			joined += r
		}
		if strings.ReplaceAll(joined, " ", "") != strings.ReplaceAll(fp, " ", "") {
			t.Fatalf("w=%d: %q", w, rows)
		}
	}
}

func TestConnLines(t *testing.T) {
	c := common.Default()
	now := time.Date(2026, 1, 2, 3, 4, 10, 0, time.Local)
	udp := netassist.ConnInfo{ID: 2, Proto: netassist.ProtoUDP, Remote: "[::1]:9", Local: "[::1]:5000", Open: true,
		LastIn: now.Add(-3 * time.Second), ChunksIn: 4, BytesIn: 40, ChunksOut: 1, BytesOut: 2}
	short := strings.Join(Conn(c, udp, now, false), "\n")
	if short != "last datagram 03:04:07 (3s ago)\n4 datagrams in (40 B), 1 out (2 B)" {
		t.Fatalf("%q", short)
	}
	long := strings.Join(Conn(c, udp, now, true), "\n")
	if !strings.Contains(long, "#2 UDP · [::1]:9 · local [::1]:5000") || !strings.Contains(long, "at most 65527 bytes") {
		t.Fatalf("%q", long)
	}
	udp.LastIn = time.Time{}
	if s := Conn(c, udp, now, false)[0]; s != "no datagram from it yet" {
		t.Fatalf("%q", s)
	}

	// TLS: what the network said goes through the sanitizer.
	tl := netassist.ConnInfo{ID: 1, Proto: netassist.ProtoTLS, Remote: "127.0.0.1:4", Local: "127.0.0.1:443",
		TLS:    &netassist.TLSInfo{Version: "TLS 1.2", Cipher: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", SNI: "evil\x1b[2J", ALPN: "http/1.1"},
		Closed: now, ClosedBy: netassist.ByPeer}
	got := strings.Join(Conn(c, tl, now, true), "\n")
	for _, want := range []string{"TLS 1.2 · shown decrypted · cipher TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
		`SNI evil\x1B[2J · ALPN http/1.1`, "closed: peer"} {
		if !strings.Contains(got, want) {
			t.Fatalf("lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "\x1b") {
		t.Fatal("raw escape")
	}
	if s := Conn(c, netassist.ConnInfo{Open: true}, now, false); len(s) != 0 {
		t.Fatalf("plain TCP short form: %q", s)
	}
}

func TestUDPOptions(t *testing.T) {
	c := common.Default()
	if UDPOptions(c, netassist.UDPOptions{}) != nil {
		t.Fatal("plain socket")
	}
	got := UDPOptions(c, netassist.UDPOptions{Broadcast: true, Group: "239.1.2.3", Interface: "lo", TTL: 4, NoLoop: true})
	if len(got) != 1 || got[0] != "broadcast allowed · multicast group 239.1.2.3 joined · interface lo · multicast TTL 4 · own multicast not looped back" {
		t.Fatalf("%q", got)
	}
}

func TestListenerAndView(t *testing.T) {
	for _, l := range []i18n.Lang{i18n.LangEnglish, i18n.LangChinese} {
		c := common.Default()
		txt := i18n.For(l)
		c.Text = &txt
		cert := &Cert{Fingerprint: strings.TrimSuffix(strings.Repeat("0F:", 32), ":"), Names: []string{"localhost"}, SelfSigned: true}
		if got := Listener(c, netassist.ProtoUDP, "a:1", nil, false); len(got) != 0 {
			t.Fatalf("%q", got)
		}
		short := Listener(c, netassist.ProtoTLS, "a:1", cert, false)
		if len(short) != 1 || !strings.HasSuffix(short[0], cert.Fingerprint) {
			t.Fatalf("%q", short)
		}
		long := Listener(c, netassist.ProtoTLS, "a:1", cert, true)
		for _, sz := range tuitest.Sizes {
			tuitest.CheckSize(t, "conninfo", View(c, "#1", long, sz[0], sz[1]), sz[0], sz[1])
			tuitest.CheckSize(t, "conninfo empty", View(c, "#1", nil, sz[0], sz[1]), sz[0], sz[1])
		}
		v := ansi.Strip(View(c, "#1", long, 80, 12))
		if !strings.Contains(strings.NewReplacer(" ", "", "│", "", "\n", "").Replace(v), cert.Fingerprint) {
			t.Fatalf("%s: the fingerprint is not whole:\n%s", l, v)
		}
	}
}

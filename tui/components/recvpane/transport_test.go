package recvpane

import (
	"strings"
	"testing"

	"github.com/netassist/netassist/netassist"
)

// A UDP peer's first datagram opens it as a peer; each datagram is its
// own chunk; one the read buffer cut says so; the title carries the
// tab's label (issue 16).
func TestRecvUDPPeerAndTruncatedDatagram(t *testing.T) {
	st := netassist.NewStore(0)
	id := st.RecordOpenProto(netassist.TabServer, "127.0.0.1:5000", "127.0.0.1:40001", netassist.ProtoUDP, nil)
	st.RecordDatagram(id, netassist.In, []byte("one"), false)
	st.RecordDatagram(id, netassist.In, []byte("two"), false)
	st.RecordDatagram(id, netassist.In, []byte("cut"), true)
	p := testPane(st)
	s := paneText(p)
	for _, want := range []string{"#1 new UDP peer 127.0.0.1:40001", "◀ in  3 B\none\n", "◀ in  3 B\ntwo\n", "◀ in  3 B · truncated\ncut"} {
		if !strings.Contains(s, want) {
			t.Errorf("pane lacks %q:\n%s", want, s)
		}
	}
	if strings.Count(s, "◀ in") != 3 {
		t.Errorf("datagrams merged:\n%s", s)
	}
	p.SetLabel("TLS decrypted")
	if title := p.title(); !strings.HasPrefix(title, "Receive · TLS decrypted · ") {
		t.Errorf("title %q", title)
	}
	p.SetFilter(netassist.Filter{Tab: netassist.TabServer, Conn: id})
	if title := p.title(); !strings.HasPrefix(title, "Receive #1 · TLS decrypted · ") {
		t.Errorf("title %q", title)
	}
}

// A character cut at the end of a datagram is not completed by the next
// datagram (breaker-2 D1): each datagram is decoded alone, so the first
// ends in escapes and the second starts with them, as in headless text.
func TestRecvUDPDatagramsDecodeAlone(t *testing.T) {
	st := netassist.NewStore(0)
	id := st.RecordOpenProto(netassist.TabServer, "127.0.0.1:5000", "127.0.0.1:40001", netassist.ProtoUDP, nil)
	zh := []byte("中文")
	st.RecordDatagram(id, netassist.In, zh[:4], false) // 中 and the first byte of 文
	st.RecordDatagram(id, netassist.In, append(zh[4:], 'Z'), false)
	st.RecordDatagram(id, netassist.In, append([]byte("a\n"), zh[3:5]...), false)
	st.RecordDatagram(id, netassist.In, zh[:1], false)
	st.RecordDatagram(id, netassist.In, nil, false)
	st.RecordClose(id, netassist.ByLocal, nil)
	p := testPane(st)
	p.SetSize(82, 30)
	s := paneText(p)
	for _, want := range []string{"◀ in  4 B\n中\\xE6\n", "◀ in  3 B\n\\x96\\x87Z\n", "◀ in  4 B\na\\n\n\\xE6\\x96\n", "◀ in  1 B\n\\xE4\n", "◀ in  0 B\n"} {
		if !strings.Contains(s, want) {
			t.Errorf("pane lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "文") || strings.Contains(s, "held") || strings.Count(s, `\xE6`) != 2 {
		t.Errorf("a character was joined across datagrams, or held bytes shown twice:\n%s", s)
	}
}

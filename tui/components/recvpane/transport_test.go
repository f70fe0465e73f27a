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

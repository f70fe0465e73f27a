package connlist

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// On UDP the list says Peers, each row when its peer last sent (the word
// left out where it does not fit), and the foot shows the detail lines
// while the rows keep room; the selected row stays in view above it.
func TestUDPRowsAndFoot(t *testing.T) {
	st := netassist.NewStore(0)
	var ids []netassist.ConnID
	for i := range 12 {
		id := st.RecordOpenProto(netassist.TabServer, "127.0.0.1:5000", fmt.Sprintf("127.0.0.1:%d", 40000+i), netassist.ProtoUDP, nil)
		st.RecordDatagram(id, netassist.In, []byte("hi"), false)
		ids = append(ids, id)
	}
	l := New(common.Default(), st, netassist.TabServer)
	l.SetNoun("Peers", "All peers")
	l.SetSize(40, 12)
	s := ansi.Strip(l.View())
	if !strings.Contains(s, "Peers") || !strings.Contains(s, "All peers (12)") || !strings.Contains(s, "● #1 :40000 2↓ 0↑ seen ") {
		t.Fatalf("list:\n%s", s)
	}
	l.SetSize(28, 12)
	if s := ansi.Strip(l.View()); strings.Contains(s, "seen") || !strings.Contains(s, "● #1 :40000 2↓ 0↑ ") {
		t.Fatalf("narrow list:\n%s", s)
	}

	l.SetSize(30, 14)
	l.SetDetail([]string{"one", "two", "three"})
	l.SelectID(ids[11])
	s = ansi.Strip(l.View())
	if !strings.Contains(s, "│─────") || !strings.Contains(s, " three") || !strings.Contains(s, "#12 :40011") {
		t.Fatalf("foot, or the selection hidden:\n%s", s)
	}
	// A foot that would leave fewer than three rows is left out.
	l.SetDetail(strings.Split(strings.Repeat("x ", 10), " "))
	if s := ansi.Strip(l.View()); strings.Contains(s, "│────") || !strings.Contains(s, "#1 :40000") {
		t.Fatalf("foot too big shown:\n%s", s)
	}
	for _, sz := range tuitest.Sizes {
		l.SetSize(sz[0], sz[1])
		l.SetDetail([]string{"SHA-256 fingerprint " + strings.Repeat("AB:", 31) + "AB"})
		tuitest.CheckSize(t, "connlist", l.View(), sz[0], sz[1])
	}
}

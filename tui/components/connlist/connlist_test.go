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

func TestViewSize(t *testing.T) {
	st := netassist.NewStore(0)
	for i := range 30 {
		st.RecordOpen(netassist.TabServer, "l", fmt.Sprintf("127.0.0.1:%d", 1000+i))
	}
	l := New(common.Default(), st, netassist.TabServer)
	l.MoveBy(25)
	for _, sz := range tuitest.Sizes {
		l.SetSize(sz[0], sz[1])
		tuitest.CheckSize(t, "connlist", l.View(), sz[0], sz[1])
	}
}

func TestRowsAndSelection(t *testing.T) {
	st := netassist.NewStore(0)
	l := New(common.Default(), st, netassist.TabServer)
	l.SetSize(40, 6)
	if s := ansi.Strip(l.View()); !strings.Contains(s, "All connections (0)") || !strings.Contains(s, "no connections yet") {
		t.Fatalf("empty list:\n%s", s)
	}
	a := st.RecordOpen(netassist.TabServer, "l", "127.0.0.1:1")
	b := st.RecordOpen(netassist.TabServer, "l", "127.0.0.1:2")
	st.RecordData(b, netassist.In, make([]byte, 1536), 0)
	st.RecordClose(a, netassist.ByPeer, nil)
	s := ansi.Strip(l.View())
	for _, want := range []string{"All connections (1)", "○ #1 0↓ 0↑ 127.0.0.1:1", "● #2 1.5K↓ 0↑ 127.0.0.1:2"} {
		if !strings.Contains(s, want) {
			t.Errorf("list lacks %q:\n%s", want, s)
		}
	}
	for _, c := range []struct {
		key  func()
		want netassist.ConnID
	}{
		{func() { l.Update(tuitest.Down) }, a},
		{func() { l.Update(tuitest.Down) }, b},
		{func() { l.Update(tuitest.Down) }, b}, // clamped
		{func() { l.Update(tuitest.Home) }, 0},
		{func() { l.Update(tuitest.End) }, b},
		{func() { l.SelectID(a) }, a},
		{func() { l.SelectID(0) }, 0},
	} {
		c.key()
		if got := l.Selected(); got != c.want {
			t.Fatalf("selected %d, want %d", got, c.want)
		}
	}
	// Scrolling keeps the selected row in view.
	for i := range 10 {
		st.RecordOpen(netassist.TabServer, "l", fmt.Sprintf("10.0.0.%d:9", i))
	}
	l.Update(tuitest.End)
	if s := ansi.Strip(l.View()); !strings.Contains(s, "#12 ") || strings.Contains(s, "All connections") {
		t.Fatalf("scrolled list:\n%s", s)
	}
}

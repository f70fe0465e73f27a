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
	for _, want := range []string{"All connections (1)", "○ #1 :1 0↓ 0↑", "● #2 :2 1.5K↓ 0↑"} {
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

// A row shows what tells connections apart: the client port first (the
// host too when it is not loopback), the bytes, and the request line its
// first bytes carried; a half-closed one is marked ◐ and, selected, the
// title says what that means.
func TestRowsTellConnsApart(t *testing.T) {
	st := netassist.NewStore(0)
	l := New(common.Default(), st, netassist.TabServer)
	l.SetSize(60, 12)
	get := st.RecordOpen(netassist.TabServer, "l", "127.0.0.1:51514")
	st.RecordData(get, netassist.In, []byte("GET /style.css HTTP/1.1\r\nHost: x\r\n\r\n"), 0)
	st.RecordOpen(netassist.TabServer, "l", "127.0.0.1:51516") // a preconnect: nothing sent
	lan := st.RecordOpen(netassist.TabServer, "l", "192.168.1.23:40000")
	st.RecordData(lan, netassist.In, []byte("hello\n"), 0)
	split := st.RecordOpen(netassist.TabServer, "l", "[::1]:6000")
	st.RecordData(split, netassist.In, []byte("POST /fo"), 0) // a request line still arriving
	evil := st.RecordOpen(netassist.TabServer, "l", "127.0.0.1:7000")
	st.RecordData(evil, netassist.In, []byte("GET /\x1b[2J\u202e HTTP/1.1\r\n"), 0)
	fin := st.RecordOpen(netassist.TabServer, "l", "127.0.0.1:8000")
	st.RecordData(fin, netassist.In, []byte("hello"), 0)
	st.RecordEOF(fin, netassist.In)

	s := ansi.Strip(l.View())
	for _, want := range []string{
		"● #1 :51514 36↓ 0↑ GET /style.css", "● #2 :51516 0↓ 0↑ ", "● #3 192.168.1.23:40000 6↓ 0↑ ",
		"● #4 :6000 8↓ 0↑ ", `● #5 :7000 23↓ 0↑ GET /\x1B[2J\u{202E}`, "◐ #6 :8000 5↓ 0↑",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("list lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "hello") || strings.Contains(s, "POST") {
		t.Errorf("a row shows bytes that are not a request line:\n%s", s)
	}
	// The rest of the request line arrives: the row shows it now.
	st.RecordData(split, netassist.In, []byte("rm HTTP/1.0\r\n\r\n"), 0)
	if s := ansi.Strip(l.View()); !strings.Contains(s, "● #4 :6000 23↓ 0↑ POST /form") {
		t.Errorf("the split request line is not shown:\n%s", s)
	}
	l.SelectID(fin)
	if s := ansi.Strip(l.View()); !strings.Contains(s, "╭─◐ #6 peer finished sending (FIN)") {
		t.Errorf("the title does not say what ◐ means:\n%s", s)
	}
}

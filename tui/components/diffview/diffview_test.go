package diffview

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

func TestViewSizeAndClose(t *testing.T) {
	m := New(common.Default())
	m.Compare(3, []byte("GET / HTTP/1.1\r\nHost: a\r\nX-Gone: 1\r\n\r\n"), 5, []byte("GET / HTTP/1.1\r\nHost: a\r\nX-New: \x1b[2J\r\n\r\n"))
	for _, sz := range tuitest.Sizes {
		m.SetSize(sz[0], sz[1])
		tuitest.CheckSize(t, "diffview", m.View(), sz[0], sz[1])
	}
	m.SetSize(80, 20)
	v := m.View()
	tuitest.CheckFrame(t, v) // a header value from the network never reaches the terminal raw
	s := ansi.Strip(v)
	for _, want := range []string{"Compare A #3 → B #5 · 2 fields differ", "- X-Gone: 1", `+ X-New: \x1B[2J`} {
		if !strings.Contains(s, want) {
			t.Errorf("lacks %q:\n%s", want, s)
		}
	}
	m.Update(tuitest.Esc)
	if m.IsOpen() {
		t.Error("esc did not close the diff")
	}
}

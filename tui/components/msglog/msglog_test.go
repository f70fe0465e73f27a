package msglog

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

func at(i int) time.Time { return time.Date(2026, 1, 2, 3, 4, 5+i, 0, time.UTC) }

// The log keeps the last Cap messages, oldest leaving first.
func TestKeepsTheLast100(t *testing.T) {
	m := New(common.Default())
	for i := range Cap + 20 {
		m.Add(Entry{At: at(i), Tab: "Server", Text: fmt.Sprintf("message %d", i)})
	}
	es := m.Entries()
	if len(es) != Cap || es[0].Text != "message 20" || es[Cap-1].Text != fmt.Sprintf("message %d", Cap+19) {
		t.Fatalf("kept %d: first %q last %q", len(es), es[0].Text, es[len(es)-1].Text)
	}
}

// A long error is drawn whole, wrapped; the newest is at the bottom; the
// view is exactly its size at every size, and hostile text is escaped.
func TestWrapsWholeAndFits(t *testing.T) {
	m := New(common.Default())
	long := "cannot listen: listen tcp 127.0.0.1:20004: bind: address already in use — and then some more words to wrap"
	m.Add(Entry{At: at(0), Tab: "Server", Text: "first"})
	m.Add(Entry{At: at(1), Tab: "Server", Text: long, Err: true})
	m.Add(Entry{At: at(2), Tab: "Web", Text: "evil \x1b[2J here"})
	m.SetSize(40, 12)
	v := ansi.Strip(m.View())
	flat := strings.Join(strings.Fields(strings.ReplaceAll(v, "│", " ")), " ")
	for _, w := range []string{"address already in use", "some more words to wrap", `evil \x1B[2J here`, "✗ cannot listen"} {
		if !strings.Contains(flat, w) {
			t.Errorf("log lacks %q:\n%s", w, v)
		}
	}
	for _, sz := range tuitest.Sizes {
		m.SetSize(sz[0], sz[1])
		tuitest.CheckSize(t, "msglog", m.View(), sz[0], sz[1])
	}
	// Scrolled to the top, the first message shows; End follows again.
	m.SetSize(60, 4)
	m.MoveToTop()
	if v := ansi.Strip(m.View()); !strings.Contains(v, "first") {
		t.Errorf("top: %s", v)
	}
	m.MoveToBottom()
	if v := ansi.Strip(m.View()); !strings.Contains(v, "here") || strings.Contains(v, "first") {
		t.Errorf("bottom: %s", v)
	}
}

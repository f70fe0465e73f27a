package recvpane

import (
	"strings"
	"testing"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// No network byte moves the layout (issue 12 item 4): with every cluster
// of the table on screen, alone, between text and all in one long line
// that wraps at every position, each row of the View is exactly the
// pane's width, as lipgloss measures it (the tmux test in cmd/netassist
// checks what a terminal draws).
func TestGraphemesKeepTheRowWidth(t *testing.T) {
	gs := tuitest.Graphemes(t)
	st := netassist.NewStore(0)
	id := st.RecordOpen(netassist.TabServer, "l", "127.0.0.1:9")
	var all strings.Builder
	for _, g := range gs {
		st.RecordData(id, netassist.In, []byte(g.Name+": "+g.In+"\r\n"), 0)
		st.RecordData(id, netassist.In, []byte("x"+g.In+g.In+"y"), 0)
		all.WriteString(g.In)
	}
	st.RecordData(id, netassist.In, []byte(all.String()), 0)
	p := testPane(st)
	for w := 4; w <= 82; w++ {
		for _, h := range []int{24, 60} {
			p.SetSize(w, h)
			tuitest.CheckSize(t, "recvpane", p.View(), w, h)
			p.MoveBy(-h / 2) // and scrolled back through the table
			tuitest.CheckSize(t, "recvpane scrolled", p.View(), w, h)
			p.MoveToBottom()
		}
	}
}

// A wrapped header value is marked as a continuation, and its `\r\n`
// stays whole (issue 12 item 5), at every width.
func TestWrappedHeaderIsMarked(t *testing.T) {
	st := netassist.NewStore(0)
	id := st.RecordOpen(netassist.TabServer, "l", "127.0.0.1:9")
	st.RecordData(id, netassist.In, []byte("HTTP/1.1 200 OK\r\nSet-Cookie: id="+strings.Repeat("0123456789", 12)+"\r\n\r\n"), 0)
	p := testPane(st)
	for w := 8; w <= 60; w++ {
		p.SetSize(w+2, 40)
		rows := strings.Split(paneText(p), "\n")
		marked := 0
		for _, r := range rows {
			if strings.HasPrefix(r, common.ContinuationMark+"Set-Co") {
				t.Fatalf("width %d: the header line is marked as a continuation", w)
			}
			if strings.HasPrefix(r, common.ContinuationMark) {
				marked++
				r = strings.TrimPrefix(r, common.ContinuationMark)
			}
			if strings.HasPrefix(r, `\n`) {
				t.Fatalf("width %d: a row starts with a lone \\n:\n%s", w, paneText(p))
			}
		}
		if marked == 0 {
			t.Fatalf("width %d: no continuation mark:\n%s", w, paneText(p))
		}
	}
}

package recvpane

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// typeQuery opens the field, types q and presses enter; it returns the
// search's Cmd.
func typeQuery(t *testing.T, p *Model, q string) tea.Cmd {
	t.Helper()
	p.Update(tuitest.Plain('/'))
	if !p.TakesText() {
		t.Fatal("/ did not open the search field")
	}
	for _, r := range q {
		p.Update(tuitest.Plain(r))
	}
	cmd := p.Update(tuitest.Enter)
	if p.TakesText() {
		t.Fatal("enter did not close the field")
	}
	return cmd
}

// result runs a search Cmd and gives the pane its result, returning the
// status it set.
func result(t *testing.T, p *Model, cmd tea.Cmd) string {
	t.Helper()
	if cmd == nil {
		t.Fatal("no search started")
	}
	msg, ok := cmd().(SearchMsg)
	if !ok {
		t.Fatal("the search Cmd returned no SearchMsg")
	}
	st := p.Update(msg)
	p.View() // a frame follows every message
	if st != nil {
		if s, ok := st().(common.StatusMsg); ok {
			return s.Text
		}
	}
	return ""
}

// markedRows are the rows of the view holding a highlighted match.
func markedRows(p *Model) []string {
	all, cur := p.markStyles()
	open := strings.SplitN(all.Render("x"), "x", 2)[0]
	openCur := strings.SplitN(cur.Render("x"), "x", 2)[0]
	var out []string
	for _, l := range strings.Split(p.View(), "\n") {
		if strings.Contains(l, open) || strings.Contains(l, openCur) {
			out = append(out, ansi.Strip(l))
		}
	}
	return out
}

func TestSearchTextAndHexNextPrevious(t *testing.T) {
	st := netassist.NewStore(0)
	a := st.RecordOpen(netassist.TabServer, "l", "ra")
	b := st.RecordOpen(netassist.TabServer, "l", "rb")
	st.RecordData(a, netassist.In, []byte("GET /one HTTP/1.1\r\nHost: alpha\r\n\r\n"), 0)
	for range 50 {
		st.RecordData(b, netassist.In, []byte("filler line\n"), 0)
	}
	st.RecordData(b, netassist.In, []byte("GET /two HTTP/1.1\r\nHost: beta\r\n\r\n"), 0)
	p := testPane(st)
	p.Focus()

	// Smart case: "host" finds Host; the newest first.
	if s := result(t, p, typeQuery(t, p, "host: ")); !strings.Contains(s, "match on #2") {
		t.Fatalf("status %q", s)
	}
	if rows := markedRows(p); len(rows) != 1 || !strings.Contains(rows[0], "Host: beta") {
		t.Fatalf("highlighted rows %q", rows)
	}
	if !strings.Contains(ansi.Strip(p.View()), "Receive · following · /host: ") {
		t.Fatalf("title: %s", strings.SplitN(ansi.Strip(p.View()), "\n", 2)[0])
	}
	// n: the older one, scrolled into view; N back.
	if s := result(t, p, p.Update(tuitest.Plain('n'))); !strings.Contains(s, "match on #1") {
		t.Fatalf("n: status %q", s)
	}
	if rows := markedRows(p); len(rows) != 1 || !strings.Contains(rows[0], "Host: alpha") {
		t.Fatalf("after n, highlighted rows %q\n%s", rows, ansi.Strip(p.View()))
	}
	if s := result(t, p, p.Update(tuitest.Plain('n'))); !strings.Contains(s, "no older match") {
		t.Fatalf("n at the oldest: status %q", s)
	}
	if s := result(t, p, p.Update(tuitest.Plain('N'))); !strings.Contains(s, "match on #2") {
		t.Fatalf("N: status %q", s)
	}

	// The shown form: \r\n\r\n ends a head; in hex, 0d 0a 0d 0a.
	if s := result(t, p, typeQuery(t, p, `\r\n\r\n`)); !strings.Contains(s, "match on #2") {
		t.Fatalf(`\r\n\r\n: status %q`, s)
	}
	if s := result(t, p, typeQuery(t, p, "x:0d 0a 0d 0a")); !strings.Contains(s, "match on #2") {
		t.Fatalf("hex: status %q", s)
	}
	p.toggleHex()
	if rows := markedRows(p); len(rows) == 0 || !strings.Contains(strings.Join(rows, "\n"), "0d 0a") {
		t.Fatalf("hex view: highlighted rows %q\n%s", rows, ansi.Strip(p.View()))
	}
	// A bad hex query says where.
	if s := result2(t, p, typeQuery(t, p, "x:0g")); !strings.Contains(s, "search:") {
		t.Fatalf("bad hex: %q", s)
	}
}

// result2 is the status of a Cmd that is not a search (an error).
func result2(t *testing.T, p *Model, cmd tea.Cmd) string {
	t.Helper()
	if cmd == nil {
		t.Fatal("no status")
	}
	s, _ := cmd().(common.StatusMsg)
	return s.Text
}

// A newer search replaces the one running: its result is dropped, by
// generation, even if it arrives last.
func TestSearchStaleResultDropped(t *testing.T) {
	st := netassist.NewStore(0)
	id := st.RecordOpen(netassist.TabServer, "l", "r")
	st.RecordData(id, netassist.In, []byte("apple banana"), 0)
	p := testPane(st)
	p.Focus()
	first := typeQuery(t, p, "apple")
	second := typeQuery(t, p, "banana")
	m2 := second().(SearchMsg)
	m1 := first().(SearchMsg)
	p.Update(m2)
	cur := p.srch.cur
	if cmd := p.Update(m1); cmd != nil || p.srch.cur != cur || p.srch.typed != "banana" {
		t.Fatalf("the stale result was taken: %+v", p.srch.cur)
	}
	if rows := markedRows(p); len(rows) != 1 {
		t.Fatalf("rows %q", rows)
	}
}

// The field takes every key while open (plain letters are text, not the
// pane's commands) and a paste; leaving the pane closes it.
func TestSearchFieldTakesKeys(t *testing.T) {
	p := testPane(netassist.NewStore(0))
	p.Focus()
	p.Update(tuitest.Plain('/'))
	for _, r := range "xpod" {
		p.Update(tuitest.Plain(r))
	}
	p.Update(tea.PasteMsg{Content: `\r\n`})
	if p.hex || p.paused || !p.showSent || !p.timestamps {
		t.Fatal("a letter typed in the field acted as a command")
	}
	if v := ansi.Strip(p.View()); !strings.Contains(v, `/xpod\r\n`) {
		t.Fatalf("field:\n%s", v)
	}
	p.Blur()
	if p.TakesText() {
		t.Fatal("the field stayed open after the pane lost the focus")
	}
}

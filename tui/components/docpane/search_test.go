package docpane

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist/render"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// find types q in the search field and returns the status it sets.
func find(t *testing.T, d *Model, q string) string {
	t.Helper()
	d.Update(tuitest.Plain('/'))
	if !d.TakesText() {
		t.Fatal("/ did not open the field")
	}
	for _, r := range q {
		d.Update(tuitest.Plain(r))
	}
	return status(d.Update(tuitest.Enter))
}

func status(cmd tea.Cmd) string {
	if cmd == nil {
		return ""
	}
	s, _ := cmd().(common.StatusMsg)
	return s.Text
}

// highlighted are the visible rows that carry a match.
func highlighted(d *Model) []string {
	open := strings.SplitN(d.c.Styles.Selected.Render("x"), "x", 2)[0]
	openCur := strings.SplitN(d.c.Styles.Selected.Bold(true).Render("x"), "x", 2)[0]
	var out []string
	for _, l := range strings.Split(d.View(), "\n") {
		if strings.Contains(l, open) || strings.Contains(l, openCur) {
			out = append(out, ansi.Strip(l))
		}
	}
	return out
}

// rawDoc is a request rendered as the Web tab's raw pane draws it.
func rawDoc(d *Model, width int, hex bool) {
	raw := []byte("GET /a HTTP/1.1\r\nHost: example.test\r\nCookie: " + strings.Repeat("k=v; ", 20) + "end=1\r\n\r\n")
	d.Fill(Key{Seq: 1, Width: width, Hex: hex}, func() []string {
		if hex {
			return common.HexRows(raw, 0, width)
		}
		var out []string
		for _, l := range render.Lines(raw) {
			out = append(out, common.WrapLine(d.c.Styles, l, width)...)
		}
		return out
	})
}

func TestDocSearch(t *testing.T) {
	d := New(common.Default())
	d.SetSize(32, 12)
	d.Focus()
	rawDoc(d, 30, false)

	// Across wrapped rows: the Cookie value wraps, "end=1\r\n" may be cut.
	if s := find(t, d, `end=1\r\n\r\n`); s != "match 1 of 1" {
		t.Fatalf("status %q", s)
	}
	if rows := highlighted(d); len(rows) == 0 || !strings.Contains(strings.Join(rows, ""), "end=1") {
		t.Fatalf("rows %q\n%s", rows, ansi.Strip(d.View()))
	}
	// Smart case; n and N wrap around.
	if s := find(t, d, `k=v`); s != "match 1 of 20" {
		t.Fatalf("status %q", s)
	}
	if s := status(d.Update(tuitest.Plain('N'))); s != "match 20 of 20" {
		t.Fatalf("N: %q", s)
	}
	if s := status(d.Update(tuitest.Plain('n'))); s != "match 1 of 20" {
		t.Fatalf("n: %q", s)
	}
	// A hex query in the text view finds the text its bytes are shown as.
	if s := find(t, d, "x:0d 0a 0d 0a"); s != "match 1 of 1" {
		t.Fatalf("hex in text: %q", s)
	}
	if s := find(t, d, "nowhere"); !strings.Contains(s, "no match for nowhere") {
		t.Fatalf("status %q", s)
	}

	// The hex view: bytes, and text read as the bytes it stands for.
	rawDoc(d, 30, true)
	if s := find(t, d, "x:48 6f 73 74"); s != "match 1 of 1" {
		t.Fatalf("hex view: %q", s)
	}
	if rows := highlighted(d); len(rows) == 0 {
		t.Fatalf("hex view: nothing highlighted\n%s", ansi.Strip(d.View()))
	}
	if s := find(t, d, `\r\n\r\n`); s != "match 1 of 1" {
		t.Fatalf(`\r\n\r\n in hex view: %q`, s)
	}
	if s := find(t, d, "x:0g"); !strings.Contains(s, "search:") {
		t.Fatalf("bad hex: %q", s)
	}
	tuitest.CheckSize(t, "docpane searching", d.View(), 32, 12)
	d.Update(tuitest.Plain('/'))
	tuitest.CheckSize(t, "docpane field open", d.View(), 32, 12)
	d.Blur()
	if d.TakesText() {
		t.Fatal("the field stayed open")
	}
}

package docpane

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

func doc(n int) func() []string {
	return func() []string {
		var out []string
		for i := range n {
			out = append(out, fmt.Sprintf("line %d", i+1))
		}
		return out
	}
}

func TestViewSize(t *testing.T) {
	d := New(common.Default())
	d.SetTitle("Raw request #1")
	d.Fill(Key{Seq: 1}, doc(100))
	d.MoveBy(50)
	for _, sz := range tuitest.Sizes {
		d.SetSize(sz[0], sz[1])
		tuitest.CheckSize(t, "docpane", d.View(), sz[0], sz[1])
	}
}

func TestScrollFillAndClear(t *testing.T) {
	d := New(common.Default())
	d.SetSize(30, 7) // 5 rows
	d.SetTitle("Parsed")
	d.SetEmpty("Select a request.")
	if s := ansi.Strip(d.View()); !strings.Contains(s, "Select a request.") {
		t.Fatalf("cleared:\n%s", s)
	}
	builds := 0
	fill := func(k Key, n int) {
		d.Fill(k, func() []string { builds++; return doc(n)() })
	}
	fill(Key{Seq: 1, Width: 28}, 12)
	if s := ansi.Strip(d.View()); !strings.Contains(s, "Parsed · 1-5/12") || !strings.Contains(s, "line 5") {
		t.Fatalf("top:\n%s", s)
	}
	d.Update(tuitest.End)
	if s := ansi.Strip(d.View()); !strings.Contains(s, "8-12/12") {
		t.Fatalf("bottom:\n%s", s)
	}
	fill(Key{Seq: 1, Width: 28}, 12) // the same key: no rebuild, no move
	fill(Key{Seq: 1, Width: 28, Hex: true}, 12)
	if builds != 2 || !strings.Contains(ansi.Strip(d.View()), "8-12/12") {
		t.Fatalf("builds %d:\n%s", builds, ansi.Strip(d.View()))
	}
	fill(Key{Seq: 2, Width: 28}, 3) // another record: from the top, fits
	if s := ansi.Strip(d.View()); strings.Contains(s, "/3") || !strings.Contains(s, "line 1") {
		t.Fatalf("new record:\n%s", s)
	}
	d.Clear()
	if d.Lines() != nil || !strings.Contains(ansi.Strip(d.View()), "Select a request.") {
		t.Fatal("not cleared")
	}
}

package web

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/tui/common"
)

// A wrapped value marks its continuation rows with ↪ and never splits an
// escape the sanitizer wrote (breaker report 1, nit 12: "…🏳\u{" /
// "FE0F}…"); every row fits the width.
func TestWrapTextKeepsEscapesWhole(t *testing.T) {
	value := common.Safe("flag🏳\ufe0f-and-more\x1b[31m-text-that-is-long " + strings.Repeat("word ", 6))
	for width := 14; width <= 40; width++ { // the room is at least one escape (\u{FE0F}: 8 cells)
		rows := wrapText("Name  ", value, width)
		if len(rows) < 2 {
			t.Fatalf("width %d: not wrapped: %q", width, rows)
		}
		var joined strings.Builder
		for i, r := range rows {
			if w := ansi.StringWidth(r); w > width {
				t.Fatalf("width %d: row %d is %d cells: %q", width, i, w, r)
			}
			if i == 0 {
				joined.WriteString(strings.TrimPrefix(r, "Name  "))
				continue
			}
			body, ok := strings.CutPrefix(r, "     "+common.ContinuationMark)
			if !ok {
				t.Fatalf("width %d: row %d lacks the mark under the value: %q", width, i, r)
			}
			if strings.Count(body, `\`) != strings.Count(body, `\u{`)+strings.Count(body, `\x`) {
				t.Fatalf("width %d: row %d holds a split escape: %q", width, i, body)
			}
			if strings.HasPrefix(body, "u{") || strings.HasPrefix(body, "FE0F}") || strings.HasPrefix(body, "x1B") || strings.HasPrefix(body, "1B") {
				t.Fatalf("width %d: row %d starts inside an escape: %q", width, i, body)
			}
			if !strings.HasSuffix(joined.String(), " ") && !strings.HasPrefix(body, " ") {
				// A word cut between tokens: the text joins up again.
			} else {
				joined.WriteString(" ")
			}
			joined.WriteString(body)
		}
		if got := strings.Join(strings.Fields(joined.String()), ""); got != strings.Join(strings.Fields(value), "") {
			t.Fatalf("width %d: the rows hold %q, not %q", width, got, value)
		}
	}
}

// A pane too narrow for one escape still fits its rows.
func TestWrapTextNarrow(t *testing.T) {
	for width := 1; width < 14; width++ {
		for i, r := range wrapText("Name  ", `a\u{FE0F}b`, width) {
			if w := ansi.StringWidth(r); w > max(width, 7) {
				t.Fatalf("width %d: row %d is %d cells: %q", width, i, w, r)
			}
		}
	}
}

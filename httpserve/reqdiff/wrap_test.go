package reqdiff

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist/i18n"
)

// A wrapped value never ends a row inside a marker (breaker-2 D3: `\x80`
// came out as `\x` and `80`), no row is wider than asked, and the rows
// hold every marker whole.
func TestRenderWrapKeepsMarkersWhole(t *testing.T) {
	a := "GET / HTTP/1.1\r\nHost: x\r\nX-A: ab" + strings.Repeat("\x80", 40) + " \u202e中文" + strings.Repeat("\x1b", 9) + "\r\n\r\n"
	b := "GET / HTTP/1.1\r\nHost: x\r\nX-A: b\r\n\r\n"
	cut := regexp.MustCompile(`\\(x[0-9A-F]?|u(\{[0-9A-F]*)?)$`) // a marker's start, ending a row
	for width := 20; width <= 48; width++ {
		rows := Compare([]byte(a), []byte(b)).Render(i18n.English, width, nil)
		var all strings.Builder
		for _, r := range rows {
			if w := ansi.StringWidth(r); w > width {
				t.Errorf("width %d: row of %d cells: %q", width, w, r)
			}
			if cut.MatchString(r) {
				t.Errorf("width %d: row ends inside a marker: %q", width, r)
			}
			all.WriteString(strings.TrimSpace(r))
		}
		if got := strings.Count(all.String(), `\x80`); got != 40 {
			t.Errorf("width %d: %d whole \\x80 markers, want 40", width, got)
		}
	}
}

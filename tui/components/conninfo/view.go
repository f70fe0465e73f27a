package conninfo

import (
	"fmt"

	"github.com/netassist/netassist/tui/common"
)

// View is the details view of exactly w×h cells: a box titled with what
// it describes (and how to close it) holding lines, wrapped; rows that do
// not fit are cut, the last shown ending in "…". Empty lines say there is
// nothing to show yet.
func View(c common.Common, what string, lines []string, w, h int) string {
	tt := &c.Text.Transport
	if len(lines) == 0 {
		lines = []string{tt.InfoNothing}
	}
	rows := Wrap(lines, max(w-2, 0))
	if n := max(h-2, 0); len(rows) > n && n > 0 {
		rows = append(rows[:n-1], "…")
	}
	title := fmt.Sprintf(tt.InfoTitle, what) + " · " + tt.InfoHint
	return common.BoxView(c.Styles, title, rows, w, h, true)
}

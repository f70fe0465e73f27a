package tui

import (
	"fmt"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/tui/common"
)

// maxRecordPathWidth bounds the --record path in the status bar; a longer
// one keeps its end (the file name).
const maxRecordPathWidth = 32

// recordBadge is the status bar's "● rec FILE" while --record writes
// every event to FILE ("" when not recording). The path goes through the
// sanitizer like every other file name shown.
func recordBadge(c common.Common, path string) string {
	if path == "" {
		return ""
	}
	p := common.Safe(path)
	if w := ansi.StringWidth(p); w > maxRecordPathWidth {
		p = "…" + ansi.TruncateLeft(p, w-maxRecordPathWidth+1, "")
	}
	return c.Styles.Error.Render(fmt.Sprintf(c.Text.View.Recording, p))
}

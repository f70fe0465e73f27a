package tui

import (
	"fmt"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/styles"
)

// maxRecordPathWidth bounds the --record path in the status bar; a longer
// one keeps its end (the file name).
const maxRecordPathWidth = 32

// recordBadge is the status bar's "● rec FILE" while --record writes
// every event to FILE, "✗ rec FILE stopped" once it failed ("" when not
// recording). The path goes through the sanitizer like every other file
// name shown.
func recordBadge(s *styles.Styles, t *i18n.Text, path string, failed bool) string {
	if path == "" {
		return ""
	}
	p := common.Safe(path)
	if w := ansi.StringWidth(p); w > maxRecordPathWidth {
		p = "…" + ansi.TruncateLeft(p, w-maxRecordPathWidth+1, "")
	}
	if failed {
		return s.Error.Render(fmt.Sprintf(t.View.RecordStopped, p))
	}
	return s.Error.Render(fmt.Sprintf(t.View.Recording, p))
}

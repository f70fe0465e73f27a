package tui

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/tui/common"
)

// maxRecordPathWidth bounds the --record path in the status bar; a longer
// one keeps its end (the file name).
const maxRecordPathWidth = 32

// recordBadge is the status bar's "● rec FILE" while --record writes
// every event to FILE, "✗ rec FILE stopped" once it failed ("" when not
// recording). The path goes through the sanitizer like every other file
// name shown.
func recordBadge(c common.Common, path string, failed bool) string {
	if path == "" {
		return ""
	}
	p := common.Safe(path)
	if w := ansi.StringWidth(p); w > maxRecordPathWidth {
		p = "…" + ansi.TruncateLeft(p, w-maxRecordPathWidth+1, "")
	}
	if failed {
		return c.Styles.Error.Render(fmt.Sprintf(c.Text.View.RecordStopped, p))
	}
	return c.Styles.Error.Render(fmt.Sprintf(c.Text.View.Recording, p))
}

// RecordHealth is the state of the --record file (netassist.RecordFile
// has this shape): Failed closes when recording stops, and Err says why.
type RecordHealth interface {
	Failed() <-chan struct{}
	Err() error
}

// recordFailedMsg says the --record file stopped recording.
type recordFailedMsg struct{ err error }

// waitForRecordFailure waits for the record to fail (or the UI to stop).
func waitForRecordFailure(ctx context.Context, r RecordHealth) tea.Cmd {
	return func() tea.Msg {
		select {
		case <-r.Failed():
			return recordFailedMsg{r.Err()}
		case <-ctx.Done():
			return nil
		}
	}
}

package tui

import (
	"context"
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist"
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

// recordFailedText says the --record file at path stopped recording, and
// why, in the UI's language: "--record r.jsonl: no space left on device
// (recording stopped) — capture goes on in memory".
func recordFailedText(c common.Common, path string, err error) string {
	cause := err
	var rfe *netassist.RecordFileError
	if errors.As(err, &rfe) {
		path, cause = rfe.Path, rfe.Cause()
	}
	return fmt.Sprintf(c.Text.Errors.RecordFailed, path, common.ErrText(c, cause))
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

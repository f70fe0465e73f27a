package web

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/tui/common"
)

// selected is the selected exchange, if any.
func (t *Model) selected() (*httpserve.Exchange, bool) {
	rec, ok := t.list.Sync()
	if !ok {
		return nil, false
	}
	return exchangeOf(rec)
}

// toggleMark marks the selected request as side A of a comparison (◆ in
// its row), or removes the mark when it is on it already.
func (t *Model) toggleMark() tea.Cmd {
	dt := &t.C.Text.Web.Diff
	ex, ok := t.selected()
	if !ok {
		return common.Status(dt.MarkFirst, true)
	}
	if t.marked != nil && t.marked.ID == ex.ID {
		t.marked = nil
		t.list.SetMarked(0)
		return common.Status(dt.Unmarked, false)
	}
	t.marked = ex
	t.list.SetMarked(ex.ID)
	return common.Status(fmt.Sprintf(dt.Marked, ex.ID), false)
}

// openDiff compares the marked request (A) with the selected one (B),
// header by header, in the detail area.
func (t *Model) openDiff() tea.Cmd {
	dt := &t.C.Text.Web.Diff
	ex, ok := t.selected()
	switch {
	case t.marked == nil || !ok:
		return common.Status(dt.MarkFirst, true)
	case ex.ID == t.marked.ID:
		return common.Status(dt.SameRequest, true)
	}
	t.diff.Compare(t.marked.ID, rawBytes(t.marked), ex.ID, rawBytes(ex))
	t.Overlay = t.diff
	return nil
}

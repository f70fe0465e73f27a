package web

import tea "charm.land/bubbletea/v2"

// SetPresent is presenter mode for the Web tab (common.Presentable; the
// root turns it on with --present or f8): the tab's own zoom (z), so the
// focused list or detail pane takes the whole area.
func (t *Model) SetPresent(on bool) tea.Cmd {
	t.zoom = on
	t.relayout()
	return nil
}

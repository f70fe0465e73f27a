package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/tui/common"
)

// The full help is drawn here rather than by bubbles/help's FullHelpView:
// with every key of a tab it is taller than an 80×24 screen, so it flows
// into as many columns as fit and scrolls (↑ ↓ pgup pgdn). The one-line
// hints under the status line are bubbles/help's ShortHelpView.

// helpMaxTop is the last useful help scroll position at this height.
func (m Model) helpMaxTop() int {
	rows := len(m.helpView(1<<20)) - 1 // without the title line
	avail := max(m.bodyH-1, 1)         // the body, less the title line
	return max(rows-avail, 0)
}

// helpView is the full key list, by group, flowed into as many columns
// as the width allows, h lines at most.
func (m Model) helpView(h int) []string {
	s, t := m.c.Styles, m.c.Text
	type entry struct{ key, desc string }
	var entries []entry
	keyW, descW := 0, 0
	for gi, g := range m.FullHelp() {
		if gi > 0 && len(entries) > 0 {
			entries = append(entries, entry{}) // a gap between groups
		}
		for _, b := range g {
			hb := b.Help()
			if hb.Key == "" {
				continue
			}
			entries = append(entries, entry{hb.Key, hb.Desc})
			keyW = max(keyW, ansi.StringWidth(hb.Key))
			descW = max(descW, ansi.StringWidth(hb.Desc))
		}
	}
	// Columns wide enough for whole descriptions, as many as fit; rows
	// past the screen scroll.
	colW := keyW + 2 + descW + 3
	cols := max(min(m.width/max(colW, 1), 4), 1)
	rows := (len(entries) + cols - 1) / cols
	cw := max(m.width/cols, 1)
	var body []string
	for r := 0; r < rows; r++ {
		var line strings.Builder
		for c := 0; c < cols; c++ {
			i := c*rows + r
			if i >= len(entries) || entries[i].key == "" {
				line.WriteString(strings.Repeat(" ", cw))
				continue
			}
			e := entries[i]
			cell := " " + s.HelpKey.Render(common.PadLine(e.key, keyW)) + "  " + s.HelpDesc.Render(e.desc)
			line.WriteString(common.PadLine(cell, cw))
		}
		body = append(body, line.String())
	}
	avail := max(h-1, 1)
	top := min(max(m.helpTop, 0), max(len(body)-avail, 0))
	more := ""
	if len(body) > avail {
		more = "  " + s.Dim.Render(fmt.Sprintf(t.HelpScroll, top+1, min(top+avail, len(body)), len(body)))
	}
	lines := []string{" " + s.PaneTitleFoc.Render(t.HelpTitle) + "  " + s.Dim.Render(t.HelpClose) + more}
	return append(lines, body[top:min(top+avail, len(body))]...)
}

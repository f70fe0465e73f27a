package tui

import (
	"fmt"
	"slices"
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

// altKeys is what else a binding answers to besides its hint ("alt+1"):
// each other function key or modifier chord ("f2", "alt+enter"), for the
// full help to name every key README's tables give (breaker report 1,
// nit 9); "" when none. Plain alternates (k for ↑) stay out, as in the
// hint.
func altKeys(hint string, keys []string) string {
	named := strings.FieldsFunc(hint, func(r rune) bool { return r == '/' || r == ' ' })
	var out []string
	for _, k := range keys {
		chord := strings.Contains(k, "+") || (len(k) >= 2 && k[0] == 'f' && k[1] >= '1' && k[1] <= '9')
		if chord && !slices.Contains(named, k) {
			out = append(out, k)
			named = append(named, k)
		}
	}
	return strings.Join(out, " ")
}

// helpView is the full key list, by group, flowed into as many columns
// as the width allows, h lines at most.
func (m Model) helpView(h int) []string {
	s, t := m.c.Styles, m.c.Text
	type entry struct{ key, desc string }
	var entries []entry
	for gi, g := range m.FullHelp() {
		if gi > 0 && len(entries) > 0 {
			entries = append(entries, entry{}) // a gap between groups
		}
		for _, b := range g {
			if hb := b.Help(); hb.Key != "" {
				desc := hb.Desc
				if alt := altKeys(hb.Key, b.Keys()); alt != "" {
					desc += " (" + alt + ")"
				}
				entries = append(entries, entry{hb.Key, desc})
			}
		}
	}
	// As many columns as fit (at most 4), each as wide as its own longest
	// key and description, so whole descriptions show; rows past the
	// screen scroll.
	type column struct{ keyW, w int }
	layout := func(cols int) (rows int, cs []column, fits bool) {
		rows = (len(entries) + cols - 1) / cols
		total := 0
		for c := range cols {
			var col column
			descW := 0
			for _, e := range entries[min(c*rows, len(entries)):min((c+1)*rows, len(entries))] {
				col.keyW = max(col.keyW, ansi.StringWidth(e.key))
				descW = max(descW, ansi.StringWidth(e.desc))
			}
			col.w = 1 + col.keyW + 2 + descW + 3
			cs = append(cs, col)
			total += col.w
		}
		return rows, cs, total <= m.width
	}
	rows, cs, _ := layout(1)
	for cols := 4; cols > 1; cols-- {
		if r, c, ok := layout(cols); ok {
			rows, cs = r, c
			break
		}
	}
	var body []string
	for r := 0; r < rows; r++ {
		var line strings.Builder
		for c, col := range cs {
			i := c*rows + r
			if i >= len(entries) || entries[i].key == "" {
				line.WriteString(strings.Repeat(" ", col.w))
				continue
			}
			e := entries[i]
			cell := " " + s.HelpKey.Render(common.PadLine(e.key, col.keyW)) + "  " + s.HelpDesc.Render(e.desc)
			line.WriteString(common.PadLine(cell, col.w))
		}
		body = append(body, common.PadLine(line.String(), m.width))
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

package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/tui/common"
)

// hintLine is the key hints on one line of width w: as many of keys as
// fit, in order, then the help key, which always shows; "…" says some
// were left out (help lists them all). A hint is never cut in the middle.
func (m Model) hintLine(keys []key.Binding, w int) string {
	s := m.c.Styles
	sep := s.Dim.Render(" · ")
	render := func(b key.Binding) string {
		h := b.Help()
		return s.HelpKey.Render(h.Key) + " " + s.HelpDesc.Render(h.Desc)
	}
	help := render(m.helpKey())
	room := w - ansi.StringWidth(help)
	var parts []string
	used, cut := 0, false
	for _, b := range keys {
		if !b.Enabled() || b.Help().Key == "" {
			continue
		}
		r := render(b)
		need := ansi.StringWidth(r) + 3 // and its separator
		// Keep room for "… · " should a later hint not fit.
		if used+need > room-4 {
			cut = true
			break
		}
		parts = append(parts, r)
		used += need
	}
	if cut {
		parts = append(parts, s.Dim.Render("…"))
	}
	parts = append(parts, help)
	line := strings.Join(parts, sep)
	if q := render(m.c.Keys.Quit); !cut && ansi.StringWidth(line)+3+ansi.StringWidth(q) <= w {
		line += sep + q
	}
	return common.PadLine(line, w)
}

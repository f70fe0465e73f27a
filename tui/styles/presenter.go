package styles

import "charm.land/lipgloss/v2"

// For returns the styles for the background and the mode: the presenter
// set (Presenter) when present, else DefaultStyles.
func For(isDark, present bool) Styles {
	if present {
		return Presenter(isDark)
	}
	return DefaultStyles(isDark)
}

// Presenter returns the high-contrast styles of presenter mode (issue 15):
// what a projector washes out is gone — every dim grey (titles, borders,
// hints, counters, closed rows, the connection lines) is the terminal's
// own text colour, borders included — and the \r \n \t markers, the point
// of the lesson, are bold in a strong colour.
func Presenter(isDark bool) Styles {
	s := DefaultStyles(isDark)
	ld := lipgloss.LightDark(isDark)
	fg := ld(lipgloss.Color("#000000"), lipgloss.Color("#FFFFFF"))
	accent := ld(lipgloss.Color("#3A1FB8"), lipgloss.Color("#B8ABFF"))
	marker := ld(lipgloss.Color("#C00060"), lipgloss.Color("#FFD000"))
	escape := ld(lipgloss.Color("#A000A0"), lipgloss.Color("#FF79FF"))

	plain := lipgloss.NewStyle().Foreground(fg)
	border := lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(fg)
	s.TabInactive = plain
	s.PaneTitle = plain.Bold(true)
	s.PaneTitleFoc = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.TabActive = s.PaneTitleFoc.Underline(true)
	s.Border = border
	s.BorderFoc = border.BorderForeground(accent)
	s.Dim = plain
	s.Marker = lipgloss.NewStyle().Foreground(marker).Bold(true)
	s.Escape = lipgloss.NewStyle().Foreground(escape).Bold(true)
	s.ConnEvent = plain.Italic(true)
	s.Closed = plain
	s.OptOff = plain
	s.StatusBar = plain
	s.HelpKey = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.HelpDesc = plain
	s.HighContrast = true
	s.marker, s.escape = sgrOf(s.Marker), sgrOf(s.Escape)
	return s
}

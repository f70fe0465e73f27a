// Package styles holds the TUI's one Styles value: built once from the
// terminal's background (dark or light), shared by pointer, rebuilt in
// place when the terminal reports another background.
package styles

import (
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/netassist/netassist/netassist/render"
)

// Styles is every style of the TUI, built once and passed in.
type Styles struct {
	App          lipgloss.Style
	TabActive    lipgloss.Style
	TabInactive  lipgloss.Style
	TabActivity  lipgloss.Style
	PaneTitle    lipgloss.Style
	PaneTitleFoc lipgloss.Style
	Border       lipgloss.Style
	BorderFoc    lipgloss.Style
	Dim          lipgloss.Style
	Marker       lipgloss.Style // \r \n \t markers
	Escape       lipgloss.Style // \xHH \u{HHHH}
	HeaderIn     lipgloss.Style // chunk header, received
	HeaderOut    lipgloss.Style // chunk header, sent
	ConnEvent    lipgloss.Style // opened / closed lines
	Selected     lipgloss.Style
	Open         lipgloss.Style
	Closed       lipgloss.Style
	Error        lipgloss.Style
	Warning      lipgloss.Style
	OK           lipgloss.Style
	OptOn        lipgloss.Style
	OptOff       lipgloss.Style
	StatusBar    lipgloss.Style
	HelpKey      lipgloss.Style
	HelpDesc     lipgloss.Style

	// HighContrast marks the presenter set (Presenter): for a projector,
	// no dim grey text, strong CRLF markers.
	HighContrast bool

	// Marker and Escape as sequences to put around a segment: a capture
	// has many small segments, and Style.Render costs microseconds each.
	marker, escape sgr
}

// sgr is what a style puts before and after a one-line text.
type sgr struct {
	open, close string
	ok          bool
}

// sgrOf finds what st puts around a one-line text.
func sgrOf(st lipgloss.Style) sgr {
	const probe = "x"
	r := st.Render(probe)
	i := strings.Index(r, probe)
	if i < 0 {
		return sgr{}
	}
	return sgr{open: r[:i], close: r[i+len(probe):], ok: true}
}

func (g sgr) wrap(st lipgloss.Style, text string) string {
	if !g.ok {
		return st.Render(text)
	}
	return g.open + text + g.close
}

// DefaultStyles returns the styles for a dark or light background.
func DefaultStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#5A3FD8"), lipgloss.Color("#9D8CFF"))
	dim := ld(lipgloss.Color("#8A8A8A"), lipgloss.Color("#6C6C6C"))
	faint := ld(lipgloss.Color("#B0B0B0"), lipgloss.Color("#4A4A4A"))
	red := ld(lipgloss.Color("#C0392B"), lipgloss.Color("#FF6B6B"))
	green := ld(lipgloss.Color("#1E8449"), lipgloss.Color("#6BCB77"))
	yellow := ld(lipgloss.Color("#B7950B"), lipgloss.Color("#F4D03F"))
	cyan := ld(lipgloss.Color("#117A8B"), lipgloss.Color("#56C8D8"))
	magenta := ld(lipgloss.Color("#A0328C"), lipgloss.Color("#FF79C6"))

	border := lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(faint)
	s := Styles{
		App:          lipgloss.NewStyle(),
		TabActive:    lipgloss.NewStyle().Bold(true).Foreground(accent).Underline(true),
		TabInactive:  lipgloss.NewStyle().Foreground(dim),
		TabActivity:  lipgloss.NewStyle().Foreground(yellow),
		PaneTitle:    lipgloss.NewStyle().Foreground(dim),
		PaneTitleFoc: lipgloss.NewStyle().Foreground(accent).Bold(true),
		Border:       border,
		BorderFoc:    border.BorderForeground(accent),
		Dim:          lipgloss.NewStyle().Foreground(dim),
		Marker:       lipgloss.NewStyle().Foreground(dim),
		Escape:       lipgloss.NewStyle().Foreground(magenta),
		HeaderIn:     lipgloss.NewStyle().Foreground(cyan),
		HeaderOut:    lipgloss.NewStyle().Foreground(green),
		ConnEvent:    lipgloss.NewStyle().Foreground(dim).Italic(true),
		Selected:     lipgloss.NewStyle().Reverse(true),
		Open:         lipgloss.NewStyle().Foreground(green),
		Closed:       lipgloss.NewStyle().Foreground(dim),
		Error:        lipgloss.NewStyle().Foreground(red),
		Warning:      lipgloss.NewStyle().Foreground(yellow),
		OK:           lipgloss.NewStyle().Foreground(green),
		OptOn:        lipgloss.NewStyle().Foreground(accent).Bold(true),
		OptOff:       lipgloss.NewStyle().Foreground(dim),
		StatusBar:    lipgloss.NewStyle().Foreground(dim),
		HelpKey:      lipgloss.NewStyle().Foreground(accent).Bold(true),
		HelpDesc:     lipgloss.NewStyle().Foreground(dim),
	}
	s.marker, s.escape = sgrOf(s.Marker), sgrOf(s.Escape)
	return s
}

// Segment styles one rendered segment of untrusted bytes: the render.Line
// Render callback every pane that shows network data uses.
func (s Styles) Segment(k render.Kind, text string) string {
	switch k {
	case render.Marker:
		return s.marker.wrap(s.Marker, text)
	case render.Escape:
		return s.escape.wrap(s.Escape, text)
	}
	return text
}

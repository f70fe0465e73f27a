package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/tui/common"
)

// View draws the whole screen.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = m.c.Text.AppName // fixed: network data never sets it
	return v
}

func (m Model) render() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	if m.tooSmall() {
		return m.smallView()
	}
	lines := []string{common.PadLine(m.tabBar(), w)}
	switch {
	case m.showHelp:
		lines = append(lines, common.FitLines(m.helpView(m.bodyH), m.bodyH, w)...)
	case m.showLog:
		lines = append(lines, common.Stack(common.Lines(m.log.View()), m.bodyH, w)...)
	case m.ann.IsOpen():
		lines = append(lines, common.Stack(common.Lines(m.ann.View()), m.bodyH, w)...)
	default:
		// A tab's View is exactly its size: stacked, not measured again.
		lines = append(lines, common.Stack(common.Lines(m.tabs[m.active].View()), m.bodyH, w)...)
	}
	lines = append(lines, m.statusLines()...)
	if !m.present {
		lines = append(lines, m.hintLine(m.ShortHelp(), w))
	}
	return strings.Join(common.Stack(lines, h, w), "\n")
}

// smallView is the notice shown below the smallest usable size: the size
// there is, the size needed, and what to do, each wrapped to the width
// (a cut "The termin" lost both sizes) and its lines centred.
func (m Model) smallView() string {
	rt, s := &m.c.Text.Root, m.c.Styles
	wrap := func(t string) []string { return strings.Split(ansi.Wrap(t, max(m.width, 2), ""), "\n") }
	text := wrap(fmt.Sprintf(rt.TooSmall, m.width, m.height))
	warn := len(text) // the first message's lines
	text = append(text, wrap(fmt.Sprintf(rt.TooSmallNeed, minWidth, minHeight))...)
	text = append(text, "")
	text = append(text, wrap(rt.TooSmallHint)...)
	lines := make([]string, 0, m.height)
	for range max((m.height-len(text))/2, 0) {
		lines = append(lines, "")
	}
	for i, l := range text {
		pad := max((m.width-ansi.StringWidth(l))/2, 0)
		st := s.Warning
		if i >= warn {
			st = s.Dim
		}
		lines = append(lines, strings.Repeat(" ", pad)+st.Render(l))
	}
	return common.Fit(lines, m.width, m.height)
}

// tabBar is the app's name and the tabs, the shown one underlined, a dot
// on those that captured something since they were last shown.
func (m Model) tabBar() string {
	s, t := m.c.Styles, m.c.Text
	parts := make([]string, 0, numTabs+1)
	parts = append(parts, s.PaneTitleFoc.Render(t.AppName))
	for i := range m.tabs {
		label := fmt.Sprintf("%d %s", i+1, m.tabLabel(i))
		if b, ok := m.tabs[i].(common.Badged); ok && b.Badge() != "" {
			label += " " + b.Badge()
		}
		switch {
		case i == m.active:
			parts = append(parts, s.TabActive.Render(label))
		case m.activity(i) != m.seen[i]:
			parts = append(parts, s.TabInactive.Render(label)+s.TabActivity.Render("•"))
		default:
			parts = append(parts, s.TabInactive.Render(label))
		}
	}
	return strings.Join(parts, "  ")
}

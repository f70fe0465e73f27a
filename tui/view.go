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
	lines := []string{common.PadLine(m.tabBar(), w)}
	body := max(h-3, 0)
	if m.showHelp {
		lines = append(lines, common.FitLines(m.helpView(body), body, w)...)
	} else {
		// A tab's View is exactly its size: stacked, not measured again.
		lines = append(lines, common.Stack(common.Lines(m.tabs[m.active].View()), body, w)...)
	}
	lines = common.Stack(lines, h-2, w)
	lines = append(lines, m.statusLine(), common.PadLine(m.hints.ShortHelpView(m.ShortHelp()), w))
	return strings.Join(common.Stack(lines, h, w), "\n")
}

// tabBar is the app's name and the tabs, the shown one underlined, a dot
// on those that captured something since they were last shown.
func (m Model) tabBar() string {
	s, t := m.c.Styles, m.c.Text
	names := []string{t.TabServer, t.TabClient, t.TabWeb}
	parts := make([]string, 0, numTabs+1)
	parts = append(parts, s.PaneTitleFoc.Render(t.AppName))
	for i, name := range names {
		label := fmt.Sprintf("%d %s", i+1, name)
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

// statusLine shows the last action's result and the tab's counters.
func (m Model) statusLine() string {
	s := m.c.Styles
	counters := s.StatusBar.Render(m.tabs[m.active].Counters())
	if rec := recordBadge(m.c, m.cfg.RecordPath, m.recordErr != nil); rec != "" {
		counters = rec + s.Dim.Render(" │ ") + counters
	}
	cw := ansi.StringWidth(counters)
	msg := common.Safe(m.status)
	msgStyle := s.OK
	if m.statusErr {
		msgStyle = s.Error
	}
	avail := m.width - cw - 3
	if avail < 10 {
		return common.PadLine(msgStyle.Render(msg), m.width)
	}
	return common.PadLine(msgStyle.Render(ansi.Truncate(msg, avail, "…")), avail) + s.Dim.Render(" │ ") + counters
}

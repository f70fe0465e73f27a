package tui

import (
	"image/color"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/styles"
)

// setPresent turns presenter mode on or off (f8, Config.Present): the
// high-contrast styles, each tab's one-pane-at-a-time layout and newest
// bytes highlighted (common.Presentable), no key hints.
func (m *Model) setPresent(on bool) tea.Cmd {
	m.present = on
	*m.c.Styles = styles.For(m.c.IsDark, on)
	text := m.c.Text.Root.PresentOff
	if on {
		text = m.c.Text.Root.PresentOn
	}
	// What the panes drew with the old styles goes, as when the
	// terminal's background changes.
	bg := tea.BackgroundColorMsg{Color: color.White}
	if m.c.IsDark {
		bg.Color = color.Black
	}
	cmds := []tea.Cmd{m.presentTabs(), tagStatus(m.tabs[m.active].Name(), common.Status(text, false))}
	for i := range m.tabs {
		cmds = append(cmds, m.tabUpdate(i, bg))
	}
	m.bodyH = -1 // the hint line's row changes hands: size every tab again
	m.resize()
	return tea.Batch(cmds...)
}

// presentTabs puts every tab in or out of presenter mode.
func (m *Model) presentTabs() tea.Cmd {
	var cmds []tea.Cmd
	for _, t := range m.tabs {
		if p, ok := t.(common.Presentable); ok {
			cmds = append(cmds, tagStatus(t.Name(), p.SetPresent(m.present)))
		}
	}
	return tea.Batch(cmds...)
}

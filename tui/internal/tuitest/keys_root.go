package tuitest

import tea "charm.land/bubbletea/v2"

// The root's function keys (annotate, follow, presenter, message log).
var (
	F6 = tea.KeyPressMsg{Code: tea.KeyF6}
	F7 = tea.KeyPressMsg{Code: tea.KeyF7}
	F8 = tea.KeyPressMsg{Code: tea.KeyF8}
	F9 = tea.KeyPressMsg{Code: tea.KeyF9}
)

// The export keys.
var (
	F10 = tea.KeyPressMsg{Code: tea.KeyF10}
	F11 = tea.KeyPressMsg{Code: tea.KeyF11}
	F12 = tea.KeyPressMsg{Code: tea.KeyF12}
)

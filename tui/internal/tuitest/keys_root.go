package tuitest

import tea "charm.land/bubbletea/v2"

// The root's function keys (annotate, follow, presenter, message log).
var (
	F6 = tea.KeyPressMsg{Code: tea.KeyF6}
	F7 = tea.KeyPressMsg{Code: tea.KeyF7}
	F8 = tea.KeyPressMsg{Code: tea.KeyF8}
	F9 = tea.KeyPressMsg{Code: tea.KeyF9}
)

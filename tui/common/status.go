package common

import tea "charm.land/bubbletea/v2"

// StatusMsg sets the status line: the result of the last action, shown
// until the next one. Err shows it as an error.
type StatusMsg struct {
	Text string
	Err  bool
}

// Status returns a Cmd that sets the status line.
func Status(text string, isErr bool) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Text: text, Err: isErr} }
}

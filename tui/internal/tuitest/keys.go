package tuitest

import tea "charm.land/bubbletea/v2"

// Key presses the tests send.
var (
	Tab       = tea.KeyPressMsg{Code: tea.KeyTab}
	ShiftTab  = tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	Esc       = tea.KeyPressMsg{Code: tea.KeyEscape}
	Enter     = tea.KeyPressMsg{Code: tea.KeyEnter}
	F1        = tea.KeyPressMsg{Code: tea.KeyF1}
	F5        = tea.KeyPressMsg{Code: tea.KeyF5}
	Send      = tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	Up        = tea.KeyPressMsg{Code: tea.KeyUp}
	Down      = tea.KeyPressMsg{Code: tea.KeyDown}
	Right     = tea.KeyPressMsg{Code: tea.KeyRight}
	Home      = tea.KeyPressMsg{Code: tea.KeyHome}
	End       = tea.KeyPressMsg{Code: tea.KeyEnd}
	PgUp      = tea.KeyPressMsg{Code: tea.KeyPgUp}
	Space     = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	Backspace = tea.KeyPressMsg{Code: tea.KeyBackspace}
	AltUp     = tea.KeyPressMsg{Code: tea.KeyUp, Mod: tea.ModAlt}
	AltDown   = tea.KeyPressMsg{Code: tea.KeyDown, Mod: tea.ModAlt}
	Quit      = tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
)

// Alt is alt+r.
func Alt(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Mod: tea.ModAlt} }

// Ctrl is ctrl+r.
func Ctrl(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Mod: tea.ModCtrl} }

// Plain is the plain letter r, as a terminal sends it.
func Plain(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

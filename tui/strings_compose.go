package tui

// ComposeText holds the user-visible strings of the send-pane features (repeat, file, history, macros, checksum trailer).
type ComposeText struct {
	_ struct{}
}

var englishCompose = ComposeText{}

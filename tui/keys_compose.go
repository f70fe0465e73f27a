package tui

import "charm.land/bubbles/v2/key"

// ComposeKeys are the key bindings of the send-pane features (repeat, file, history, macros, checksum trailer).
type ComposeKeys struct {
	_ key.Binding
}

func defaultComposeKeys(t Text) ComposeKeys { return ComposeKeys{} }

package tui

import "charm.land/bubbles/v2/key"

// ViewKeys are the key bindings of the receive-pane display features (pause, clear, show sent, encoding, save, copy, chunk checksums).
type ViewKeys struct {
	_ key.Binding
}

func defaultViewKeys(t Text) ViewKeys { return ViewKeys{} }

package tui

// ViewText holds the user-visible strings of the receive-pane display features (pause, clear, show sent, encoding, save, copy, chunk checksums).
type ViewText struct {
	_ struct{}
}

var englishView = ViewText{}

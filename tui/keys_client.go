package tui

import "charm.land/bubbles/v2/key"

// ClientKeys are the Client tab's own key bindings.
type ClientKeys struct {
	_ key.Binding
}

func defaultClientKeys(t Text) ClientKeys { return ClientKeys{} }

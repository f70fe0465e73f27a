package tui

import "charm.land/bubbles/v2/key"

// WebKeys are the Web tab's own key bindings.
type WebKeys struct {
	_ key.Binding
}

func defaultWebKeys(t Text) WebKeys { return WebKeys{} }

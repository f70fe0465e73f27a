package tui

import "charm.land/bubbles/v2/key"

// RulesKeys are the key bindings of the auto-reply rules editor (Server tab).
type RulesKeys struct {
	_ key.Binding
}

func defaultRulesKeys(t Text) RulesKeys { return RulesKeys{} }

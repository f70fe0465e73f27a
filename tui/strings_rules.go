package tui

// RulesText holds the user-visible strings of the auto-reply rules editor (Server tab).
type RulesText struct {
	_ struct{}
}

var englishRules = RulesText{}

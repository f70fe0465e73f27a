package tui

import "charm.land/bubbles/v2/key"

// RulesKeys are the key bindings of the auto-reply rules editor (Server
// tab). Open (f5) works from every pane of the tab; the others only while
// the rules view is open, which then takes every key but the app's global
// ones, so its plain letters never reach an editor. The form's text fields
// are editors: there only enter, esc and the field moves act.
type RulesKeys struct {
	Open key.Binding // f5: open and close the view

	// The list.
	Up       key.Binding
	Down     key.Binding
	Add      key.Binding
	Edit     key.Binding
	Delete   key.Binding
	Toggle   key.Binding
	MoveUp   key.Binding // order matters: the first match wins
	MoveDown key.Binding
	Save     key.Binding
	Close    key.Binding

	// The form that adds or changes a rule.
	Apply     key.Binding
	Cancel    key.Binding
	NextField key.Binding
	PrevField key.Binding
	Cycle     key.Binding // the match kind, or a check box
	CycleBack key.Binding // the match kind, backwards
}

func defaultRulesKeys(t Text) RulesKeys {
	r := t.Rules
	b := func(help string, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return RulesKeys{
		Open: b("f5", r.KeyOpen, "f5"),

		Up:       b("↑/↓", r.KeySelect, "up", "k"),
		Down:     b("↓", r.KeySelect, "down", "j"),
		Add:      b("a", r.KeyAdd, "a"),
		Edit:     b("enter", r.KeyEdit, "enter"),
		Delete:   b("delete/x", r.KeyDelete, "delete", "x"),
		Toggle:   b("space", r.KeyToggle, "space"),
		MoveUp:   b("K", r.KeyMoveUp, "K"),
		MoveDown: b("J", r.KeyMoveDown, "J"),
		Save:     b("s", r.KeySave, "s"),
		Close:    b("esc/f5", r.KeyClose, "esc"),

		Apply:     b("enter", r.KeyApply, "enter"),
		Cancel:    b("esc", r.KeyCancel, "esc"),
		NextField: b("tab/↓", r.KeyNextField, "tab", "down"),
		PrevField: b("shift+tab/↑", r.KeyPrevField, "shift+tab", "up"),
		Cycle:     b("space/←/→", r.KeyCycle, "space", "right"),
		CycleBack: b("←", r.KeyCycle, "left"),
	}
}

package keymap

import (
	"charm.land/bubbles/v2/key"

	"github.com/netassist/netassist/tui/i18n"
)

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

func defaultRulesKeys(t i18n.Text) RulesKeys {
	r := t.Rules
	return RulesKeys{
		Open: bind("f5", r.KeyOpen, "f5"),

		Up:       bind("↑/↓", r.KeySelect, "up", "k"),
		Down:     bind("↓", r.KeySelect, "down", "j"),
		Add:      bind("a", r.KeyAdd, "a"),
		Edit:     bind("enter", r.KeyEdit, "enter"),
		Delete:   bind("delete/x", r.KeyDelete, "delete", "x"),
		Toggle:   bind("space", r.KeyToggle, "space"),
		MoveUp:   bind("K", r.KeyMoveUp, "K"),
		MoveDown: bind("J", r.KeyMoveDown, "J"),
		Save:     bind("s", r.KeySave, "s"),
		Close:    bind("esc/f5", r.KeyClose, "esc"),

		Apply:     bind("enter", r.KeyApply, "enter"),
		Cancel:    bind("esc", r.KeyCancel, "esc"),
		NextField: bind("tab/↓", r.KeyNextField, "tab", "down"),
		PrevField: bind("shift+tab/↑", r.KeyPrevField, "shift+tab", "up"),
		Cycle:     bind("space/←/→", r.KeyCycle, "space", "right"),
		CycleBack: bind("←", r.KeyCycle, "left"),
	}
}

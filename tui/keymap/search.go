package keymap

import (
	"charm.land/bubbles/v2/key"

	"github.com/netassist/netassist/tui/i18n"
)

// SearchKeys are the keys of search in the receive pane and the Web tab's
// raw pane (plain keys: those panes are not editors). While the search
// field is open it takes every key: enter finds, esc leaves the field.
type SearchKeys struct {
	Open key.Binding // /
	Next key.Binding // n: the next match (receive pane: back in time; a document: down)
	Prev key.Binding // N: the other way
	Find key.Binding // enter in the field
}

func defaultSearchKeys(t i18n.Text) SearchKeys {
	r := t.Recv
	return SearchKeys{
		Open: bind("/", r.KeySearch, "/"),
		Next: bind("n", r.KeyNext, "n"),
		Prev: bind("N", r.KeyPrev, "N"),
		Find: bind("enter", r.KeyFind, "enter"),
	}
}

// HelpGroup is the search keys as one help group.
func (k *SearchKeys) HelpGroup() []key.Binding {
	return []key.Binding{k.Open, k.Next, k.Prev}
}

package tui

import "charm.land/bubbles/v2/key"

// ComposeKeys are the key bindings of the send-pane features (repeat,
// file, history, checksum trailer). They use alt or ctrl, so they work from
// every pane of a tab, the editor included.
type ComposeKeys struct {
	Repeat   key.Binding // alt+y: start (opens the interval field) or stop
	Checksum key.Binding // alt+j: cycle the checksum trailer
	SendFile key.Binding // ctrl+o: open the file path field
	HistPrev key.Binding // alt+up: older history entry into the editor
	HistNext key.Binding // alt+down: newer history entry (then the draft)
	History  key.Binding // help only: alt+up/alt+down as one line

	// In the interval and file path fields.
	Complete key.Binding
	Accept   key.Binding
	Cancel   key.Binding // also cancels a file send in progress
}

func defaultComposeKeys(t Text) ComposeKeys {
	c := t.Compose
	b := func(help string, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return ComposeKeys{
		Repeat:   b("alt+y", c.KeyRepeat, "alt+y"),
		Checksum: b("alt+j", c.KeyChecksum, "alt+j"),
		SendFile: b("ctrl+o", c.KeySendFile, "ctrl+o"),
		HistPrev: b("alt+↑", c.KeyHistPrev, "alt+up"),
		HistNext: b("alt+↓", c.KeyHistNext, "alt+down"),
		History:  b("alt+↑/↓", c.KeyHistory, "alt+up", "alt+down"),

		Complete: b("tab", c.KeyComplete, "tab"),
		Accept:   b("enter", c.KeyAccept, "enter"),
		Cancel:   b("esc", c.KeyCancel, "esc"),
	}
}

// fullHelp is the send-pane feature keys as a help group; withStreams
// adds repeat, file and history (the Server and Client tabs).
func (k *ComposeKeys) fullHelp(withStreams bool) []key.Binding {
	if !withStreams {
		return []key.Binding{k.Checksum}
	}
	return []key.Binding{k.Repeat, k.SendFile, k.History, k.Checksum}
}

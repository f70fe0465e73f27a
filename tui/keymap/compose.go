package keymap

import (
	"charm.land/bubbles/v2/key"

	"github.com/netassist/netassist/tui/i18n"
)

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

func defaultComposeKeys(t i18n.Text) ComposeKeys {
	c := t.Compose
	return ComposeKeys{
		Repeat:   bind("alt+y", c.KeyRepeat, "alt+y"),
		Checksum: bind("alt+j", c.KeyChecksum, "alt+j"),
		SendFile: bind("ctrl+o", c.KeySendFile, "ctrl+o"),
		HistPrev: bind("alt+↑", c.KeyHistPrev, "alt+up"),
		HistNext: bind("alt+↓", c.KeyHistNext, "alt+down"),
		History:  bind("alt+↑/↓", c.KeyHistory, "alt+up", "alt+down"),

		Complete: bind("tab", c.KeyComplete, "tab"),
		Accept:   bind("enter", c.KeyAccept, "enter"),
		Cancel:   bind("esc", c.KeyCancel, "esc"),
	}
}

// HelpGroup is the send-pane feature keys as a help group; withStreams
// adds repeat, file and history (the Server and Client tabs).
func (k *ComposeKeys) HelpGroup(withStreams bool) []key.Binding {
	if !withStreams {
		return []key.Binding{k.Checksum}
	}
	return []key.Binding{k.Repeat, k.SendFile, k.History, k.Checksum}
}

// PromptHelp is the key hints while the interval field (file false) or
// the file path field (file true) is open.
func (k *ComposeKeys) PromptHelp(file bool) []key.Binding {
	if file {
		return []key.Binding{k.Complete, k.Accept, k.Cancel}
	}
	return []key.Binding{k.Accept, k.Cancel}
}

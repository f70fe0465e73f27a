package keymap

import (
	"charm.land/bubbles/v2/key"

	"github.com/netassist/netassist/tui/i18n"
)

// ViewKeys are the key bindings of the receive-pane display features
// (pause, clear, show sent, encoding, save, copy, chunk checksums). The
// alt forms work from every pane of a tab; the plain letters only when
// the receive pane has focus.
type ViewKeys struct {
	Pause         key.Binding // alt+q, any pane
	ShowSent      key.Binding // alt+o, any pane
	Encoding      key.Binding // alt+g, any pane
	PausePlain    key.Binding
	ShowSentPlain key.Binding
	EncodingPlain key.Binding
	ClearView     key.Binding
	Save          key.Binding
	SaveSession   key.Binding

	// Chunk selection.
	Select     key.Binding
	SelectMove key.Binding // help only: the pane's Up/Down move the selection
	Checksums  key.Binding
	Copy       key.Binding
	SelectExit key.Binding

	saveBothDesc string // help for w and W as one entry
}

func defaultViewKeys(t i18n.Text) ViewKeys {
	v := t.View
	return ViewKeys{
		Pause:         bind("alt+q", v.KeyPause, "alt+q"),
		ShowSent:      bind("alt+o", v.KeyShowSent, "alt+o"),
		Encoding:      bind("alt+g", v.KeyEncoding, "alt+g"),
		PausePlain:    bind("p", v.KeyPause, "p"),
		ShowSentPlain: bind("o", v.KeyShowSent, "o"),
		EncodingPlain: bind("e", v.KeyEncoding, "e"),
		ClearView:     bind("c", v.KeyClearView, "c"),
		Save:          bind("w", v.KeySave, "w"),
		SaveSession:   bind("W", v.KeySaveSession, "W"),

		Select:     bind("v", v.KeySelect, "v"),
		SelectMove: bind("↑/↓", v.KeySelectMove, "up", "down"),
		Checksums:  bind("enter", v.KeyChecksums, "enter"),
		Copy:       bind("y", v.KeyCopy, "y"),
		SelectExit: bind("esc", v.KeySelectExit, "esc"),

		saveBothDesc: v.KeySaveBoth,
	}
}

// HelpGroup is the receive-pane display keys as one help group, each
// alt key listed with its plain form (help only: matching uses the
// bindings above).
func (k *ViewKeys) HelpGroup() []key.Binding {
	both := func(plain, alt key.Binding) key.Binding {
		return key.NewBinding(key.WithKeys(plain.Keys()...),
			key.WithHelp(plain.Help().Key+"/"+alt.Help().Key, plain.Help().Desc))
	}
	save := key.NewBinding(key.WithKeys("w", "W"), key.WithHelp("w/W", k.saveBothDesc))
	return []key.Binding{both(k.PausePlain, k.Pause), both(k.ShowSentPlain, k.ShowSent),
		both(k.EncodingPlain, k.Encoding), k.ClearView, k.Select, save}
}

// SelectHelp is the key hints while a chunk is selected.
func (k *ViewKeys) SelectHelp() []key.Binding {
	return []key.Binding{k.SelectMove, k.Checksums, k.Copy, k.SelectExit}
}

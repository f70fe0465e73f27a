package keymap

import (
	"charm.land/bubbles/v2/key"

	"github.com/netassist/netassist/tui/i18n"
)

// WebKeys are the Web tab's own key bindings. The alt forms work from every
// pane (the editor too); the plain forms only in the list and the request
// panes, for terminals whose Alt key does not send ESC-prefixed keys. The
// tab also reuses the shared bindings with their usual meaning: the send
// pane's options (alt+r/e/h/l/t/k), alt+x (text/hex), enter and alt+s (the
// listen field), tab/shift+tab, esc and the scroll keys. Letters are chosen
// so that no key means something else in another tab or in the editor
// (textarea uses alt+b/f/d/c/l/u).
type WebKeys struct {
	Encoding      key.Binding
	Hold          key.Binding
	Crafted       key.Binding
	EncodingPlain key.Binding
	HoldPlain     key.Binding
	CraftedPlain  key.Binding

	// Held requests: reply with the editor's bytes (the Send keys), serve
	// as if hold were off, or close without a reply.
	Reply     key.Binding
	Serve     key.Binding
	Drop      key.Binding
	DropPlain key.Binding // in the held list
	EditReply key.Binding // enter in the held list

	Listen key.Binding // enter in the address field
	Stop   key.Binding

	// Zoom lets the focused list or detail pane take the whole area
	// above the reply box (plain: not in the editor).
	Zoom key.Binding

	// Lab opens the encoding lab on the selected response (plain: not in
	// the editor); in the lab, LabCoding picks the coding whose bytes
	// show, and Lab or esc closes it.
	Lab       key.Binding
	LabCoding key.Binding

	// Mark marks the selected request as the first side of a comparison;
	// Diff compares it with the selected one (plain: not in the editor).
	Mark key.Binding
	Diff key.Binding
}

func defaultWebKeys(t i18n.Text) WebKeys {
	w := t.Web
	return WebKeys{
		Encoding:      bind("alt+n", w.KeyEncoding, "alt+n"),
		Hold:          bind("alt+i", w.KeyHold, "alt+i"),
		Crafted:       bind("alt+m", w.KeyCrafted, "alt+m"),
		EncodingPlain: bind("n", w.KeyEncoding, "n"),
		HoldPlain:     bind("i", w.KeyHold, "i"),
		CraftedPlain:  bind("m", w.KeyCrafted, "m"),

		Reply:     bind("ctrl+s", w.KeyReply, "ctrl+s", "alt+enter"),
		Serve:     bind("alt+v", w.KeyServe, "alt+v"),
		Drop:      bind("alt+a", w.KeyDrop, "alt+a"),
		DropPlain: bind("delete", w.KeyDrop, "delete", "backspace"),
		EditReply: bind("enter", w.KeyEditReply, "enter"),

		Listen: bind("enter", w.KeyListenWeb, "enter"),
		Stop:   bind("alt+s", w.KeyStopWeb, "alt+s"),

		Zoom:      bind("z", w.KeyZoom, "z"),
		Lab:       bind("l", w.Lab.KeyLab, "l"),
		LabCoding: bind("←/→", w.Lab.KeyCoding, "left", "right"),
		Mark:      bind("c", w.Diff.KeyMark, "c"),
		Diff:      bind("d", w.Diff.KeyDiff, "d"),
	}
}

package tui

import "charm.land/bubbles/v2/key"

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
}

func defaultWebKeys(t Text) WebKeys {
	b := func(help string, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	w := t.Web
	return WebKeys{
		Encoding:      b("alt+n", w.KeyEncoding, "alt+n"),
		Hold:          b("alt+i", w.KeyHold, "alt+i"),
		Crafted:       b("alt+m", w.KeyCrafted, "alt+m"),
		EncodingPlain: b("n", w.KeyEncoding, "n"),
		HoldPlain:     b("i", w.KeyHold, "i"),
		CraftedPlain:  b("m", w.KeyCrafted, "m"),

		Reply:     b("ctrl+s", w.KeyReply, "ctrl+s", "alt+enter"),
		Serve:     b("alt+v", w.KeyServe, "alt+v"),
		Drop:      b("alt+a", w.KeyDrop, "alt+a"),
		DropPlain: b("delete", w.KeyDrop, "delete", "backspace"),
		EditReply: b("enter", w.KeyEditReply, "enter"),

		Listen: b("enter", w.KeyListenWeb, "enter"),
		Stop:   b("alt+s", w.KeyStopWeb, "alt+s"),
	}
}

package tui

import "charm.land/bubbles/v2/key"

// ClientKeys are the Client tab's own key bindings. Actions that work while
// typing use ctrl or alt; the shared KeyMap's Send, CloseAfter, CRLF,
// Escapes, SendHex, FixLength, Template, Clear, ViewHex, Timestamps and the
// scroll keys keep their meaning in this tab.
type ClientKeys struct {
	Connect    key.Binding // enter in the address field
	Disconnect key.Binding
	Reconnect  key.Binding
	HalfClose  key.Binding
	Summary    key.Binding
	Decoded    key.Binding
	EditAddr   key.Binding

	// Template picker.
	PickUp     key.Binding
	PickDown   key.Binding
	PickUse    key.Binding
	PickToggle key.Binding
	PickClose  key.Binding
}

func defaultClientKeys(t Text) ClientKeys {
	c := t.Client
	b := func(help string, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return ClientKeys{
		Connect:    b("enter", c.KeyConnect, "enter"),
		Disconnect: b("alt+w", c.KeyDisconnect, "alt+w"),
		Reconnect:  b("ctrl+r", c.KeyReconnect, "ctrl+r"),
		HalfClose:  b("alt+f", c.KeyHalfClose, "alt+f"),
		Summary:    b("alt+p", c.KeySummary, "alt+p"),
		Decoded:    b("alt+z", c.KeyDecoded, "alt+z"),
		EditAddr:   b("ctrl+l", c.KeyEditAddr, "ctrl+l"),

		PickUp:     b("↑/↓", c.KeyPickMove, "up", "k"),
		PickDown:   b("↓", c.KeyPickMove, "down", "j"),
		PickUse:    b("enter", c.KeyPickUse, "enter"),
		PickToggle: b("space", c.KeyPickToggle, "space", "x"),
		PickClose:  b("esc", c.KeyPickClose, "esc"),
	}
}

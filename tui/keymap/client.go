package keymap

import (
	"charm.land/bubbles/v2/key"

	"github.com/netassist/netassist/tui/i18n"
)

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

func defaultClientKeys(t i18n.Text) ClientKeys {
	c := t.Client
	return ClientKeys{
		Connect:    bind("enter", c.KeyConnect, "enter"),
		Disconnect: bind("alt+w", c.KeyDisconnect, "alt+w"),
		Reconnect:  bind("ctrl+r", c.KeyReconnect, "ctrl+r"),
		HalfClose:  bind("alt+f", c.KeyHalfClose, "alt+f"),
		Summary:    bind("alt+p", c.KeySummary, "alt+p"),
		Decoded:    bind("alt+z", c.KeyDecoded, "alt+z"),
		EditAddr:   bind("ctrl+l", c.KeyEditAddr, "ctrl+l"),

		PickUp:     bind("↑/↓", c.KeyPickMove, "up", "k"),
		PickDown:   bind("↓", c.KeyPickMove, "down", "j"),
		PickUse:    bind("enter", c.KeyPickUse, "enter"),
		PickToggle: bind("space", c.KeyPickToggle, "space", "x"),
		PickClose:  bind("esc", c.KeyPickClose, "esc"),
	}
}

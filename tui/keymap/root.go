package keymap

import (
	"charm.land/bubbles/v2/key"

	"github.com/netassist/netassist/tui/i18n"
)

// RootKeys are the root model's own keys: overlays and modes that work
// from every tab and pane (function keys, so they never collide with
// typing).
type RootKeys struct {
	Log      key.Binding // f9: the message log
	Annotate key.Binding // f7: the annotated view of the selected message
	Present  key.Binding // f8: presenter mode

	// The export keys save what the store holds (f10/f11/f12, or alt+7/8/9
	// where the terminal keeps the function keys for itself).
	ExportText key.Binding
	ExportRaw  key.Binding
	ExportHAR  key.Binding
	// Follow turns the Server tab's follow mode on and off: the send
	// target and the receive filter follow the last sender.
	Follow key.Binding // ctrl+f
}

func defaultRootKeys(t i18n.Text) RootKeys {
	r := t.Root
	return RootKeys{
		Log:      bind("f9", r.KeyLog, "f9"),
		Annotate: bind("f7", r.KeyAnnotate, "f7"),
		Present:  bind("f8", r.KeyPresent, "f8"),

		ExportText: bind("f10/alt+7", r.KeyExportText, "f10", "alt+7"),
		ExportRaw:  bind("f11/alt+8", r.KeyExportRaw, "f11", "alt+8"),
		ExportHAR:  bind("f12/alt+9", r.KeyExportHAR, "f12", "alt+9"),
		Follow:     bind("ctrl+f", r.KeyFollowConv, "ctrl+f"),
	}
}

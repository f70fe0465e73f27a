package keymap

import (
	"charm.land/bubbles/v2/key"

	"github.com/netassist/netassist/tui/i18n"
)

// TransportKeys are the Server and Client tabs' keys of UDP and TLS
// (issue 16): they work from every pane of those tabs, the editor
// included. Every alt+letter was taken, so the switch is ctrl+t (it
// shadows the editor's rarely used transpose).
type TransportKeys struct {
	Switch key.Binding // ctrl+t: the tab's protocol, TCP → TLS → UDP
	Info   key.Binding // alt+i: the connection details view, open and closed
	// AddPeer opens the add-peer field in the Server tab's list on UDP
	// (a plain letter: the list is not an editor).
	AddPeer key.Binding // a
}

func defaultTransportKeys(t i18n.Text) TransportKeys {
	r := t.Transport
	return TransportKeys{
		Switch:  bind("ctrl+t", r.KeySwitch, "ctrl+t"),
		Info:    bind("alt+i", r.KeyInfo, "alt+i"),
		AddPeer: bind("a", r.KeyAddPeer, "a"),
	}
}

package server

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
)

// Sending to an address on UDP (NetAssist's "remote host" box): `a` in
// the peer list opens a field at its foot; enter makes the address a peer
// (Server.AddPeer: an open event, a number) and selects it, so the next
// send goes there before it ever sent anything. While open the field
// takes every key and paste. The field stays open until the address is
// taken: a refusal (port 0, an IPv6 address on an IPv4 socket, a name
// that does not resolve) is said after the address, which stays for a
// fix.

// peerField is the add-peer field.
type peerField struct {
	open  bool
	input textinput.Model
	err   string // why the address was refused, shown after it; any edit clears it
}

// peerAddedMsg reports an AddPeer.
type peerAddedMsg struct {
	id   netassist.ConnID
	addr string
	err  error
}

func (peerAddedMsg) Route() netassist.Tab { return netassist.TabServer }

// canAddPeer reports whether the tab listens on UDP.
func (t *Model) canAddPeer() bool {
	return t.proto == netassist.ProtoUDP && t.listening != nil
}

// openPeer opens the field, empty.
func (t *Model) openPeer() tea.Cmd {
	t.peer.open, t.peer.err = true, ""
	t.peer.input.SetValue("")
	return t.peer.input.Focus()
}

func (t *Model) closePeer() {
	t.peer.open, t.peer.err = false, ""
	t.peer.input.Blur()
}

// peerKey handles a key while the field is open.
func (t *Model) peerKey(msg tea.KeyPressMsg) tea.Cmd {
	k := t.C.Keys
	switch {
	case key.Matches(msg, k.Back):
		t.closePeer()
		return nil
	case key.Matches(msg, k.ApplyAddr):
		addr := t.peer.input.Value()
		if addr == "" {
			return nil
		}
		srv := t.srv
		return func() tea.Msg {
			id, err := srv.AddPeer(addr)
			return peerAddedMsg{id: id, addr: addr, err: err}
		}
	}
	before := t.peer.input.Value()
	var cmd tea.Cmd
	t.peer.input, cmd = t.peer.input.Update(msg)
	if t.peer.input.Value() != before {
		t.peer.err = ""
	}
	return cmd
}

// peerPaste puts a one-line paste in the field.
func (t *Model) peerPaste(p tea.PasteMsg) tea.Cmd {
	before := t.peer.input.Value()
	cmd, err := common.PasteLine(t.C, &t.peer.input, p.Content)
	if err != nil {
		return common.Status(err.Error(), true)
	}
	if t.peer.input.Value() != before {
		t.peer.err = ""
	}
	return cmd
}

// peerAdded selects the new peer, so the next send goes to it, and
// closes the field; a refusal is said in the field while it still holds
// the address, else on the status line.
func (t *Model) peerAdded(msg peerAddedMsg) tea.Cmd {
	tt := &t.C.Text.Transport
	if msg.err != nil {
		why := common.ErrText(t.C, msg.err)
		if t.peer.open && t.peer.input.Value() == msg.addr {
			t.peer.err = why
			return nil
		}
		return common.Status(fmt.Sprintf(tt.AddPeerFailed, common.Safe(msg.addr), why), true)
	}
	if t.peer.open && t.peer.input.Value() == msg.addr {
		t.closePeer()
	}
	t.Select(msg.id)
	return common.Status(fmt.Sprintf(tt.PeerAdded, msg.id, common.Safe(msg.addr)), false)
}

// peerLine is the field as the list's foot draws it, w cells at most.
func (t *Model) peerLine(w int) []string {
	label := t.C.Styles.PaneTitleFoc.Render(t.C.Text.Transport.AddPeerLabel)
	t.peer.input.SetWidth(max(w-ansi.StringWidth(label)-2, 1))
	lines := []string{label + t.peer.input.View()}
	if t.peer.err != "" {
		why := fmt.Sprintf(t.C.Text.Transport.AddPeerRefused, common.Typed(t.peer.err))
		for _, l := range strings.Split(ansi.Wrap(why, max(w, 1), ""), "\n") {
			lines = append(lines, t.C.Styles.Error.Render(l))
		}
	}
	return lines
}

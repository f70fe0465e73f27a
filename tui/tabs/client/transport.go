package client

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/conninfo"
)

// UDP and TLS in the Client tab (issue 16): the protocol of the next
// connect (ctrl+t: TCP → TLS → UDP; Reconnect keeps the last one's), what
// the address line and the receive pane say of the connection's
// transport, the details view (alt+i), and no half-close on UDP.

// switchProto picks the protocol of the next connect; the connection open
// now (if any) stays as it is.
func (t *Model) switchProto() tea.Cmd {
	t.proto = conninfo.NextProto(t.proto)
	return common.Status(fmt.Sprintf(t.C.Text.Transport.NextConnect, conninfo.ProtoName(t.C, t.proto)), false)
}

// Badge is the tab bar's word after the tab's name: the protocol of the
// next connect when it is not plain TCP.
func (t *Model) Badge() string {
	if t.proto == netassist.ProtoTCP {
		return ""
	}
	return conninfo.ProtoName(t.C, t.proto)
}

// Proto is the protocol the next connect uses.
func (t *Model) Proto() netassist.Proto { return t.proto }

// udp reports whether the current (or last) connection is UDP.
func (t *Model) udp(st netassist.ClientStatus) bool {
	return st.Proto == netassist.ProtoUDP && st.Conn != 0
}

// syncTransport tells the panes what the transport means for them, each
// frame: the tag on the address line, "TLS decrypted" over bytes that
// crossed TLS.
func (t *Model) syncTransport(st netassist.ClientStatus) {
	t.Addr.SetTag(conninfo.ProtoName(t.C, t.proto))
	label := ""
	if st.Conn != 0 && st.Proto == netassist.ProtoTLS {
		label = t.C.Text.Transport.Decrypted
	}
	t.Recv.SetLabel(label)
}

// halfClose sends FIN, or on UDP says there is none.
func (t *Model) halfClose() tea.Cmd {
	if st := t.status(); t.udp(st) && st.State == netassist.ClientConnected {
		return common.Status(t.C.Text.Transport.NoHalfClose, true)
	}
	return t.halfCloseCmd()
}

// toggleInfo opens or closes the details view.
func (t *Model) toggleInfo() tea.Cmd {
	t.showInfo = !t.showInfo
	return nil
}

// infoView is the details view of the current (or last) connection.
func (t *Model) infoView(w, h int) []string {
	st := t.status()
	what, lines := t.C.Text.TabClient, []string(nil)
	if ci, ok := t.store.Conn(st.Conn); ok && st.Conn != 0 {
		what = fmt.Sprintf("#%d", st.Conn)
		lines = conninfo.Conn(t.C, ci, t.C.Now(), true)
		if ci.Proto == netassist.ProtoUDP {
			lines = append(lines, conninfo.UDPOptions(t.C, t.client.UDP)...) // set before the UI starts
		}
	}
	return common.Lines(conninfo.View(t.C, what, lines, w, h))
}

// refusedWarn is how many datagrams of the UDP socket were answered with
// ICMP "port unreachable" (nothing listens at the address), "" if none.
func (t *Model) refusedWarn() string {
	if t.client == nil {
		return ""
	}
	cc, err := t.client.Conn()
	if err != nil || !cc.IsDatagram() || cc.Refused() == 0 {
		return ""
	}
	return fmt.Sprintf(t.C.Text.Transport.Refused, cc.Refused())
}

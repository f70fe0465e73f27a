package server

import (
	"fmt"
	"net"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/tlsconf"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/conninfo"
)

// UDP and TLS in the Server tab (issue 16): the tab's protocol (ctrl+t:
// TCP → TLS → UDP), re-listening on the same address when it changes
// while listening; a certificate made the first time TLS is chosen (when
// the run did not start with --tls); what the address line, the list,
// the receive pane and the details view (alt+i) say of the transport.

// switchProto moves the tab to the next protocol: it listens again at
// once on the address it listens on (a UDP socket's peers are forgotten,
// TCP connections stay open), or the next listen uses it.
func (t *Model) switchProto() tea.Cmd {
	p := conninfo.NextProto(t.proto)
	if p == netassist.ProtoTLS {
		if err := t.ensureCert(); err != nil {
			return common.Status(fmt.Sprintf(t.C.Text.Transport.CertFailed, common.ErrText(t.C, err)), true)
		}
	}
	t.proto = p
	if t.listening == nil {
		return common.Status(fmt.Sprintf(t.C.Text.Transport.NextListen, conninfo.ProtoName(t.C, p)), false)
	}
	gen, srv, addr := t.nextListen(), t.srv, t.listening.String()
	return t.inOrder(gen, func() tea.Msg {
		// The old socket goes first: TCP and TLS cannot both hold the port.
		srv.StopListening()
		return listenResult(srv, gen, p, addr)
	})
}

// ensureCert gives the server a certificate for TLS if it has none: one
// made now for the address in the field and localhost (tlsconf, as
// --tls does at start). It runs on the event loop before any TLS listen,
// so the engine's goroutines only ever read Server.TLS.
func (t *Model) ensureCert() error {
	if t.srv == nil || t.srv.TLS != nil {
		return nil
	}
	cert, err := tlsconf.SelfSigned(tlsconf.Hosts(t.Addr.Value()), 0)
	if err != nil {
		return err
	}
	t.srv.TLS = tlsconf.Server(cert)
	t.cert = conninfo.CertOf(t.srv.TLS)
	return nil
}

// listenedStatus is the status of a listen that succeeded on addr: on TLS
// with the certificate's fingerprint, whole (the status line wraps).
func (t *Model) listenedStatus(p netassist.Proto, addr net.Addr) string {
	tt := &t.C.Text.Transport
	switch {
	case p == netassist.ProtoTLS && t.cert != nil:
		return fmt.Sprintf(tt.ListeningTLS, addr, t.cert.Fingerprint)
	case p == netassist.ProtoUDP:
		return fmt.Sprintf(tt.ListeningUDP, addr)
	}
	return fmt.Sprintf(t.C.Text.RestartedOn, addr)
}

// Badge is the tab bar's word after the tab's name: its protocol when it
// is not plain TCP.
func (t *Model) Badge() string {
	if t.proto == netassist.ProtoTCP {
		return ""
	}
	return conninfo.ProtoName(t.C, t.proto)
}

// Proto is the tab's protocol: what it listens with, or will.
func (t *Model) Proto() netassist.Proto { return t.proto }

// noData is the empty receive pane's text: how to send the tab
// something over its protocol (%s: the address).
func (t *Model) noData() string {
	switch t.proto {
	case netassist.ProtoTLS:
		return t.C.Text.Transport.NoDataTLS
	case netassist.ProtoUDP:
		return t.C.Text.Transport.NoDataUDP
	}
	return t.C.Text.NoData
}

// syncTransport tells the panes what the transport means for them, each
// frame: the protocol's tag on the address line, "Peers" on UDP, the
// selected row's details (or the certificate) at the list's foot, and
// "TLS decrypted" over bytes that crossed TLS.
func (t *Model) syncTransport() {
	tt := &t.C.Text.Transport
	t.Addr.SetTag(conninfo.ProtoName(t.C, t.proto))
	if t.proto == netassist.ProtoUDP {
		t.conns.SetNoun(tt.Peers, tt.AllPeers)
	} else {
		t.conns.SetNoun("", "")
	}
	label, shown := "", t.proto
	var detail []string
	if id := t.conns.Selected(); id != netassist.AllConns {
		if ci, ok := t.store.Conn(id); ok {
			shown = ci.Proto
			detail = conninfo.Conn(t.C, ci, t.C.Now(), false)
		}
	} else if t.listening != nil {
		detail = conninfo.Listener(t.C, t.proto, t.listening.String(), t.cert, false)
	}
	if shown == netassist.ProtoTLS {
		label = tt.Decrypted
	}
	if t.peer.open {
		w, _ := t.conns.InnerSize()
		detail = t.peerLine(w - 1)
	}
	t.conns.SetDetail(detail)
	t.Recv.SetLabel(label)
}

// infoView is the details view: the selected connection, then the
// listener, in full.
func (t *Model) infoView(w, h int) []string {
	tt := &t.C.Text.Transport
	what := tt.InfoListener
	var lines []string
	if id := t.conns.Selected(); id != netassist.AllConns {
		if ci, ok := t.store.Conn(id); ok {
			what = t.label(id)
			lines = append(conninfo.Conn(t.C, ci, t.C.Now(), true), "")
		}
	}
	if t.listening != nil {
		lines = append(lines, conninfo.Listener(t.C, t.proto, t.listening.String(), t.cert, true)...)
		if t.proto == netassist.ProtoUDP {
			lines = append(lines, conninfo.UDPOptions(t.C, t.srv.UDP)...) // set before the UI starts
		}
	}
	return common.Lines(conninfo.View(t.C, what, lines, w, h))
}

// toggleInfo opens or closes the details view.
func (t *Model) toggleInfo() tea.Cmd {
	t.showInfo = !t.showInfo
	return nil
}

// datagramMax is the largest datagram to every UDP connection of ids (0:
// none is UDP, the target is a stream).
func (t *Model) datagramMax(ids []netassist.ConnID) int {
	most := 0
	for _, id := range ids {
		ci, ok := t.store.Conn(id)
		if !ok || ci.Proto != netassist.ProtoUDP {
			continue
		}
		if m := conninfo.MaxDatagram(ci.Remote); most == 0 || m < most {
			most = m
		}
	}
	return most
}

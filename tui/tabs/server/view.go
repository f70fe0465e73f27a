package server

import (
	"fmt"

	"charm.land/bubbles/v2/key"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/addrbar"
	"github.com/netassist/netassist/tui/components/tabframe"
)

// layout is the tab's geometry for its size.
type layout struct {
	listW, recvW, topH, sendH int
}

func (t *Model) layout() layout {
	var l layout
	l.topH, l.sendH = tabframe.Split(t.height, 1, true)
	if t.width >= 60 {
		l.listW = min(max(t.width*3/8, 24), 40)
	}
	l.recvW = max(t.width-l.listW, 0)
	return l
}

// SetSize sizes the tab and its panes.
func (t *Model) SetSize(w, h int) {
	t.width, t.height = max(w, 0), max(h, 0)
	l := t.layout()
	t.Frame.SetSize(t.width, t.width, l.sendH)
	t.conns.SetSize(l.listW, l.topH)
	t.Recv.SetSize(l.recvW, l.topH)
	t.rules.SetSize(t.width, l.topH)
}

// View draws the tab in exactly its size: the address line, the rules
// view or the connection list beside the receive pane, the send pane.
func (t *Model) View() string {
	w, l, txt := t.width, t.layout(), t.C.Text
	t.Addr.SetState(t.addrState())
	t.syncFollow()
	t.syncTransport()
	t.conns.SetBadge(t.capBadge())
	t.Send.SetTitle(txt.Send + " " + fmt.Sprintf(txt.SendTo, t.targetTitle()))
	addr := t.Addr.Value()
	if t.listening != nil {
		addr = t.listening.String()
	}
	t.Recv.SetEmpty(fmt.Sprintf(t.noData(), addr))
	if v, ok := t.ZoomView(w, t.height); ok {
		return v
	}
	var top []string
	switch {
	case t.rules.IsOpen():
		top = common.Lines(t.rules.View())
	case t.showInfo:
		top = t.infoView(w, l.topH)
	case l.listW > 0:
		top = common.Beside(common.Lines(t.conns.View()), common.Lines(t.Recv.View()))
	default:
		top = common.Lines(t.Recv.View())
	}
	return t.Frame.View(w, t.height, common.Lines(t.Addr.View()), top, nil, l.topH)
}

// addrState is the listener's state for the address line.
func (t *Model) addrState() addrbar.State {
	txt := t.C.Text
	switch {
	case t.listenErr != nil && t.listening != nil:
		// A re-listen failed and the old listener still accepts: that
		// first, then why the new address failed.
		return addrbar.State{Phase: addrbar.Up, Text: fmt.Sprintf(txt.StillListening, t.listening), Listen: t.listening,
			Err: fmt.Sprintf(txt.ListenFailed, common.Safe(t.listenErr.Error()))}
	case t.listenErr != nil:
		return addrbar.State{Phase: addrbar.Failed, Text: fmt.Sprintf(txt.ListenFailed, common.Safe(t.listenErr.Error())),
			Detail: " — " + txt.EditAddrHint}
	case t.listening != nil:
		return addrbar.State{Phase: addrbar.Up, Text: fmt.Sprintf(txt.Listening, t.listening), Listen: t.listening}
	case !t.autoListen && t.gen == 0:
		return addrbar.State{Text: txt.NotListening + " — " + txt.Web.NotStartedHint}
	}
	return addrbar.State{Text: txt.NotListening}
}

// ShortHelp is the keys that matter in the focused pane.
func (t *Model) ShortHelp() []key.Binding {
	k := t.C.Keys
	if t.peer.open {
		return []key.Binding{k.ApplyAddr, k.Back}
	}
	return t.Frame.ShortHelp(func() []key.Binding {
		switch t.Focus() {
		case t.Send:
			return []key.Binding{k.Send, k.CloseAfter, k.Template, k.FocusNext}
		case t.Addr:
			return t.Addr.ShortHelp()
		case t.conns:
			if t.canAddPeer() {
				return append(t.conns.ShortHelp(), k.Transport.AddPeer, k.Send, k.FocusNext)
			}
			return append(t.conns.ShortHelp(), k.Send, k.FocusNext)
		}
		if t.Recv.Selecting() {
			return t.Recv.ShortHelp()
		}
		return append(t.Recv.ShortHelp(), k.FocusNext)
	})
}

// FullHelp is every key of the tab, by pane.
func (t *Model) FullHelp() [][]key.Binding {
	k := t.C.Keys
	if t.rules.IsOpen() {
		return t.rules.FullHelp()
	}
	return append(append(t.Send.FullHelp(), t.Recv.FullHelp()...),
		[]key.Binding{k.FocusNext, k.FocusPrev, k.CloseConn, k.CloseAllConns, k.ApplyAddr, k.StopListen, k.Back},
		[]key.Binding{k.Root.Follow, k.Rules.Open, k.Transport.Switch, k.Transport.Info, k.Transport.AddPeer})
}

// capBadge is the connection cap in force and how many connections were
// shed at it ("max 1024 · 2 shed"), for the list's title; "" before the
// server first listens. On UDP the peers are capped at MaxUDPPeers too.
func (t *Model) capBadge() string {
	if t.srv == nil {
		return ""
	}
	st, rt := t.srv.Stats(), &t.C.Text.Root
	if st.MaxConns == 0 {
		return ""
	}
	limit := st.MaxConns
	if t.proto == netassist.ProtoUDP {
		limit = min(limit, netassist.MaxUDPPeers)
	}
	b := fmt.Sprintf(rt.ConnCap, limit)
	if st.Shed > 0 {
		b += " · " + fmt.Sprintf(rt.ConnShed, st.Shed)
	}
	return b
}

package server

import (
	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/components/tabframe"
)

// keys are the tab's own keys, from every pane and of one pane; the frame
// has the rest (tabframe.Frame.Key).
func (t *Model) keys() (own, pane []tabframe.Action) {
	k := t.C.Keys
	own = []tabframe.Action{
		tabframe.Any(t.peerKey).If(func() bool { return t.peer.open }),
		tabframe.On(k.Template, func() tea.Cmd { // the lesson templates, this tab's reply first
			return tea.Batch(t.Send.OpenLessons(httpReplyTemplate), t.SetFocus(t.Send))
		}),
		tabframe.On(k.StopListen, t.stopCmd),
		tabframe.On(k.Root.Follow, t.toggleFollow),
		tabframe.On(k.CloseAllConns, func() tea.Cmd { return t.closeCmd(netassist.AllConns) }),
		tabframe.On(k.Transport.Switch, t.switchProto),
		tabframe.On(k.Transport.Info, t.toggleInfo),
		tabframe.On(k.Back, t.toggleInfo).If(func() bool { return t.showInfo }),
	}
	pane = []tabframe.Action{
		tabframe.On(k.ApplyAddr, t.relisten).In(t.Addr),
		tabframe.On(k.CloseConn, func() tea.Cmd {
			if id := t.conns.Selected(); id != 0 {
				return t.closeCmd(id)
			}
			return nil
		}).In(t.conns),
		tabframe.On(k.ApplyAddr, func() tea.Cmd { return t.SetFocus(t.Send) }).In(t.conns),
		tabframe.On(k.Transport.AddPeer, t.openPeer).In(t.conns).If(t.canAddPeer),
	}
	return own, pane
}

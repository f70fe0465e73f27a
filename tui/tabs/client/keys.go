package client

import (
	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/tabframe"
)

// keys are the tab's own keys, from every pane and of one pane; the frame
// has the rest (tabframe.Frame.Key).
func (t *Model) keys() (own, pane []tabframe.Action) {
	k, ck := t.C.Keys, &t.C.Keys.Client
	own = []tabframe.Action{
		tabframe.On(k.Template, func() tea.Cmd { t.picker.Open(t.tmpl); return nil }),
		tabframe.On(ck.Reconnect, func() tea.Cmd { return t.connectCmd(t.Addr.Value()) }),
		tabframe.On(ck.Disconnect, t.disconnectCmd),
		tabframe.On(ck.HalfClose, t.halfClose),
		tabframe.On(ck.Summary, func() tea.Cmd { t.showSummary = !t.showSummary; return nil }),
		tabframe.On(ck.Decoded, t.toggleDecoded),
		tabframe.On(ck.EditAddr, func() tea.Cmd { return t.SetFocus(t.Addr) }),
		tabframe.On(k.Transport.Switch, t.switchProto),
		tabframe.On(k.Transport.Info, t.toggleInfo),
		tabframe.On(k.Back, t.toggleInfo).If(func() bool { return t.showInfo }),
	}
	pane = []tabframe.Action{
		tabframe.On(ck.Connect, func() tea.Cmd {
			addr := t.Addr.Value()
			if addr == "" {
				return common.Status(t.C.Text.Client.NoAddress, true)
			}
			return tea.Batch(t.connectCmd(addr), t.SetFocus(t.Send))
		}).In(t.Addr),
		tabframe.Any(t.decodedKey).In(t.Recv).If(func() bool { return t.showDecoded }),
	}
	return own, pane
}

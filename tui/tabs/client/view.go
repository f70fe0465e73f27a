package client

import (
	"fmt"

	"charm.land/bubbles/v2/key"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/addrbar"
	"github.com/netassist/netassist/tui/components/tabframe"
)

// sideBySideWidth is the width from which the HTTP summary stands beside
// the receive pane instead of above it.
const sideBySideWidth = 120

// SetSize sizes the tab and its panes (the receive pane and the summary
// share the top area as the reply needs, when drawn).
func (t *Model) SetSize(w, h int) {
	t.width, t.height = max(w, 0), max(h, 0)
	topH, sendH := tabframe.Split(t.height, 1, true)
	t.Frame.SetSize(t.width, t.width, sendH)
	t.Recv.SetSize(t.width, topH)
	t.picker.SetSize(t.width, topH)
}

// View draws the tab in exactly its size: the address line, the picker
// or the summary and the receive pane, the send pane.
func (t *Model) View() string {
	if t.height <= 0 {
		return ""
	}
	w, txt := t.width, t.C.Text
	topH, _ := tabframe.Split(t.height, 1, true)
	t.Addr.SetState(t.addrState())
	t.syncTransport(t.status())
	target := t.status().Remote
	if target == "" {
		target = t.Addr.Value()
	}
	title := txt.Send
	if target != "" {
		title += " " + fmt.Sprintf(txt.Client.SendPaneTarget, common.Safe(target))
	}
	t.Send.SetTitle(title)
	t.Recv.SetEmpty(t.C.Text.Client.NoData)
	if v, ok := t.ZoomView(w, t.height); ok {
		return v
	}
	var top []string
	if topH > 0 {
		top = t.topView(w, topH)
	}
	return t.Frame.View(w, t.height, common.Lines(t.Addr.View()), top, nil, topH)
}

// topView is the area between the address line and the send box: the
// template picker, or the HTTP summary above the receive pane (or above
// the decoded body).
func (t *Model) topView(w, h int) []string {
	s, ct := t.C.Styles, &t.C.Text.Client
	if t.picker.IsOpen() {
		t.picker.SetHost(t.Addr.Value())
		return common.Lines(t.picker.View())
	}
	if t.showInfo {
		return t.infoView(w, h)
	}
	var out []string
	recvH, recvW := h, w
	var side []string // the summary, beside the receive area on wide screens
	if t.showSummary || t.showDecoded {
		t.reply.refresh(t.store, t.status().Conn)
	}
	if t.showSummary && t.reply.looksHTTP() && h >= 6 {
		if w >= sideBySideWidth {
			sumW := min(max(w*2/5, 40), 72)
			recvW = w - sumW
			side = common.Box(s, ct.SummaryTitle, t.reply.summary(s, ct, t.C.Lang, sumW-2, h-2), sumW, h, false)
		} else {
			// Above the raw bytes: as much as the reply needs, leaving the
			// receive pane at least three lines.
			sum := t.reply.summary(s, ct, t.C.Lang, w-2, max(h-7, h/2-2, 1))
			sumH := len(sum) + 2
			out = append(out, common.Box(s, ct.SummaryTitle, sum, w, sumH, false)...)
			recvH = h - sumH
		}
	}
	lower := t.recvView(recvW, recvH)
	if side != nil {
		lower = common.Beside(lower, side)
	}
	return append(out, lower...)
}

// recvView is the receive pane, or the decoded body in its place.
func (t *Model) recvView(w, h int) []string {
	if t.showDecoded {
		if r, _, _ := t.reply.current(); r == nil || r.ContentEncoding() == "" {
			t.showDecoded = false // a new connection, or a reply without encoding
		}
	}
	if t.showDecoded {
		return t.decodedView(w, h)
	}
	t.Recv.SetSize(w, h)
	t.Recv.SetEmpty(t.C.Text.Client.NoData)
	return common.Lines(t.Recv.View())
}

// addrState describes the connection: state, who answered, for how long,
// and the last error, as the engine phrased it.
func (t *Model) addrState() addrbar.State {
	ct := &t.C.Text.Client
	if t.client == nil {
		return addrbar.State{Text: ct.NoEngine}
	}
	st := t.client.Status()
	var out addrbar.State
	switch st.State {
	case netassist.ClientIdle:
		if st.Err != "" {
			return addrbar.State{Phase: addrbar.Failed, Err: common.Safe(st.Err)} // why the dial failed
		}
		out = addrbar.State{Text: ct.StateIdle}
	case netassist.ClientConnecting:
		out = addrbar.State{Phase: addrbar.Busy, Text: fmt.Sprintf(ct.StateConnecting, common.Safe(st.Addr))}
	case netassist.ClientConnected:
		out = addrbar.State{Phase: addrbar.Up, Text: t.connectedTo(st),
			Detail: " · " + common.FormatElapsed(t.C.Now().Sub(st.Connected))}
		if st.HalfClosed {
			out.Warn = " · " + ct.StateHalfClosed
		}
		out.Warn += t.refusedWarn()
	case netassist.ClientClosed:
		out = addrbar.State{Phase: addrbar.Closed,
			Text:   fmt.Sprintf(ct.StateClosed, common.Safe(common.CloseReason(t.C, st.ClosedBy, ""))) + " · " + common.Safe(st.Remote),
			Detail: " · " + fmt.Sprintf(ct.ClosedAfter, common.FormatElapsed(st.Since.Sub(st.Connected)))}
	}
	if st.Err != "" {
		out.Err = common.Safe(st.Err)
	}
	return out
}

// connectedTo names the remote, and the address asked for when it was a
// name that resolved to the remote shown; over TLS, the version; on UDP,
// where datagrams go.
func (t *Model) connectedTo(st netassist.ClientStatus) string {
	ct := &t.C.Text.Client
	var out string
	switch {
	case st.Proto == netassist.ProtoUDP:
		return fmt.Sprintf(t.C.Text.Transport.UDPReady, common.Safe(st.Remote))
	case st.Addr != "" && st.Addr != st.Remote:
		out = fmt.Sprintf(ct.StateVia, common.Safe(st.Addr), common.Safe(st.Remote))
	default:
		out = fmt.Sprintf(ct.StateConnected, common.Safe(st.Remote))
	}
	if st.TLS != nil {
		out += " · " + common.Safe(st.TLS.Version) // TLS 1.3
	}
	return out
}

// ShortHelp is the keys that matter in the focused pane.
func (t *Model) ShortHelp() []key.Binding {
	k, ck := t.C.Keys, &t.C.Keys.Client
	return t.Frame.ShortHelp(func() []key.Binding {
		switch t.Focus() {
		case t.Send:
			if t.udp(t.status()) { // no half-close on UDP
				return []key.Binding{k.Send, k.Template, ck.Reconnect, k.Transport.Switch, k.FocusNext}
			}
			return []key.Binding{k.Send, k.Template, ck.Reconnect, ck.HalfClose, k.FocusNext}
		case t.Addr:
			return t.Addr.ShortHelp()
		}
		if t.Recv.Selecting() && !t.showDecoded {
			return t.Recv.ShortHelp()
		}
		keys := []key.Binding{k.Up, k.ViewHexPlain, ck.Summary}
		if r, _, _ := t.reply.current(); t.showDecoded || (r != nil && r.ContentEncoding() != "") {
			keys = append(keys, ck.Decoded)
		}
		return append(keys, k.FocusNext)
	})
}

// FullHelp is every key of the tab, by pane.
func (t *Model) FullHelp() [][]key.Binding {
	k, ck := t.C.Keys, &t.C.Keys.Client
	recv := t.Recv.FullHelp()
	return [][]key.Binding{
		{ck.Connect, ck.Reconnect, ck.Disconnect, ck.HalfClose, ck.EditAddr},
		t.Send.FullHelp()[0], t.Send.FullHelp()[1],
		append([]key.Binding{ck.Summary, ck.Decoded}, recv[0]...),
		recv[1],
		{k.FocusNext, k.FocusPrev, k.Back, k.Transport.Switch, k.Transport.Info},
	}
}

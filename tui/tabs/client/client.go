// Package client is the Client tab: an address line with the
// connection's state, a receive pane over every connection the client
// made, an HTTP summary of the current connection's reply (and its
// decoded body on request), and a send pane pre-filled with a request
// from the template picker. It is a tabframe.Frame plus the picker and
// the summary.
package client

import (
	"context"
	"errors"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/addrbar"
	"github.com/netassist/netassist/tui/components/conninfo"
	"github.com/netassist/netassist/tui/components/lazydoc"
	"github.com/netassist/netassist/tui/components/picker"
	"github.com/netassist/netassist/tui/components/recvpane"
	"github.com/netassist/netassist/tui/components/sendpane"
	"github.com/netassist/netassist/tui/components/tabframe"
)

// Config is what the tab runs on.
type Config struct {
	Client *netassist.Client // nil: no client engine (actions say so)
	Store  *netassist.Store
	Addr   string // the address in the field at start ("": none yet)
	// Connect connects to Addr at start (`netassist client ADDR`).
	Connect bool
}

var _ common.Tab = (*Model)(nil)

// Model is the Client tab.
type Model struct {
	*tabframe.Frame
	client *netassist.Client
	store  *netassist.Store
	picker *picker.Model

	autoConnect bool
	// gen numbers connect/disconnect requests: a result whose gen is not
	// the latest answers a request the user has since replaced.
	gen     int
	ticking bool // a tickMsg is on its way

	// The request template and whether the editor still holds it as
	// generated (then a new address updates its Host line).
	tmpl     picker.Template
	lastTmpl string

	reply       httpReply
	showSummary bool
	showDecoded bool
	dec         decodedDoc // decoded.go

	own, pane []tabframe.Action // the tab's keys (keys.go)

	proto    netassist.Proto // the next connect's protocol (transport.go)
	showInfo bool            // the details view (alt+i) in the top area

	width, height int
}

// connectMsg reports a Connect or Reconnect.
type connectMsg struct {
	gen    int
	remote string
	udp    bool // datagrams to remote: nothing was connected
	err    error
}

// disconnectMsg reports a Disconnect.
type disconnectMsg struct {
	gen int
	err error
}

// tickMsg redraws the elapsed time once a second while connected.
type tickMsg struct{}

func (connectMsg) Route() netassist.Tab    { return netassist.TabClient }
func (disconnectMsg) Route() netassist.Tab { return netassist.TabClient }
func (tickMsg) Route() netassist.Tab       { return netassist.TabClient }

// New returns the tab.
func New(c common.Common, cfg Config) *Model {
	k, ct := c.Keys, &c.Text.Client
	t := &Model{client: cfg.Client, store: cfg.Store, picker: picker.New(c),
		autoConnect: cfg.Connect && cfg.Addr != "", showSummary: true, dec: decodedDoc{doc: lazydoc.New()}}
	if cfg.Client != nil {
		t.proto = cfg.Client.Transport // --udp, --tls
	}
	addr := addrbar.New(c, ct.AddrLabel, cfg.Addr, ct.AddrPlaceholder, true, k.Client.Connect, k.Client.Disconnect, k.Transport.Switch, k.Back, k.FocusNext)
	send := sendpane.New(c, netassist.TabClient, sendpane.Options{
		Streams: true, Target: t.sendTarget, Placeholder: c.Text.SendPlaceholder})
	recv := recvpane.New(c, cfg.Store, netassist.TabClient)
	focus := tabframe.Pane(send)
	if cfg.Addr == "" {
		focus = addr
	}
	t.Frame = tabframe.New(c, netassist.TabClient, tabframe.Config{
		Addr: addr, Send: send, Recv: recv,
		Ring: []tabframe.Pane{send, recv, addr}, Home: recv, Focus: focus,
		CloseAfter: true, Deliver: t.deliver,
		Relayout: func() { t.SetSize(t.width, t.height) },
	})
	t.Overlay = t.picker
	t.own, t.pane = t.keys()
	t.setTemplate(t.tmpl)
	return t
}

// Name is the tab's engine name.
func (t *Model) Name() netassist.Tab { return netassist.TabClient }

// Init connects when the tab was named on the command line, and loads the
// send history.
func (t *Model) Init() tea.Cmd {
	if t.autoConnect {
		return tea.Batch(t.connectCmd(t.Addr.Value()), t.Send.Init())
	}
	return t.Send.Init()
}

func (t *Model) status() netassist.ClientStatus {
	if t.client == nil {
		return netassist.ClientStatus{}
	}
	return t.client.Status()
}

// connectCmd connects to addr (or, if addr is empty, to the last address)
// off the event loop.
func (t *Model) connectCmd(addr string) tea.Cmd {
	ct := &t.C.Text.Client
	if t.client == nil {
		return common.Status(ct.NoEngine, true)
	}
	if addr == "" && t.status().Addr == "" {
		return tea.Batch(t.SetFocus(t.Addr), common.Status(ct.NoAddress, true))
	}
	if addr == "" {
		addr = t.status().Addr
	}
	t.gen++
	gen, c, ctx, p := t.gen, t.client, t.C.Context(), t.proto
	return func() tea.Msg {
		err := c.ConnectProto(ctx, p, addr)
		return connectMsg{gen: gen, remote: c.Status().Remote, udp: p == netassist.ProtoUDP, err: err}
	}
}

func (t *Model) disconnectCmd() tea.Cmd {
	if t.client == nil {
		return common.Status(t.C.Text.Client.NoEngine, true)
	}
	t.gen++
	gen, c := t.gen, t.client
	return func() tea.Msg { return disconnectMsg{gen: gen, err: c.Disconnect()} }
}

func (t *Model) halfCloseCmd() tea.Cmd {
	ct := &t.C.Text.Client
	if t.client == nil {
		return common.Status(ct.NoEngine, true)
	}
	c, cc := t.client, t.C
	return func() tea.Msg {
		if err := c.HalfClose(); err != nil {
			return common.StatusMsg{Text: fmt.Sprintf(ct.HalfCloseFail, common.ErrText(cc, err)), Err: true}
		}
		return common.StatusMsg{Text: ct.HalfClosed}
	}
}

// deliver sends on the client's connection.
func (t *Model) deliver() (sendpane.Deliver, tea.Cmd) {
	txt := t.C.Text
	if t.client == nil {
		return nil, common.Status(txt.Client.NoEngine, true)
	}
	c, cc := t.client, t.C
	return func(data []byte, closeAfter bool) common.StatusMsg {
		if err := c.Send(data, closeAfter); err != nil {
			if errors.Is(err, netassist.ErrNotConnected) {
				return common.StatusMsg{Text: txt.Client.NotConnected, Err: true}
			}
			return common.StatusMsg{Text: fmt.Sprintf(txt.SendFailed, common.ErrText(cc, err)), Err: true}
		}
		f := txt.Sent
		if closeAfter {
			f = txt.SentClose
		}
		return common.StatusMsg{Text: fmt.Sprintf(f, len(data), common.Safe(c.Status().Remote))}
	}, nil
}

// sendTarget is the client's current connection, for a repeat or a file.
func (t *Model) sendTarget() (sendpane.Target, error) {
	if t.client == nil {
		return sendpane.Target{}, errors.New(t.C.Text.Client.NoEngine)
	}
	st := t.client.Status()
	if st.State != netassist.ClientConnected {
		return sendpane.Target{}, netassist.ErrNotConnected
	}
	c, id, store := t.client, st.Conn, t.store
	// conn is the chosen connection while it is the client's: after a
	// reconnect the target is gone.
	conn := func() (*netassist.Conn, error) {
		cc, err := c.Conn()
		if err != nil || cc.ID() != id {
			return nil, sendpane.TargetClosed(store, id)
		}
		return cc, nil
	}
	most := 0
	if st.Proto == netassist.ProtoUDP {
		most = conninfo.MaxDatagram(st.Remote)
	}
	return sendpane.Target{
		Desc:     common.Safe(st.Remote),
		Datagram: most,
		Send: func(ctx context.Context, b []byte) error {
			cc, err := conn()
			if err != nil {
				return err
			}
			if c.Status().HalfClosed {
				return netassist.ErrWriteClosed
			}
			return cc.SendWait(ctx, b, false)
		},
		Pending: func() int {
			if cc, err := conn(); err == nil {
				return cc.Queued()
			}
			return 0
		},
		Flush: func(ctx context.Context) error {
			cc, err := conn()
			if err != nil {
				return err
			}
			return cc.WaitWritten(ctx)
		},
	}, nil
}

func tick() tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return tickMsg{} })
}

// startTicking arms the once-a-second redraw unless one is on its way.
func (t *Model) startTicking() tea.Cmd {
	if t.ticking {
		return nil
	}
	t.ticking = true
	return tick()
}

// setTemplate puts r in the editor for the current address.
func (t *Model) setTemplate(r picker.Template) {
	t.tmpl = r
	t.lastTmpl = r.Text(&t.C.Text.Client, t.Addr.Value())
	t.Send.SetText(t.lastTmpl, false)
	t.Send.MoveToBegin() // the request line is what matters first
}

// addrChanged updates the template's Host line, unless the user has edited
// the request since it was generated.
func (t *Model) addrChanged() {
	if t.Send.Value() == t.lastTmpl {
		t.setTemplate(t.tmpl)
	}
}

// Update handles the tab's messages; keys and pastes arrive only while it
// is shown.
func (t *Model) Update(msg tea.Msg) tea.Cmd {
	ct := &t.C.Text.Client
	switch msg := msg.(type) {
	case connectMsg:
		if msg.gen != t.gen {
			return nil
		}
		if msg.err != nil {
			return common.Status(fmt.Sprintf(ct.ConnectFailed, common.ErrText(t.C, msg.err))+common.ErrorHint(t.C, msg.err), true)
		}
		said := ct.Connected
		if msg.udp { // UDP connects nothing: say where datagrams go
			said = t.C.Text.Transport.UDPReady
		}
		return tea.Batch(common.Status(fmt.Sprintf(said, common.Safe(msg.remote)), false), t.startTicking())
	case disconnectMsg:
		if msg.gen != t.gen {
			return nil
		}
		if msg.err != nil {
			return common.Status(common.ErrText(t.C, msg.err), true)
		}
		return common.Status(ct.Disconnected, false)
	case tea.BackgroundColorMsg:
		t.dec.gen++ // styles changed: lay the decoded body out again
	case tickMsg:
		// Re-armed only while connected: no timer runs when idle.
		if t.status().State == netassist.ClientConnected {
			return tick()
		}
		t.ticking = false
		return nil
	case tea.KeyPressMsg:
		before := t.Addr.Value()
		cmd := t.Key(msg, t.own, t.pane)
		if tmpl, ok := t.picker.Chosen(); ok {
			t.setTemplate(tmpl)
			return tea.Batch(cmd, t.SetFocus(t.Send),
				common.Status(fmt.Sprintf(ct.TemplateSet, tmpl.Name(ct)), false))
		}
		if t.Addr.Value() != before {
			t.addrChanged()
		}
		return cmd
	case tea.PasteMsg:
		before := t.Addr.Value()
		cmd := t.Frame.Update(msg)
		if t.Addr.Value() != before {
			t.addrChanged()
		}
		return cmd
	}
	return t.Frame.Update(msg)
}

// Typing reports whether the focused pane takes plain keys as text (the
// template picker counts: it takes plain keys too).
func (t *Model) Typing() bool { return t.Frame.Typing() }

// Counters is the status bar's summary of the tab.
func (t *Model) Counters() string { return t.Frame.Counters(t.store) }

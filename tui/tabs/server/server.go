// Package server is the Server tab: the listen address, the connection
// list, the receive pane (all connections interleaved, or the one
// selected), the send pane (to the selected connection or to all) and the
// auto-reply rules view (f5). It is a tabframe.Frame plus the connection
// list and the rules.
package server

import (
	"errors"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"syscall"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/autoreply"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/addrbar"
	"github.com/netassist/netassist/tui/components/conninfo"
	"github.com/netassist/netassist/tui/components/connlist"
	"github.com/netassist/netassist/tui/components/recvpane"
	"github.com/netassist/netassist/tui/components/rules"
	"github.com/netassist/netassist/tui/components/sendpane"
	"github.com/netassist/netassist/tui/components/tabframe"
)

// Config is what the tab runs on.
type Config struct {
	Server *netassist.Server
	Store  *netassist.Store
	Addr   string            // the address in the field at start
	Rules  *autoreply.Active // nil: no rules view
	// Listen listens on Addr at start: the Server tab is the start tab.
	// Otherwise (`netassist client`, `netassist web`) it opens no port
	// until the user presses enter on the address, which has the focus.
	Listen bool
	// Follow starts the tab following the conversation (follow.go): the
	// send target and the receive filter are the last sender.
	Follow bool
}

var _ common.Tab = (*Model)(nil)

// Model is the Server tab.
type Model struct {
	*tabframe.Frame
	srv   *netassist.Server
	store *netassist.Store
	conns *connlist.Model
	rules *rules.Model

	autoListen bool // listen at Init (Config.Listen)
	follow     bool // follow the last sender (follow.go)
	listening  net.Addr
	listenErr  error
	gen        int // numbers listen tries: a result of a superseded one is dropped
	order      *listenOrder

	proto    netassist.Proto // what the tab listens with (transport.go)
	cert     *conninfo.Cert  // the TLS certificate, once there is one
	showInfo bool            // the details view (alt+i) in the top area
	peer     peerField       // the add-peer field (peer.go)

	own, pane []tabframe.Action // the tab's keys (keys.go)

	width, height int
}

// listenResultMsg reports a Listen.
type listenResultMsg struct {
	gen   int
	addr  net.Addr
	err   error
	proto netassist.Proto
	// After a failure, what the engine still listens on (nil: nothing)
	// and with which transport: a failed Listen keeps the old listener,
	// and the screen must say so (breaker report 1 #6).
	still      net.Addr
	stillProto netassist.Proto
}

// listenResult runs a listen on srv and reports it with what the server
// listens on afterwards. When the port is in use by the tab's own
// listener (enter again on the same address, or 127.0.0.1:P made
// 0.0.0.0:P), that listener steps aside for the new one; if the new one
// still fails, the old address is taken back.
func listenResult(srv *netassist.Server, gen int, p netassist.Proto, addr string) listenResultMsg {
	a, err := srv.ListenProto(p, addr)
	if err != nil && errors.Is(err, syscall.EADDRINUSE) {
		if old, oldP := srv.Addr(), srv.Proto(); old != nil && samePort(old, addr) && (oldP == netassist.ProtoUDP) == (p == netassist.ProtoUDP) {
			srv.StopListening()
			if a, err = srv.ListenProto(p, addr); err != nil {
				srv.ListenProto(oldP, old.String()) // best effort: the screen says what came of it
			}
		}
	}
	msg := listenResultMsg{gen: gen, addr: a, err: err, proto: p}
	if err != nil {
		msg.still, msg.stillProto = srv.Addr(), srv.Proto()
	}
	return msg
}

// samePort reports whether a listens on the port addr names.
func samePort(a net.Addr, addr string) bool {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	_, have, err := net.SplitHostPort(a.String())
	return err == nil && have == port
}

func (listenResultMsg) Route() netassist.Tab { return netassist.TabServer }

// httpReplyTemplate is what alt+t inserts: a complete reply whose
// Content-Length is right when sent with CRLF line breaks.
const httpReplyTemplate = "HTTP/1.1 200 OK\nContent-Type: text/html; charset=utf-8\nContent-Length: 11\nConnection: close\n\n<h1>hi</h1>"

// New returns the tab; its rules (from c.ConfigDir) are in force from
// now on, before it listens.
func New(c common.Common, cfg Config) *Model {
	k := c.Keys
	t := &Model{srv: cfg.Server, store: cfg.Store, autoListen: cfg.Listen, follow: cfg.Follow, order: &listenOrder{}}
	if t.srv != nil {
		// --udp or --tls: the tab starts with the run's transport (and
		// its certificate).
		t.proto, t.cert = t.srv.Transport, conninfo.CertOf(t.srv.TLS)
	}
	t.conns = connlist.New(c, cfg.Store, netassist.TabServer)
	t.rules = rules.New(c, cfg.Rules)
	t.peer.input = common.NewInput(c, 256)
	t.peer.input.Placeholder = "host:port"
	addr := addrbar.New(c, c.Text.ListenLabel, cfg.Addr, "", false, k.ApplyAddr, k.StopListen, k.Transport.Switch, k.Back, k.FocusNext)
	send := sendpane.New(c, netassist.TabServer, sendpane.Options{
		Streams: true, Target: t.sendTarget, Placeholder: c.Text.SendPlaceholder})
	recv := recvpane.New(c, cfg.Store, netassist.TabServer)
	focus := tabframe.Pane(send)
	if !cfg.Listen {
		focus = addr
	}
	t.Frame = tabframe.New(c, netassist.TabServer, tabframe.Config{
		Addr: addr, Send: send, Recv: recv,
		Ring: []tabframe.Pane{send, recv, t.conns, addr}, Home: recv, Focus: focus,
		CloseAfter: true, Deliver: t.deliver, OverlayKey: k.Rules.Open,
		Relayout: func() { t.SetSize(t.width, t.height) },
	})
	t.Overlay = t.rules
	t.own, t.pane = t.keys()
	return t
}

// Name is the tab's engine name.
func (t *Model) Name() netassist.Tab { return netassist.TabServer }

// Init starts listening when the Server tab is the start tab, and loads
// the send history.
func (t *Model) Init() tea.Cmd {
	if !t.autoListen {
		return t.Send.Init()
	}
	return tea.Batch(t.listenCmd(), t.Send.Init())
}

// relisten starts listening on the address in the field, superseding any
// listen still in flight.
func (t *Model) relisten() tea.Cmd {
	t.nextListen()
	return t.listenCmd()
}

func (t *Model) listenCmd() tea.Cmd {
	gen, srv, addr, p := t.gen, t.srv, t.Addr.Value(), t.proto
	if p == netassist.ProtoTLS {
		if err := t.ensureCert(); err != nil {
			return common.Status(fmt.Sprintf(t.C.Text.Transport.CertFailed, common.ErrText(t.C, err)), true)
		}
	}
	return t.inOrder(gen, func() tea.Msg { return listenResult(srv, gen, p, addr) })
}

// listenOrder orders the tab's listens and stops, which run off the
// event loop: each runs alone, and one superseded while it waited (the
// user pressed enter, ctrl+t or alt+s again) does nothing, so the server
// ends up as the last key asked, whatever order the Cmds run in.
type listenOrder struct {
	mu     sync.Mutex   // held while a listen or stop runs
	latest atomic.Int64 // the gen of the last one asked for
}

// nextListen numbers a new listen or stop, superseding those before.
func (t *Model) nextListen() int {
	t.gen++
	t.order.latest.Store(int64(t.gen))
	return t.gen
}

// inOrder is f as a Cmd run in order (listenOrder); nil if superseded.
func (t *Model) inOrder(gen int, f func() tea.Msg) tea.Cmd {
	o := t.order
	return func() tea.Msg {
		o.mu.Lock()
		defer o.mu.Unlock()
		if o.latest.Load() != int64(gen) {
			return nil
		}
		return f()
	}
}

// deliver sends to the target chosen now; while following and no one has
// sent, nothing is sent and the status says why.
func (t *Model) deliver() (sendpane.Deliver, tea.Cmd) {
	id, desc, err := t.target()
	if err != nil {
		return nil, common.Status(err.Error(), true)
	}
	srv, txt, c := t.srv, t.C.Text, t.C
	return func(data []byte, closeAfter bool) common.StatusMsg {
		if _, err := srv.Send(id, data, closeAfter); err != nil {
			return common.StatusMsg{Text: fmt.Sprintf(txt.SendFailed, common.ErrText(c, err)), Err: true}
		}
		f := txt.Sent
		if closeAfter {
			f = txt.SentClose
		}
		return common.StatusMsg{Text: fmt.Sprintf(f, len(data), desc)}
	}, nil
}

func (t *Model) closeCmd(id netassist.ConnID) tea.Cmd {
	srv, txt, c := t.srv, t.C.Text, t.C
	return func() tea.Msg {
		if err := srv.CloseConn(id); err != nil {
			return common.StatusMsg{Text: fmt.Sprintf(txt.SendFailed, common.ErrText(c, err)), Err: true}
		}
		if id == netassist.AllConns {
			return common.StatusMsg{Text: txt.ClosedAll}
		}
		return common.StatusMsg{Text: fmt.Sprintf(txt.ClosedConn, id)}
	}
}

func (t *Model) stopCmd() tea.Cmd {
	srv, txt, c := t.srv, t.C.Text, t.C
	t.listening = nil
	return t.inOrder(t.nextListen(), func() tea.Msg {
		if err := srv.StopListening(); err != nil {
			return common.StatusMsg{Text: common.ErrText(c, err), Err: true}
		}
		return common.StatusMsg{Text: txt.StoppedListen}
	})
}

// Update handles the tab's messages; keys and pastes arrive only while it
// is shown.
func (t *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case listenResultMsg:
		if msg.gen != t.gen {
			return nil
		}
		t.listening, t.listenErr = msg.addr, msg.err
		if msg.err != nil {
			// The tab shows what the engine does: the old listener, if
			// it is still there, keeps accepting.
			t.listening = msg.still
			if msg.still != nil {
				t.proto = msg.stillProto
			}
			return tea.Batch(t.SetFocus(t.Addr),
				common.Status(fmt.Sprintf(t.C.Text.ListenFailed, common.ErrText(t.C, msg.err))+common.ErrorHint(t.C, msg.err), true))
		}
		t.Addr.SetValue(msg.addr.String())
		return common.Status(t.listenedStatus(msg.proto, msg.addr), false)
	case peerAddedMsg:
		return t.peerAdded(msg)
	case tea.PasteMsg:
		if t.peer.open {
			return t.peerPaste(msg)
		}
	case tea.KeyPressMsg:
		t.syncFollow()
		before, following := t.conns.Selected(), t.follow
		cmd := t.Key(msg, t.own, t.pane)
		if following && t.follow && t.Is(t.conns) && t.conns.Selected() != before {
			cmd = tea.Batch(cmd, t.picked())
		}
		// The receive pane shows what the list selects.
		t.syncFollow()
		return cmd
	}
	return t.Frame.Update(msg)
}

// Select selects connection id in the list (0: all) and shows it in the
// receive pane; following stops, as when the user picks a row.
func (t *Model) Select(id netassist.ConnID) {
	t.follow = false
	t.conns.SelectID(id)
	t.syncFollow()
}

// Typing reports whether the focused pane takes plain keys as text (the
// add-peer field counts).
func (t *Model) Typing() bool { return t.peer.open || t.Frame.Typing() }

// Counters is the status bar's summary of the tab.
// Connections shed at the cap are said, with the cap.
func (t *Model) Counters() string {
	out := t.Frame.Counters(t.store)
	if t.srv == nil {
		return out
	}
	if st := t.srv.Stats(); st.Shed > 0 {
		out += fmt.Sprintf(t.C.Text.CountersShed, st.Shed, st.MaxConns)
	}
	return out
}

// Package web is the Web tab (DESIGN.md §7): the web server's address and
// toggles (encoding, hold, hand-crafted reply), the list of requests, the
// selected request's raw bytes and parsed view, a reply editor for
// hand-crafted mode and held requests, and the held list. It is a
// tabframe.Frame plus the request list, the two document panes and the
// held list.
package web

import (
	"context"
	"fmt"
	"net"
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/httpserve"
	enclab "github.com/netassist/netassist/httpserve/lab"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/addrbar"
	"github.com/netassist/netassist/tui/components/diffview"
	"github.com/netassist/netassist/tui/components/docpane"
	"github.com/netassist/netassist/tui/components/heldlist"
	"github.com/netassist/netassist/tui/components/lab"
	"github.com/netassist/netassist/tui/components/sendpane"
	"github.com/netassist/netassist/tui/components/tabframe"
	"github.com/netassist/netassist/tui/components/weblist"
)

// Config is what the tab runs on.
type Config struct {
	Web   *httpserve.Server // nil: no web server in this session
	Store *netassist.Store
	Addr  string // the address in the field at start
	// Listen listens on Addr at start (`netassist web`).
	Listen bool
}

var _ common.Tab = (*Model)(nil)

// Model is the Web tab.
type Model struct {
	*tabframe.Frame
	web    *httpserve.Server
	store  *netassist.Store
	list   *weblist.Model
	raw    *docpane.Model
	parsed *docpane.Model
	held   *heldlist.Model
	lab    *lab.Model  // the encoding lab, an overlay over the detail area
	labs   *enclab.Lab // its engine: measures, cached per body and encoder settings
	diff   *diffview.Model
	marked *httpserve.Exchange // side A of a comparison (c), nil: none
	start  bool                // listen at Init

	listening net.Addr
	listenErr error
	starting  bool
	stopped   bool
	gen       int

	// Mirrors of the server's toggles (the tab is their only writer).
	encoding httpserve.Encoding
	hold     bool
	crafted  bool
	applied  []byte // the reply bytes last handed to SetResponse

	rawHex   bool
	ticking  bool
	styleGen int // style generation for the documents' caches

	detail   tabframe.Pane // raw or parsed: the one a narrow tab shows (layout.go)
	zoom     bool          // the focused list or detail pane takes the whole area
	lastSel  uint64        // Seq of the record the list selected last
	checkFor string        // the method the live checker reads the reply for ("": GET)
	respAt   int           // the raw pane's part where the response begins
	resp     struct {      // the selected exchange's response, read once
		seq uint64
		r   response
	}

	own, pane []tabframe.Action // the tab's keys (keys.go)

	width, height int
}

// listenMsg reports the web server's Listen; gen drops superseded tries.
type listenMsg struct {
	gen  int
	addr net.Addr
	err  error
}

// stoppedMsg reports that the web server stopped listening.
type stoppedMsg struct{ err error }

// holdChangedMsg says a request started or stopped being held.
type holdChangedMsg struct{}

// holdTickMsg redraws the countdowns of held requests, once a second and
// only while something is held.
type holdTickMsg struct{}

func (listenMsg) Route() netassist.Tab      { return netassist.TabWeb }
func (stoppedMsg) Route() netassist.Tab     { return netassist.TabWeb }
func (holdChangedMsg) Route() netassist.Tab { return netassist.TabWeb }
func (holdTickMsg) Route() netassist.Tab    { return netassist.TabWeb }

// New returns the tab.
func New(c common.Common, cfg Config) *Model {
	k, wk := c.Keys, &c.Keys.Web
	t := &Model{web: cfg.Web, store: cfg.Store, start: cfg.Listen && cfg.Web != nil,
		list: weblist.New(c, cfg.Store), raw: docpane.New(c), parsed: docpane.New(c), held: heldlist.New(c),
		lab: lab.New(c), labs: enclab.New(0), diff: diffview.New(c), encoding: httpserve.EncodingAuto}
	t.raw.SetEmpty(c.Text.Web.NoSelection)
	addr := addrbar.New(c, c.Text.ListenLabel, cfg.Addr, "", false, wk.Listen, wk.Stop, k.Back)
	// Macros and checksum; no repeat, file or history.
	send := sendpane.New(c, netassist.TabWeb, sendpane.Options{Placeholder: c.Text.SendPlaceholder})
	t.Frame = tabframe.New(c, netassist.TabWeb, tabframe.Config{
		Addr: addr, Send: send,
		Ring: []tabframe.Pane{t.list, t.raw, t.parsed, send, t.held, addr}, Home: t.list, Focus: t.list,
		Skip:    func(p tabframe.Pane) bool { return p == tabframe.Pane(t.held) && !t.showHeld() },
		Deliver: t.deliver,
	})
	if t.web != nil {
		set := t.web.Settings()
		t.encoding, t.hold = set.Encoding, set.Hold
		t.held.SetHold(t.hold)
		if set.ResponseBytes != nil {
			// --response-file: show those bytes in the editor, exactly.
			t.crafted, t.applied = true, set.ResponseBytes
			val, isHex := editorText(set.ResponseBytes, send.ComposeOptions())
			send.SetText(val, isHex)
			send.MoveToBegin()
		}
	}
	if !t.crafted {
		send.SetText(c.Text.Web.ReplyTemplate, false)
		send.MoveToBegin()
	}
	t.starting = t.start
	t.own, t.pane = t.keys()
	return t
}

// Name is the tab's engine name.
func (t *Model) Name() netassist.Tab { return netassist.TabWeb }

// Init starts listening when the Web tab is the start tab, and the wait
// for held requests.
func (t *Model) Init() tea.Cmd {
	if t.web == nil {
		return nil
	}
	cmds := []tea.Cmd{waitForHold(t.C.Context(), t.web.HoldChanged()), t.Send.Init()}
	if t.start {
		cmds = append(cmds, t.listenCmd())
	}
	return tea.Batch(cmds...)
}

// waitForHold waits for the server's coalesced hold signal, or for the
// program to end (then it returns nil and is not re-armed), so it never
// outlives the UI.
func waitForHold(ctx context.Context, ch <-chan struct{}) tea.Cmd {
	return func() tea.Msg {
		select {
		case <-ch:
			return holdChangedMsg{}
		case <-ctx.Done():
			return nil
		}
	}
}

func holdTick() tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return holdTickMsg{} })
}

func (t *Model) listenCmd() tea.Cmd {
	t.gen++
	t.starting = true
	gen, web, addr := t.gen, t.web, t.Addr.Value()
	return func() tea.Msg {
		a, err := web.Listen(addr)
		return listenMsg{gen: gen, addr: a, err: err}
	}
}

// setHeld gives the engine's snapshot of held requests to the held list
// and to the request list (countdowns, FIN).
func (t *Model) setHeld(items []httpserve.HeldRequest) {
	t.held.Set(items)
	t.list.SetHeld(items)
}

func (t *Model) showHeld() bool { return t.hold || t.held.Len() > 0 }

// Update handles the tab's messages; keys and pastes arrive only while it
// is shown.
func (t *Model) Update(msg tea.Msg) tea.Cmd {
	if t.web == nil {
		return nil
	}
	return tea.Batch(t.update(msg), t.syncCheckMethod())
}

// syncCheckMethod tells the live checker which request the reply answers:
// the selected held request's method (a reply to HEAD has no body, RFC
// 9110 §9.3.2), GET when nothing is held.
func (t *Model) syncCheckMethod() tea.Cmd {
	method := ""
	if h, ok := t.held.Selected(); ok {
		method = h.Method
	}
	if method == t.checkFor {
		return nil
	}
	t.checkFor = method
	if method == "" {
		return t.Send.SetCheckMethods(nil)
	}
	return t.Send.SetCheckMethods([]string{method})
}

func (t *Model) update(msg tea.Msg) tea.Cmd {
	wt := &t.C.Text.Web
	switch msg := msg.(type) {
	case listenMsg:
		if msg.gen != t.gen {
			return nil
		}
		t.starting = false
		t.listening, t.listenErr = msg.addr, msg.err
		if msg.err != nil {
			return tea.Batch(t.SetFocus(t.Addr),
				common.Status(fmt.Sprintf(t.C.Text.ListenFailed, common.ErrText(t.C, msg.err)), true))
		}
		t.stopped = false
		t.Addr.SetValue(msg.addr.String())
		if t.Is(t.Addr) {
			t.SetFocus(t.list)
		}
		return common.Status(t.startedStatus(msg.addr), false)
	case stoppedMsg:
		if msg.err != nil {
			return common.Status(common.ErrText(t.C, msg.err), true)
		}
		return common.Status(wt.StoppedStatus, false)
	case holdChangedMsg:
		t.setHeld(t.web.Held())
		cmds := []tea.Cmd{waitForHold(t.C.Context(), t.web.HoldChanged())}
		if t.held.Len() > 0 && !t.ticking {
			t.ticking = true
			cmds = append(cmds, holdTick())
		}
		return tea.Batch(cmds...)
	case holdTickMsg:
		t.ticking = false
		t.setHeld(t.web.Held())
		if t.held.Len() > 0 {
			t.ticking = true
			return holdTick()
		}
		return nil
	case labMsg:
		t.labDone(msg)
		return nil
	case tea.BackgroundColorMsg:
		t.styleGen++ // styles changed: rebuild the documents
		t.lab.Restyle(t.styleGen)
		t.diff.Restyle(t.styleGen)
		return nil
	case tea.KeyPressMsg:
		cmd := t.Key(msg, t.own, t.pane)
		return tea.Batch(cmd, t.syncCrafted())
	case tea.PasteMsg:
		cmd := t.Frame.Update(msg)
		return tea.Batch(cmd, t.syncCrafted())
	}
	return t.Frame.Update(msg)
}

func (t *Model) listenKey() tea.Cmd {
	wt := &t.C.Text.Web
	switch {
	case t.starting:
		return common.Status(wt.Starting, false)
	case t.listening != nil:
		return common.Status(fmt.Sprintf(wt.AlreadyListens, t.listening), true)
	}
	return t.listenCmd()
}

// stop closes the web server's listener; connections already accepted
// stay and are served, and enter in the address field listens again.
func (t *Model) stop() tea.Cmd {
	wt := &t.C.Text.Web
	if t.listening == nil && !t.starting {
		return common.Status(wt.StopNotListened, true)
	}
	t.stopped, t.listening, t.starting = true, nil, false
	t.gen++ // a listen still in flight is void
	web := t.web
	// In order: "stopping…" must not land after "stopped".
	return tea.Sequence(common.Status(wt.Stopping, false),
		func() tea.Msg { return stoppedMsg{err: web.StopListening()} })
}

func (t *Model) cycleEncoding() tea.Cmd {
	wt := &t.C.Text.Web
	i := slices.Index(httpserve.Encodings, t.encoding)
	next := httpserve.Encodings[(i+1)%len(httpserve.Encodings)]
	if err := t.web.SetEncoding(next); err != nil {
		return common.Status(err.Error(), true)
	}
	t.encoding = next
	if next == httpserve.EncodingAuto {
		return common.Status(wt.EncodingAutoSt, false)
	}
	return common.Status(fmt.Sprintf(wt.EncodingStatus, next), false)
}

func (t *Model) toggleHold() tea.Cmd {
	t.hold = !t.hold
	t.web.SetHold(t.hold)
	t.held.SetHold(t.hold)
	if t.hold {
		return common.Status(t.C.Text.Web.HoldOnStatus, false)
	}
	return common.Status(t.C.Text.Web.HoldOffStatus, false)
}

// Typing reports whether the focused pane takes plain keys as text.
func (t *Model) Typing() bool { return t.Frame.Typing() }

// Counters is the status bar's summary of the tab.
func (t *Model) Counters() string {
	if t.web == nil {
		return ""
	}
	wt := &t.C.Text.Web
	c := t.store.Totals(netassist.TabWeb)
	out := fmt.Sprintf(wt.Counters, t.list.Count(), c.Open, common.FormatSize(c.BytesIn), common.FormatSize(c.BytesOut))
	if n := t.held.Len(); n > 0 {
		out += fmt.Sprintf(wt.CountersHeld, n)
	}
	return out
}

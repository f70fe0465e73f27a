package tui

import (
	"fmt"
	"net"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/keymap"
	"github.com/netassist/netassist/tui/styles"
)

// focus names the panes of a tab, in tab-key order.
type focus int

const (
	focusSend focus = iota
	focusRecv
	focusConns
	focusAddr
	numFocus
)

// listenResultMsg reports a Listen; gen drops results of superseded tries.
type listenResultMsg struct {
	gen  int
	addr net.Addr
	err  error
}

// sendResultMsg reports a Send.
type sendResultMsg struct {
	n      int // bytes
	target string
	conns  int
	close  bool
	err    error
}

// serverTab is the TCP server tab: listen address, connection list,
// receive pane and send pane.
type serverTab struct {
	srv    *netassist.Server
	store  *netassist.Store
	styles *styles.Styles
	text   *i18n.Text
	keys   *keymap.KeyMap

	addr      textinput.Model
	listening net.Addr
	listenErr error
	gen       int
	// autoListen: the Server tab is the start tab, so it listens at init;
	// otherwise it waits for enter on the address.
	autoListen bool

	conns connList
	recv  recvPane
	send  sendPane
	rules rulesView // auto-reply rules (f5), shown instead of the list and receive pane
	focus focus

	width, height int
	layout        serverLayout
}

func newServerTab(cfg Config, styles *styles.Styles, text *i18n.Text, keys *keymap.KeyMap) *serverTab {
	ti := textinput.New()
	ti.Prompt = ""
	ti.SetValue(cfg.ListenAddr)
	ti.CharLimit = 256
	st := textinput.DefaultStyles(cfg.IsDark)
	st.Cursor.Blink = false
	ti.SetStyles(st)
	t := &serverTab{
		srv: cfg.Server, store: cfg.Store, styles: styles, text: text, keys: keys,
		addr:  ti,
		conns: newConnList(cfg.Store, styles, text, netassist.TabServer),
		recv:  newRecvPane(cfg.Store, styles, text, netassist.TabServer),
		send:  newSendPane(styles, text, cfg.IsDark),
		rules: newRulesView(cfg, styles, text, keys),
	}
	t.send.attach(cfg, netassist.TabServer, true)
	// Only the mode asked for starts its engine: `netassist client` and
	// `netassist web` open no port here until the user presses enter on
	// the address, which then has the focus.
	t.autoListen = cfg.StartTab == "" || cfg.StartTab == netassist.TabServer
	if t.autoListen {
		t.send.focus() // cursor blink is off: the returned Cmd has nothing to do
	} else {
		t.setFocus(focusAddr)
	}
	return t
}

// init starts listening when the Server tab is the start tab.
func (t *serverTab) init() tea.Cmd {
	if !t.autoListen {
		return t.send.init()
	}
	return tea.Batch(t.listenCmd(), t.send.init())
}

// relisten starts listening on the address in the field, superseding any
// listen still in flight.
func (t *serverTab) relisten() tea.Cmd {
	t.gen++
	return t.listenCmd()
}

func (t *serverTab) listenCmd() tea.Cmd {
	gen, srv, addr := t.gen, t.srv, strings.TrimSpace(t.addr.Value())
	return func() tea.Msg {
		a, err := srv.Listen(addr)
		return listenResultMsg{gen: gen, addr: a, err: err}
	}
}

func (t *serverTab) setFocus(f focus) tea.Cmd {
	t.focus = f
	t.send.blur()
	t.addr.Blur()
	switch f {
	case focusSend:
		return t.send.focus()
	case focusAddr:
		return t.addr.Focus()
	}
	return nil
}

// typing reports whether the focused pane takes plain keys as text.
func (t *serverTab) typing() bool {
	if t.rules.open {
		return t.rules.typing()
	}
	return t.focus == focusSend || t.focus == focusAddr || t.send.prompting()
}

// target describes where a send goes, for titles and status.
func (t *serverTab) target() (netassist.ConnID, string) {
	id := t.conns.selected()
	if id == netassist.AllConns {
		return id, fmt.Sprintf(t.text.TargetAll, t.store.Totals(netassist.TabServer).Open)
	}
	return id, fmt.Sprintf(t.text.TargetConn, id)
}

func (t *serverTab) sendCmd() tea.Cmd {
	b, _, err := t.send.bytes()
	if err != nil {
		return common.Status(fmt.Sprintf(t.text.InvalidInput, err), true)
	}
	if len(b) == 0 {
		return common.Status(t.text.NothingToSend, true)
	}
	id, desc := t.target()
	srv, closeAfter := t.srv, t.send.closeAfter
	data := append([]byte(nil), b...)
	return func() tea.Msg {
		n, err := srv.Send(id, data, closeAfter)
		return sendResultMsg{n: len(data), target: desc, conns: n, close: closeAfter, err: err}
	}
}

func (t *serverTab) closeCmd(id netassist.ConnID) tea.Cmd {
	srv, text := t.srv, t.text
	return func() tea.Msg {
		if err := srv.CloseConn(id); err != nil {
			return common.StatusMsg{Text: fmt.Sprintf(text.SendFailed, err), Err: true}
		}
		if id == netassist.AllConns {
			return common.StatusMsg{Text: text.ClosedAll}
		}
		return common.StatusMsg{Text: fmt.Sprintf(text.ClosedConn, id)}
	}
}

// update handles messages for this tab; keys arrive only when it is shown.
func (t *serverTab) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case composeMsg:
		return t.send.handle(msg)
	case listenResultMsg:
		if msg.gen != t.gen {
			return nil
		}
		t.listening, t.listenErr = msg.addr, msg.err
		if msg.err != nil {
			return tea.Batch(t.setFocus(focusAddr),
				common.Status(fmt.Sprintf(t.text.ListenFailed, msg.err), true))
		}
		t.addr.SetValue(msg.addr.String())
		return common.Status(fmt.Sprintf(t.text.RestartedOn, msg.addr), false)
	case sendResultMsg:
		if msg.err != nil {
			return common.Status(fmt.Sprintf(t.text.SendFailed, msg.err), true)
		}
		f := t.text.Sent
		if msg.close {
			f = t.text.SentClose
		}
		return common.Status(fmt.Sprintf(f, msg.n, msg.target), false)
	case tea.BackgroundColorMsg:
		t.recv.invalidate()
	case tea.KeyPressMsg:
		return t.key(msg)
	case tea.PasteMsg:
		if t.rules.open {
			return t.rules.paste(msg)
		}
		switch t.focus {
		case focusSend:
			return t.send.update(msg)
		case focusAddr:
			var cmd tea.Cmd
			t.addr, cmd = t.addr.Update(msg)
			return cmd
		}
	}
	return nil
}

func (t *serverTab) key(msg tea.KeyPressMsg) tea.Cmd {
	k := t.keys
	if t.rules.open || key.Matches(msg, k.Rules.Open) {
		return t.rules.key(msg) // the rules view takes every key while open
	}
	if cmd, ok := t.composeKey(msg); ok { // repeat, file, history (send_tabs.go)
		return cmd
	}
	// Keys that work from every pane of the tab.
	switch {
	case key.Matches(msg, k.FocusNext):
		return t.setFocus((t.focus + 1) % numFocus)
	case key.Matches(msg, k.FocusPrev):
		return t.setFocus((t.focus + numFocus - 1) % numFocus)
	case key.Matches(msg, k.Send):
		return t.send.trackSend(t.sendCmd())
	case t.send.optionKey(msg, k, true):
		return nil
	case key.Matches(msg, k.Template):
		t.send.hexMode = false
		t.send.setValue(httpReplyTemplate)
		return t.setFocus(focusSend)
	case key.Matches(msg, k.ViewHex):
		t.recv.toggleHex()
		return nil
	case key.Matches(msg, k.Timestamps):
		t.recv.toggleTimestamps()
		return nil
	case key.Matches(msg, k.View.Pause, k.View.ShowSent, k.View.Encoding):
		cmd, _ := t.recv.optionKey(msg, k)
		return cmd
	case key.Matches(msg, k.StopListen):
		srv, text := t.srv, t.text
		t.listening = nil
		return func() tea.Msg {
			if err := srv.StopListening(); err != nil {
				return common.StatusMsg{Text: err.Error(), Err: true}
			}
			return common.StatusMsg{Text: text.StoppedListen}
		}
	case key.Matches(msg, k.CloseAllConns):
		return t.closeCmd(netassist.AllConns)
	}

	switch t.focus {
	case focusSend:
		if key.Matches(msg, k.Back) {
			return t.setFocus(focusRecv)
		}
		return t.send.update(msg)
	case focusAddr:
		switch {
		case key.Matches(msg, k.ApplyAddr):
			return t.relisten()
		case key.Matches(msg, k.Back):
			return t.setFocus(focusRecv)
		}
		var cmd tea.Cmd
		t.addr, cmd = t.addr.Update(msg)
		return cmd
	case focusConns:
		switch {
		case common.ScrollKey(msg, k, &t.conns):
		case key.Matches(msg, k.CloseConn):
			if id := t.conns.selected(); id != 0 {
				return t.closeCmd(id)
			}
		case key.Matches(msg, k.ApplyAddr):
			return t.setFocus(focusSend)
		}
		t.recv.setFilter(netassist.Filter{Tab: netassist.TabServer, Conn: t.conns.selected()})
	case focusRecv:
		cmd, _ := t.recv.key(msg, t.keys)
		return cmd
	}
	return nil
}

// serverLayout is the computed geometry of the tab.
type serverLayout struct {
	listW, recvW, topH, sendH int
	showList                  bool
}

func (t *serverTab) setSize(w, h int) {
	t.width, t.height = w, h
	var l serverLayout
	// Lines: address 1, top boxes, send box, preview 1.
	rest := max(h-2, 0)
	l.sendH = min(max(rest/3, 3), 8)
	if rest < 8 {
		l.sendH = min(rest/2, 3)
	}
	l.topH = max(rest-l.sendH, 0)
	l.showList = w >= 60
	if l.showList {
		l.listW = min(max(w/3, 24), 40)
	}
	l.recvW = max(w-l.listW, 0)
	t.layout = l
	t.conns.setSize(l.listW-2, l.topH-2)
	t.recv.setSize(l.recvW-2, l.topH-2)
	t.send.setSize(w-2, l.sendH-2)
	t.rules.setSize(w, l.topH)
	t.addr.SetWidth(max(min(w/3, 30), 1))
}

// view renders the tab in exactly t.height lines of t.width cells.
func (t *serverTab) view() []string {
	w, l := t.width, t.layout
	s := t.styles
	lines := []string{t.addrLine()}

	if l.topH > 0 && t.rules.open {
		lines = append(lines, t.rules.view()...)
	} else if l.topH > 0 {
		recvTitle := t.text.Receive
		if id := t.conns.selected(); id != 0 {
			recvTitle += fmt.Sprintf(" #%d", id)
		}
		recvTitle += " · " + t.recv.position()
		if t.recv.hex {
			recvTitle += " · " + t.text.ModeHex
		}
		recvTitle += t.recv.badges()
		if d := t.dropped(); d > 0 {
			recvTitle += " · " + fmt.Sprintf(t.text.DroppedFromView, common.FormatSize(d))
		}
		empty := fmt.Sprintf(t.text.NoData, t.addrForHint())
		recv := common.Box(s, recvTitle, t.recv.view(empty), l.recvW, l.topH, t.focus == focusRecv)
		if l.showList {
			list := common.Box(s, t.text.Connections, t.conns.view(), l.listW, l.topH, t.focus == focusConns)
			for i := range list {
				lines = append(lines, list[i]+recv[i])
			}
		} else {
			lines = append(lines, recv...)
		}
	}
	if l.sendH > 0 {
		_, target := t.target()
		title := t.text.Send + " " + fmt.Sprintf(t.text.SendTo, target) + " · " + t.send.options()
		body := strings.Split(t.send.editor.View(), "\n")
		lines = append(lines, common.Box(s, title, body, w, l.sendH, t.focus == focusSend && !t.rules.open)...)
	}
	lines = append(lines, common.PadLine(t.send.preview(w), w))
	return lines
}

func (t *serverTab) dropped() int64 {
	if id := t.conns.selected(); id != 0 {
		info, _ := t.store.Conn(id)
		return info.DroppedBytes
	}
	return t.store.Totals(netassist.TabServer).DroppedBytes
}

func (t *serverTab) addrForHint() string {
	if t.listening != nil {
		return t.listening.String()
	}
	return strings.TrimSpace(t.addr.Value())
}

// addrLine is the listen address field and the listener's state.
func (t *serverTab) addrLine() string {
	s := t.styles
	label := s.PaneTitle.Render(t.text.ListenLabel)
	if t.focus == focusAddr {
		label = s.PaneTitleFoc.Render(t.text.ListenLabel)
	}
	var state string
	switch {
	case t.listenErr != nil:
		state = s.Error.Render(fmt.Sprintf(t.text.ListenFailed, common.Safe(t.listenErr.Error()))) +
			s.Dim.Render(" — "+t.text.EditAddrHint)
	case t.listening != nil:
		state = s.OK.Render("● " + fmt.Sprintf(t.text.Listening, t.listening))
		if ta, ok := t.listening.(*net.TCPAddr); ok && !ta.IP.IsLoopback() {
			state += " " + s.Warning.Render("⚠ "+t.text.ExposedWarning)
		}
	case !t.autoListen && t.gen == 0:
		state = s.Dim.Render("○ " + t.text.NotListening + " — " + t.text.Web.NotStartedHint)
	default:
		state = s.Dim.Render("○ " + t.text.NotListening)
	}
	return common.PadLine(label+t.addr.View()+"  "+state, t.width)
}

// counters is the status bar's summary of the tab.
func (t *serverTab) counters() string {
	c := t.store.Totals(netassist.TabServer)
	return fmt.Sprintf(t.text.Counters, c.Open, c.Conns, common.FormatSize(c.BytesIn), common.FormatSize(c.BytesOut))
}

// helpKeys lists the keys that matter in the focused pane.
func (t *serverTab) helpKeys() []key.Binding {
	k := t.keys
	if t.rules.open {
		return t.rules.helpKeys()
	}
	if h := t.send.helpKeys(k); h != nil {
		return h
	}
	switch t.focus {
	case focusSend:
		return []key.Binding{k.Send, k.CloseAfter, k.Template, k.FocusNext}
	case focusAddr:
		return []key.Binding{k.ApplyAddr, k.StopListen, k.Back, k.FocusNext}
	case focusConns:
		return []key.Binding{k.Up, k.CloseConn, k.Send, k.FocusNext}
	}
	if t.recv.selecting {
		return k.View.SelectHelp()
	}
	return []key.Binding{k.Up, k.ViewHexPlain, k.TimesPlain, k.View.PausePlain, k.View.Select, k.Follow, k.FocusNext}
}

// fullHelp lists every key of the tab, by pane.
func (t *serverTab) fullHelp() [][]key.Binding {
	k := t.keys
	if t.rules.open {
		return [][]key.Binding{t.rules.fullHelp()}
	}
	return [][]key.Binding{
		{k.Send, k.CloseAfter, k.CRLF, k.Escapes, k.SendHex, k.FixLength, k.Template, k.Clear},
		k.Compose.HelpGroup(true),
		{k.ViewHex, k.Timestamps, k.ViewHexPlain, k.TimesPlain, k.Up, k.PageUp, k.Top, k.Follow},
		k.View.HelpGroup(),
		{k.FocusNext, k.FocusPrev, k.CloseConn, k.CloseAllConns, k.ApplyAddr, k.StopListen, k.Back},
		{k.Rules.Open},
	}
}

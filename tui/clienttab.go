package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/render"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/keymap"
	"github.com/netassist/netassist/tui/styles"
)

// clientFocus names the panes of the Client tab, in tab-key order.
type clientFocus int

const (
	cfocusSend clientFocus = iota
	cfocusRecv
	cfocusAddr
	numClientFocus
)

// clientConnectMsg reports a Connect or Reconnect; gen drops the results
// of attempts superseded by a newer key press.
type clientConnectMsg struct {
	gen    int
	remote string
	err    error
}

// clientDisconnectMsg reports a Disconnect.
type clientDisconnectMsg struct {
	gen int
	err error
}

// clientSendMsg reports a Send.
type clientSendMsg struct {
	n      int
	target string
	close  bool
	err    error
}

// clientTickMsg re-draws the elapsed time once a second while connected.
type clientTickMsg struct{}

// clientTab is the TCP client tab: an address line with the connection's
// state, a receive pane over every connection the client made, an optional
// parsed HTTP summary of the current connection's reply, and a send pane
// pre-filled with a request.
type clientTab struct {
	client *netassist.Client
	store  *netassist.Store
	ctx    context.Context
	styles *styles.Styles
	text   *i18n.Text
	keys   *keymap.KeyMap

	autoConnect bool

	addr textinput.Model
	// gen numbers connect/disconnect requests: a result whose gen is not
	// the latest answers a request the user has since replaced.
	gen     int
	ticking bool // a clientTickMsg is on its way

	recv  recvPane
	send  sendPane
	focus clientFocus

	// The request template and whether the editor still holds it as
	// generated (then a new address updates its Host line).
	tmpl     requestTemplate
	lastTmpl string
	picker   templatePicker

	reply       httpReply
	showSummary bool
	showDecoded bool
	decTop      int // first decoded line shown

	width, height int
	layout        clientLayout
}

func newClientTab(cfg Config, styles *styles.Styles, text *i18n.Text, keys *keymap.KeyMap) *clientTab {
	ti := textinput.New()
	ti.Prompt = ""
	ti.Placeholder = text.Client.AddrPlaceholder
	ti.SetValue(cfg.ClientAddr)
	ti.CharLimit = 256
	st := textinput.DefaultStyles(cfg.IsDark)
	st.Cursor.Blink = false
	ti.SetStyles(st)
	ctx := cfg.Context
	if ctx == nil {
		ctx = context.Background()
	}
	t := &clientTab{
		client: cfg.Client, store: cfg.Store, ctx: ctx, styles: styles, text: text, keys: keys,
		autoConnect: cfg.StartTab == netassist.TabClient && cfg.ClientAddr != "",
		addr:        ti,
		recv:        newRecvPane(cfg.Store, styles, text, netassist.TabClient),
		send:        newSendPane(styles, text, cfg.IsDark),
		showSummary: true,
	}
	t.send.attach(cfg, netassist.TabClient, true)
	t.setTemplate(t.tmpl)
	if cfg.ClientAddr == "" {
		t.setFocus(cfocusAddr)
	} else {
		t.setFocus(cfocusSend)
	}
	return t
}

// init connects when the tab was named on the command line.
func (t *clientTab) init() tea.Cmd {
	if t.autoConnect {
		return tea.Batch(t.connectCmd(t.addrValue()), t.send.init())
	}
	return t.send.init()
}

func (t *clientTab) addrValue() string { return strings.TrimSpace(t.addr.Value()) }

func (t *clientTab) status() netassist.ClientStatus {
	if t.client == nil {
		return netassist.ClientStatus{}
	}
	return t.client.Status()
}

// connectCmd connects to addr (or, if addr is empty, to the last address)
// off the event loop.
func (t *clientTab) connectCmd(addr string) tea.Cmd {
	if t.client == nil {
		return common.Status(t.text.Client.NoEngine, true)
	}
	if addr == "" && t.status().Addr == "" {
		return tea.Batch(t.setFocus(cfocusAddr), common.Status(t.text.Client.NoAddress, true))
	}
	t.gen++
	gen, c, ctx := t.gen, t.client, t.ctx
	return func() tea.Msg {
		var err error
		if addr == "" {
			err = c.Reconnect(ctx)
		} else {
			err = c.Connect(ctx, addr)
		}
		return clientConnectMsg{gen: gen, remote: c.Status().Remote, err: err}
	}
}

func (t *clientTab) disconnectCmd() tea.Cmd {
	if t.client == nil {
		return common.Status(t.text.Client.NoEngine, true)
	}
	t.gen++
	gen, c := t.gen, t.client
	return func() tea.Msg { return clientDisconnectMsg{gen: gen, err: c.Disconnect()} }
}

func (t *clientTab) halfCloseCmd() tea.Cmd {
	if t.client == nil {
		return common.Status(t.text.Client.NoEngine, true)
	}
	c, text := t.client, &t.text.Client
	return func() tea.Msg {
		if err := c.HalfClose(); err != nil {
			return common.StatusMsg{Text: fmt.Sprintf(text.HalfCloseFail, err), Err: true}
		}
		return common.StatusMsg{Text: text.HalfClosed}
	}
}

func (t *clientTab) sendCmd() tea.Cmd {
	if t.client == nil {
		return common.Status(t.text.Client.NoEngine, true)
	}
	b, _, err := t.send.bytes()
	if err != nil {
		return common.Status(fmt.Sprintf(t.text.InvalidInput, err), true)
	}
	if len(b) == 0 {
		return common.Status(t.text.NothingToSend, true)
	}
	c, closeAfter := t.client, t.send.closeAfter
	data := append([]byte(nil), b...)
	return func() tea.Msg {
		err := c.Send(data, closeAfter)
		return clientSendMsg{n: len(data), target: c.Status().Remote, close: closeAfter, err: err}
	}
}

func clientTick() tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return clientTickMsg{} })
}

// startTicking arms the once-a-second redraw unless one is on its way.
func (t *clientTab) startTicking() tea.Cmd {
	if t.ticking {
		return nil
	}
	t.ticking = true
	return clientTick()
}

func (t *clientTab) setFocus(f clientFocus) tea.Cmd {
	t.focus = f
	t.send.blur()
	t.addr.Blur()
	switch f {
	case cfocusSend:
		return t.send.focus()
	case cfocusAddr:
		return t.addr.Focus()
	}
	return nil
}

// typing reports whether the focused pane takes plain keys as text (the
// template picker counts: it takes plain keys too).
func (t *clientTab) typing() bool {
	return t.picker.open || t.focus == cfocusSend || t.focus == cfocusAddr || t.send.prompting()
}

// setTemplate puts r in the editor for the current address.
func (t *clientTab) setTemplate(r requestTemplate) {
	t.tmpl = r
	t.lastTmpl = r.text(&t.text.Client, t.addrValue())
	t.send.hexMode = false
	t.send.setValue(t.lastTmpl)
	t.send.editor.MoveToBegin() // the request line is what matters first
}

// addrChanged updates the template's Host line, unless the user has edited
// the request since it was generated.
func (t *clientTab) addrChanged() {
	t.fitAddr()
	if t.send.editor.Value() == t.lastTmpl {
		t.setTemplate(t.tmpl)
	}
}

// update handles messages for this tab; keys arrive only when it is shown.
func (t *clientTab) update(msg tea.Msg) tea.Cmd {
	ct := &t.text.Client
	switch msg := msg.(type) {
	case composeMsg:
		return t.send.handle(msg)
	case clientConnectMsg:
		if msg.gen != t.gen {
			return nil
		}
		if msg.err != nil {
			return common.Status(fmt.Sprintf(ct.ConnectFailed, msg.err), true)
		}
		return tea.Batch(common.Status(fmt.Sprintf(ct.Connected, common.Safe(msg.remote)), false), t.startTicking())
	case clientDisconnectMsg:
		if msg.gen != t.gen {
			return nil
		}
		if msg.err != nil {
			return common.Status(msg.err.Error(), true)
		}
		return common.Status(ct.Disconnected, false)
	case clientSendMsg:
		if msg.err != nil {
			if errors.Is(msg.err, netassist.ErrNotConnected) {
				return common.Status(ct.NotConnected, true)
			}
			return common.Status(fmt.Sprintf(t.text.SendFailed, msg.err), true)
		}
		f := t.text.Sent
		if msg.close {
			f = t.text.SentClose
		}
		return common.Status(fmt.Sprintf(f, msg.n, common.Safe(msg.target)), false)
	case clientTickMsg:
		// Re-armed only while connected: no timer runs when idle.
		if t.status().State == netassist.ClientConnected {
			return clientTick()
		}
		t.ticking = false
		return nil
	case tea.BackgroundColorMsg:
		t.recv.invalidate()
	case tea.KeyPressMsg:
		return t.key(msg)
	case tea.PasteMsg:
		switch t.focus {
		case cfocusSend:
			return t.send.update(msg)
		case cfocusAddr:
			var cmd tea.Cmd
			t.addr, cmd = t.addr.Update(msg)
			t.addrChanged()
			return cmd
		}
	}
	return nil
}

func (t *clientTab) key(msg tea.KeyPressMsg) tea.Cmd {
	k, ck := t.keys, &t.keys.Client
	if t.picker.open {
		return t.pickerKey(msg)
	}
	if cmd, ok := t.composeKey(msg); ok { // repeat, file, history (send_tabs.go)
		return cmd
	}
	// Keys that work from every pane of the tab.
	switch {
	case key.Matches(msg, k.FocusNext):
		return t.setFocus((t.focus + 1) % numClientFocus)
	case key.Matches(msg, k.FocusPrev):
		return t.setFocus((t.focus + numClientFocus - 1) % numClientFocus)
	case key.Matches(msg, k.Send):
		return t.send.trackSend(t.sendCmd())
	case t.send.optionKey(msg, k, true):
		return nil
	case key.Matches(msg, k.Template):
		t.picker = templatePicker{open: true, sel: t.tmpl.method, tmpl: t.tmpl}
		return nil
	case key.Matches(msg, k.ViewHex):
		t.recv.toggleHex()
		return nil
	case key.Matches(msg, k.Timestamps):
		t.recv.toggleTimestamps()
		return nil
	case key.Matches(msg, k.View.Pause, k.View.ShowSent, k.View.Encoding):
		cmd, _ := t.recv.optionKey(msg, k)
		return cmd
	case key.Matches(msg, ck.Reconnect):
		return t.connectCmd(t.addrValue())
	case key.Matches(msg, ck.Disconnect):
		return t.disconnectCmd()
	case key.Matches(msg, ck.HalfClose):
		return t.halfCloseCmd()
	case key.Matches(msg, ck.Summary):
		t.showSummary = !t.showSummary
		return nil
	case key.Matches(msg, ck.Decoded):
		return t.toggleDecoded()
	case key.Matches(msg, ck.EditAddr):
		return t.setFocus(cfocusAddr)
	}

	switch t.focus {
	case cfocusSend:
		if key.Matches(msg, k.Back) {
			return t.setFocus(cfocusRecv)
		}
		return t.send.update(msg)
	case cfocusAddr:
		switch {
		case key.Matches(msg, ck.Connect):
			addr := t.addrValue()
			if addr == "" {
				return common.Status(t.text.Client.NoAddress, true)
			}
			return tea.Batch(t.connectCmd(addr), t.setFocus(cfocusSend))
		case key.Matches(msg, k.Back):
			return t.setFocus(cfocusRecv)
		}
		var cmd tea.Cmd
		t.addr, cmd = t.addr.Update(msg)
		t.addrChanged()
		return cmd
	case cfocusRecv:
		return t.recvKey(msg)
	}
	return nil
}

// toggleDecoded switches the receive area between the raw bytes and the
// decoded body of the current reply, when it has a Content-Encoding.
func (t *clientTab) toggleDecoded() tea.Cmd {
	if t.showDecoded {
		t.showDecoded = false
		return nil
	}
	t.reply.refresh(t.store, t.status().Conn)
	r, _, _ := t.reply.current()
	switch {
	case r == nil:
		return common.Status(t.text.Client.NoHTTPReply, true)
	case r.ContentEncoding() == "":
		return common.Status(t.text.Client.NoEncoding, true)
	}
	t.showDecoded, t.decTop = true, 0
	return nil
}

func (t *clientTab) pickerKey(msg tea.KeyPressMsg) tea.Cmd {
	k, ck, p := t.keys, &t.keys.Client, &t.picker
	switch {
	case key.Matches(msg, ck.PickClose), key.Matches(msg, k.Template):
		p.open = false
	case key.Matches(msg, ck.PickUp):
		p.move(-1)
	case key.Matches(msg, ck.PickDown):
		p.move(1)
	case key.Matches(msg, ck.PickToggle):
		p.toggle()
	case key.Matches(msg, ck.PickUse):
		if p.sel < numTmplMethods {
			p.toggle()
		}
		p.open = false
		t.setTemplate(p.tmpl)
		return tea.Batch(t.setFocus(cfocusSend),
			common.Status(fmt.Sprintf(t.text.Client.TemplateSet, p.tmpl.name(&t.text.Client)), false))
	}
	return nil
}

func (t *clientTab) recvKey(msg tea.KeyPressMsg) tea.Cmd {
	k, r := t.keys, &t.recv
	page := max(r.height-1, 1)
	if t.showDecoded {
		switch {
		case key.Matches(msg, k.Up):
			t.decTop--
		case key.Matches(msg, k.Down):
			t.decTop++
		case key.Matches(msg, k.PageUp):
			t.decTop -= page
		case key.Matches(msg, k.PageDown):
			t.decTop += page
		case key.Matches(msg, k.Top):
			t.decTop = 0
		case key.Matches(msg, k.Bottom):
			t.decTop = 1 << 30
		}
		t.decTop = max(t.decTop, 0) // the upper bound is applied when drawn
		return nil
	}
	cmd, _ := r.key(msg, k)
	return cmd
}

// clientLayout is the geometry of the tab that does not depend on data.
type clientLayout struct {
	topH, sendH int
}

func (t *clientTab) setSize(w, h int) {
	t.width, t.height = max(w, 0), max(h, 0)
	var l clientLayout
	// Lines: address 1, top area (summary + receive), send box, preview 1.
	rest := max(t.height-2, 0)
	l.sendH = min(max(rest/3, 3), 8)
	if rest < 8 {
		l.sendH = min(rest/2, 3)
	}
	l.topH = max(rest-l.sendH, 0)
	t.layout = l
	t.recv.setSize(t.width-2, l.topH-2)
	t.send.setSize(t.width-2, l.sendH-2)
	t.fitAddr()
}

// fitAddr sizes the address field to its text, so the state and its error
// get the rest of the line.
func (t *clientTab) fitAddr() {
	n := max(ansi.StringWidth(t.addr.Value()), ansi.StringWidth(t.addr.Placeholder)) + 2
	t.addr.SetWidth(max(min(n, t.width/3, 48), 1))
}

// view renders the tab in exactly t.height lines of t.width cells.
func (t *clientTab) view() []string {
	w, h, l := t.width, t.height, t.layout
	if h <= 0 {
		return nil
	}
	lines := []string{t.addrLine()}
	if l.topH > 0 {
		lines = append(lines, t.topView(w, l.topH)...)
	}
	if l.sendH > 0 {
		st := t.status()
		target := st.Remote
		if target == "" {
			target = t.addrValue()
		}
		title := t.text.Send + " · "
		if target != "" {
			title = t.text.Send + " " + fmt.Sprintf(t.text.Client.SendPaneTarget, common.Safe(target)) + " · "
		}
		title += t.send.options()
		body := strings.Split(t.send.editor.View(), "\n")
		lines = append(lines, common.Box(t.styles, title, body, w, l.sendH, t.focus == cfocusSend)...)
	}
	lines = append(lines, common.PadLine(t.send.preview(w), w))
	return common.FitLines(lines, h, w)
}

// topView is the area between the address line and the send box: the
// template picker, or the HTTP summary above the receive pane (or above
// the decoded body).
func (t *clientTab) topView(w, h int) []string {
	s, ct := t.styles, &t.text.Client
	if t.picker.open {
		return t.pickerView(w, h)
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
			side = common.Box(s, ct.SummaryTitle, t.reply.summary(s, ct, sumW-2, h-2), sumW, h, false)
		} else {
			// Above the raw bytes: as much as the reply needs, leaving the
			// receive pane at least three lines.
			sum := t.reply.summary(s, ct, w-2, max(h-7, h/2-2, 1))
			sumH := len(sum) + 2
			out = append(out, common.Box(s, ct.SummaryTitle, sum, w, sumH, false)...)
			recvH = h - sumH
		}
	}
	lower := t.recvView(recvW, recvH)
	if side != nil {
		for i := range lower {
			lower[i] += side[i]
		}
	}
	return append(out, lower...)
}

// sideBySideWidth is the width from which the HTTP summary stands beside
// the receive pane instead of above it.
const sideBySideWidth = 120

// recvView is the receive pane, or the decoded body in its place.
func (t *clientTab) recvView(w, h int) []string {
	s, ct := t.styles, &t.text.Client
	if t.showDecoded {
		if r, _, _ := t.reply.current(); r == nil || r.ContentEncoding() == "" {
			t.showDecoded = false // a new connection, or a reply without encoding
		}
	}
	if t.showDecoded {
		return t.decodedView(w, h)
	}
	t.recv.setSize(w-2, h-2)
	title := t.text.Receive + " · " + t.recv.position()
	if t.recv.hex {
		title += " · " + t.text.ModeHex
	}
	title += t.recv.badges()
	if d := t.store.Totals(netassist.TabClient).DroppedBytes; d > 0 {
		title += " · " + fmt.Sprintf(t.text.DroppedFromView, common.FormatSize(d))
	}
	return common.Box(s, title, t.recv.view(ct.NoData), w, h, t.focus == cfocusRecv)
}

// decodedView shows the decoded body, clearly labelled as not what crossed
// the wire, scrolled by decTop lines.
func (t *clientTab) decodedView(w, h int) []string {
	s, ct := t.styles, &t.text.Client
	r, _, _ := t.reply.current()
	dec, lines, err := t.reply.decode()
	title := fmt.Sprintf(ct.DecodedTitle, common.Safe(r.ContentEncoding()), common.FormatSize(int64(len(dec))), common.FormatSize(int64(len(r.Body))))
	inner, rows := max(w-2, 1), max(h-2, 0)
	var body []string
	switch {
	case err != nil && !r.Done(t.reply.closed):
		body = append(body, s.Warning.Render(ansi.Truncate(ct.DecodedIncomplete, inner, "…")))
	case err != nil:
		body = append(body, s.Error.Render(ansi.Truncate(fmt.Sprintf(ct.DecodeError, common.Safe(err.Error())), inner, "…")))
	case len(dec) == 0:
		body = append(body, s.Dim.Render(ct.DecodedEmpty))
	}
	if len(dec) >= maxDecodeBytes {
		body = append(body, s.Dim.Render(fmt.Sprintf(ct.DecodedCapped, common.FormatSize(maxDecodeBytes))))
	}
	t.decTop = min(t.decTop, max(len(lines)-1, 0))
	for i := t.decTop; i < len(lines) && len(body) < rows; i++ {
		for _, piece := range render.Wrap(lines[i], inner) {
			body = append(body, piece.Render(s.Segment))
		}
	}
	return common.Box(s, title, body, w, h, t.focus == cfocusRecv)
}

func (t *clientTab) pickerView(w, h int) []string {
	s, ct := t.styles, &t.text.Client
	inner := max(w-2, 1)
	body := t.picker.rows(s, ct, inner)
	body = append(body, s.Dim.Render(ct.PickHint), "", s.Dim.Render(ct.PickPreview))
	preview := t.picker.tmpl.text(ct, t.addrValue())
	for _, l := range strings.Split(strings.TrimSuffix(preview, "\n"), "\n") {
		body = append(body, s.Dim.Render(ansi.Truncate(common.Safe(l), inner, "…")))
	}
	return common.Box(s, ct.PickerTitle, body, w, h, true)
}

// addrLine is the address field and the connection's state.
func (t *clientTab) addrLine() string {
	s, ct := t.styles, &t.text.Client
	label := s.PaneTitle.Render(ct.AddrLabel)
	if t.focus == cfocusAddr {
		label = s.PaneTitleFoc.Render(ct.AddrLabel)
	}
	return common.PadLine(label+t.addr.View()+"  "+t.stateText(), t.width)
}

// stateText describes the connection: state, who answered, for how long,
// and the last error, as the engine phrased it.
func (t *clientTab) stateText() string {
	s, ct := t.styles, &t.text.Client
	if t.client == nil {
		return s.Dim.Render("○ " + ct.NoEngine)
	}
	st := t.client.Status()
	var out string
	switch st.State {
	case netassist.ClientIdle:
		if st.Err != "" {
			return s.Error.Render("✗ " + common.Safe(st.Err)) // why the dial failed
		}
		out = s.Dim.Render("○ " + ct.StateIdle)
	case netassist.ClientConnecting:
		out = s.Warning.Render("◌ " + fmt.Sprintf(ct.StateConnecting, common.Safe(st.Addr)))
	case netassist.ClientConnected:
		out = s.OK.Render("● "+t.connectedTo(st)) + s.Dim.Render(" · "+common.FormatElapsed(time.Since(st.Connected)))
		if st.HalfClosed {
			out += s.Warning.Render(" · " + ct.StateHalfClosed)
		}
	case netassist.ClientClosed:
		out = s.Closed.Render("○ "+fmt.Sprintf(ct.StateClosed, common.Safe(st.ClosedBy.String()))+" · "+common.Safe(st.Remote)) +
			s.Dim.Render(" · "+fmt.Sprintf(ct.ClosedAfter, common.FormatElapsed(st.Since.Sub(st.Connected))))
	}
	if st.Err != "" {
		out += " " + s.Error.Render("✗ "+common.Safe(st.Err))
	}
	return out
}

// connectedTo names the remote, and the address asked for when it was a
// name that resolved to the remote shown.
func (t *clientTab) connectedTo(st netassist.ClientStatus) string {
	ct := &t.text.Client
	if st.Addr != "" && st.Addr != st.Remote {
		return fmt.Sprintf(ct.StateVia, common.Safe(st.Addr), common.Safe(st.Remote))
	}
	return fmt.Sprintf(ct.StateConnected, common.Safe(st.Remote))
}

// counters is the status bar's summary of the tab.
func (t *clientTab) counters() string {
	c := t.store.Totals(netassist.TabClient)
	return fmt.Sprintf(t.text.Counters, c.Open, c.Conns, common.FormatSize(c.BytesIn), common.FormatSize(c.BytesOut))
}

// helpKeys lists the keys that matter in the focused pane.
func (t *clientTab) helpKeys() []key.Binding {
	k, ck := t.keys, &t.keys.Client
	if t.picker.open {
		return []key.Binding{ck.PickUp, ck.PickUse, ck.PickToggle, ck.PickClose}
	}
	if h := t.send.helpKeys(k); h != nil {
		return h
	}
	switch t.focus {
	case cfocusSend:
		return []key.Binding{k.Send, k.Template, ck.Reconnect, ck.HalfClose, k.FocusNext}
	case cfocusAddr:
		return []key.Binding{ck.Connect, ck.Disconnect, k.Back, k.FocusNext}
	}
	if t.recv.selecting && !t.showDecoded {
		return k.View.SelectHelp()
	}
	keys := []key.Binding{k.Up, k.ViewHexPlain, ck.Summary}
	if r, _, _ := t.reply.current(); t.showDecoded || (r != nil && r.ContentEncoding() != "") {
		keys = append(keys, ck.Decoded)
	}
	return append(keys, k.FocusNext)
}

// fullHelp lists every key of the tab, by pane.
func (t *clientTab) fullHelp() [][]key.Binding {
	k, ck := t.keys, &t.keys.Client
	return [][]key.Binding{
		{ck.Connect, ck.Reconnect, ck.Disconnect, ck.HalfClose, ck.EditAddr},
		{k.Send, k.CloseAfter, k.CRLF, k.Escapes, k.SendHex, k.FixLength, k.Template, k.Clear},
		k.Compose.HelpGroup(true),
		{ck.Summary, ck.Decoded, k.ViewHex, k.Timestamps, k.ViewHexPlain, k.TimesPlain, k.Up, k.PageUp, k.Top, k.Follow},
		k.View.HelpGroup(),
		{k.FocusNext, k.FocusPrev, k.Back},
	}
}

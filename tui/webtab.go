package tui

import (
	"context"
	"fmt"
	"net"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/keymap"
	"github.com/netassist/netassist/tui/styles"
)

// webFocus names the Web tab's panes, in tab-key order.
type webFocus int

const (
	webFocusList webFocus = iota
	webFocusRaw
	webFocusParsed
	webFocusSend
	webFocusHeld
	webFocusAddr
	numWebFocus
)

// webListenMsg reports the web server's Listen; gen drops superseded tries.
type webListenMsg struct {
	gen  int
	addr net.Addr
	err  error
}

// webStoppedMsg reports that the web server was closed.
type webStoppedMsg struct{ err error }

// webTab is the Web tab: the web server's address and toggles, the list of
// requests, the selected request's raw bytes and parsed view, and a reply
// editor for hand-crafted mode and held requests (DESIGN.md §7).
type webTab struct {
	web    *httpserve.Server // nil: no web server in this session
	store  *netassist.Store
	ctx    context.Context
	styles *styles.Styles
	text   *i18n.Text
	keys   *keymap.KeyMap
	start  bool // listen at init

	addr      textinput.Model
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

	list     webList
	raw      webDoc
	parsed   webDoc
	rawHex   bool
	send     sendPane
	held     heldList
	ticking  bool
	focus    webFocus
	styleGen int // style generation for the docs' caches

	width, height int
	layout        webLayout
}

func newWebTab(cfg Config, styles *styles.Styles, text *i18n.Text, keys *keymap.KeyMap) *webTab {
	ti := textinput.New()
	ti.Prompt = ""
	ti.SetValue(cfg.WebAddr)
	ti.CharLimit = 256
	st := textinput.DefaultStyles(cfg.IsDark)
	st.Cursor.Blink = false
	ti.SetStyles(st)
	t := &webTab{
		web: cfg.Web, store: cfg.Store, ctx: cfg.Context,
		styles: styles, text: text, keys: keys,
		start: cfg.StartTab == netassist.TabWeb && cfg.Web != nil,
		addr:  ti,
		list:  newWebList(cfg.Store, styles, text),
		send:  newSendPane(styles, text, cfg.IsDark),
		held:  heldList{styles: styles, text: text},
	}
	if t.ctx == nil {
		t.ctx = context.Background()
	}
	t.send.attach(cfg, netassist.TabWeb, false) // macros and checksum; no repeat, file or history
	t.encoding = httpserve.EncodingAuto
	if t.web != nil {
		set := t.web.Settings()
		t.encoding, t.hold = set.Encoding, set.Hold
		if set.ResponseBytes != nil {
			// --response-file: show those bytes in the editor, exactly.
			t.crafted, t.applied = true, set.ResponseBytes
			val, isHex := editorText(set.ResponseBytes, t.send.opts)
			t.send.hexMode = isHex
			t.send.setValue(val)
			t.send.editor.MoveToBegin()
		}
	}
	if !t.crafted {
		t.send.setValue(text.Web.ReplyTemplate)
		t.send.editor.MoveToBegin()
	}
	t.starting = t.start
	return t
}

// init starts listening when the Web tab is the start tab, and the wait
// for held requests.
func (t *webTab) init() tea.Cmd {
	if t.web == nil {
		return nil
	}
	cmds := []tea.Cmd{waitForHold(t.ctx, t.web.HoldChanged())}
	if t.start {
		cmds = append(cmds, t.listenCmd())
	}
	return tea.Batch(cmds...)
}

func (t *webTab) listenCmd() tea.Cmd {
	t.gen++
	t.starting = true
	gen, web, addr := t.gen, t.web, strings.TrimSpace(t.addr.Value())
	return func() tea.Msg {
		a, err := web.Listen(addr)
		return webListenMsg{gen: gen, addr: a, err: err}
	}
}

func (t *webTab) stopCmd() tea.Cmd {
	web := t.web
	return func() tea.Msg { return webStoppedMsg{err: web.StopListening()} }
}

func (t *webTab) setFocus(f webFocus) tea.Cmd {
	t.focus = f
	t.send.blur()
	t.addr.Blur()
	t.relayout()
	switch f {
	case webFocusSend:
		return t.send.focus()
	case webFocusAddr:
		return t.addr.Focus()
	}
	return nil
}

// cycleFocus moves focus by d, skipping the held box when it is hidden.
func (t *webTab) cycleFocus(d int) tea.Cmd {
	f := t.focus
	for range numWebFocus {
		f = webFocus((int(f) + d + int(numWebFocus)) % int(numWebFocus))
		if f != webFocusHeld || t.showHeld() {
			break
		}
	}
	return t.setFocus(f)
}

func (t *webTab) typing() bool { return t.focus == webFocusSend || t.focus == webFocusAddr }

func (t *webTab) showHeld() bool { return t.hold || len(t.held.items) > 0 }

// update handles messages for this tab; keys arrive only when it is shown.
func (t *webTab) update(msg tea.Msg) tea.Cmd {
	if t.web == nil {
		return nil
	}
	switch msg := msg.(type) {
	case composeMsg:
		return t.send.handle(msg)
	case webListenMsg:
		if msg.gen != t.gen {
			return nil
		}
		t.starting = false
		t.listening, t.listenErr = msg.addr, msg.err
		if msg.err == nil {
			t.stopped = false
		}
		if msg.err != nil {
			return tea.Batch(t.setFocus(webFocusAddr),
				common.Status(fmt.Sprintf(t.text.ListenFailed, msg.err), true))
		}
		t.addr.SetValue(msg.addr.String())
		if t.focus == webFocusAddr {
			t.setFocus(webFocusList)
		}
		return common.Status(fmt.Sprintf(t.text.Web.StartedStatus, msg.addr), false)
	case webStoppedMsg:
		if msg.err != nil {
			return common.Status(msg.err.Error(), true)
		}
		return common.Status(t.text.Web.StoppedStatus, false)
	case holdChangedMsg:
		t.held.set(t.web.Held())
		t.relayout()
		cmds := []tea.Cmd{waitForHold(t.ctx, t.web.HoldChanged())}
		if len(t.held.items) > 0 && !t.ticking {
			t.ticking = true
			cmds = append(cmds, holdTick())
		}
		return tea.Batch(cmds...)
	case holdTickMsg:
		t.ticking = false
		t.held.set(t.web.Held())
		t.relayout()
		if len(t.held.items) > 0 {
			t.ticking = true
			return holdTick()
		}
		return nil
	case tea.BackgroundColorMsg:
		t.styleGen++ // styles changed: rebuild the docs
	case tea.KeyPressMsg:
		cmd := t.key(msg)
		return tea.Batch(cmd, t.syncCrafted())
	case tea.PasteMsg:
		switch t.focus {
		case webFocusSend:
			cmd := t.send.update(msg)
			return tea.Batch(cmd, t.syncCrafted())
		case webFocusAddr:
			var cmd tea.Cmd
			t.addr, cmd = t.addr.Update(msg)
			return cmd
		}
	}
	return nil
}

func (t *webTab) key(msg tea.KeyPressMsg) tea.Cmd {
	k, wk := t.keys, &t.keys.Web
	// Keys that work from every pane of the tab.
	switch {
	case key.Matches(msg, k.FocusNext):
		return t.cycleFocus(1)
	case key.Matches(msg, k.FocusPrev):
		return t.cycleFocus(-1)
	case key.Matches(msg, wk.Encoding):
		return t.cycleEncoding()
	case key.Matches(msg, wk.Hold):
		return t.toggleHold()
	case key.Matches(msg, wk.Crafted):
		return t.toggleCrafted()
	case key.Matches(msg, wk.Reply):
		return t.send.trackSend(t.replyCmd(false))
	case key.Matches(msg, wk.Serve):
		return t.replyCmd(true)
	case key.Matches(msg, wk.Drop):
		return t.dropCmd()
	case key.Matches(msg, wk.Stop):
		return t.stop()
	case key.Matches(msg, k.ViewHex):
		t.rawHex = !t.rawHex
		return nil
	case t.send.optionKey(msg, k, false):
		return nil
	case key.Matches(msg, k.Template):
		t.send.hexMode = false
		t.send.setValue(t.text.Web.ReplyTemplate)
		t.send.editor.MoveToBegin()
		return t.setFocus(webFocusSend)
	}

	switch t.focus {
	case webFocusSend:
		if key.Matches(msg, k.Back) {
			return t.setFocus(webFocusList)
		}
		return t.send.update(msg)
	case webFocusAddr:
		switch {
		case key.Matches(msg, wk.Listen):
			return t.listenKey()
		case key.Matches(msg, k.Back):
			return t.setFocus(webFocusList)
		}
		var cmd tea.Cmd
		t.addr, cmd = t.addr.Update(msg)
		return cmd
	}

	// Panes that are not editors: plain letters are commands.
	switch {
	case key.Matches(msg, wk.EncodingPlain):
		return t.cycleEncoding()
	case key.Matches(msg, wk.HoldPlain):
		return t.toggleHold()
	case key.Matches(msg, wk.CraftedPlain):
		return t.toggleCrafted()
	case key.Matches(msg, k.ViewHexPlain):
		t.rawHex = !t.rawHex
		return nil
	}
	switch t.focus {
	case webFocusList:
		common.ScrollKey(msg, k, &t.list)
	case webFocusRaw:
		common.ScrollKey(msg, k, &t.raw)
	case webFocusParsed:
		common.ScrollKey(msg, k, &t.parsed)
	case webFocusHeld:
		switch {
		case key.Matches(msg, k.Up):
			t.held.move(-1)
		case key.Matches(msg, k.Down):
			t.held.move(1)
		case key.Matches(msg, wk.DropPlain):
			return t.dropCmd()
		case key.Matches(msg, wk.EditReply):
			return t.setFocus(webFocusSend)
		}
	}
	return nil
}

func (t *webTab) listenKey() tea.Cmd {
	switch {
	case t.starting:
		return common.Status(t.text.Web.Starting, false)
	case t.listening != nil:
		return common.Status(fmt.Sprintf(t.text.Web.AlreadyListens, t.listening), true)
	}
	return t.listenCmd()
}

// stop closes the web server's listener; connections already accepted
// stay and are served, and enter in the address field listens again.
func (t *webTab) stop() tea.Cmd {
	if t.listening == nil && !t.starting {
		return common.Status(t.text.Web.StopNotListened, true)
	}
	t.stopped, t.listening, t.starting = true, nil, false
	t.gen++ // a listen still in flight is void
	return tea.Batch(common.Status(t.text.Web.Stopping, false), t.stopCmd())
}

func (t *webTab) cycleEncoding() tea.Cmd {
	i := slices.Index(httpserve.Encodings, t.encoding)
	next := httpserve.Encodings[(i+1)%len(httpserve.Encodings)]
	if err := t.web.SetEncoding(next); err != nil {
		return common.Status(err.Error(), true)
	}
	t.encoding = next
	if next == httpserve.EncodingAuto {
		return common.Status(t.text.Web.EncodingAutoSt, false)
	}
	return common.Status(fmt.Sprintf(t.text.Web.EncodingStatus, next), false)
}

func (t *webTab) toggleHold() tea.Cmd {
	t.hold = !t.hold
	t.web.SetHold(t.hold)
	t.relayout()
	if t.hold {
		return common.Status(t.text.Web.HoldOnStatus, false)
	}
	return common.Status(t.text.Web.HoldOffStatus, false)
}

// counters is the status bar's summary of the tab.
func (t *webTab) counters() string {
	if t.web == nil {
		return ""
	}
	c := t.store.Totals(netassist.TabWeb)
	out := fmt.Sprintf(t.text.Web.Counters, t.list.count(), c.Open, common.FormatSize(c.BytesIn), common.FormatSize(c.BytesOut))
	if n := len(t.held.items); n > 0 {
		out += fmt.Sprintf(t.text.Web.CountersHeld, n)
	}
	return out
}

// helpKeys lists the keys that matter in the focused pane.
func (t *webTab) helpKeys() []key.Binding {
	if t.web == nil {
		return nil
	}
	k, wk := t.keys, &t.keys.Web
	switch t.focus {
	case webFocusSend:
		if len(t.held.items) > 0 {
			return []key.Binding{wk.Reply, wk.Serve, wk.Drop, k.Back}
		}
		return []key.Binding{wk.Crafted, wk.Hold, k.Template, k.Back}
	case webFocusAddr:
		return []key.Binding{wk.Listen, wk.Stop, k.Back}
	case webFocusHeld:
		return []key.Binding{wk.Reply, wk.Serve, wk.DropPlain, wk.EditReply}
	case webFocusRaw, webFocusParsed:
		return []key.Binding{k.Up, k.ViewHexPlain, wk.EncodingPlain, k.FocusNext}
	}
	if len(t.held.items) > 0 {
		return []key.Binding{k.Up, wk.Reply, wk.Serve, wk.Drop}
	}
	return []key.Binding{k.Up, wk.EncodingPlain, wk.HoldPlain, wk.CraftedPlain, k.FocusNext}
}

// fullHelp lists every key of the tab, by group.
func (t *webTab) fullHelp() [][]key.Binding {
	if t.web == nil {
		return nil
	}
	k, wk := t.keys, &t.keys.Web
	return [][]key.Binding{
		{wk.Encoding, wk.Hold, wk.Crafted, wk.EncodingPlain, wk.HoldPlain, wk.CraftedPlain},
		{wk.Reply, wk.Serve, wk.Drop, wk.DropPlain, wk.EditReply},
		{k.CRLF, k.Escapes, k.SendHex, k.FixLength, k.Template, k.Clear, k.Compose.Checksum},
		{k.Up, k.PageUp, k.Top, k.Follow, k.ViewHex, k.ViewHexPlain},
		{k.FocusNext, k.FocusPrev, wk.Listen, wk.Stop, k.Back},
	}
}

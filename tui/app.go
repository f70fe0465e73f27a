package tui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/autoreply"
	"github.com/netassist/netassist/netassist/export"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/annotate"
	"github.com/netassist/netassist/tui/components/msglog"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/keymap"
	"github.com/netassist/netassist/tui/pasteinput"
	"github.com/netassist/netassist/tui/styles"
	"github.com/netassist/netassist/tui/tabs/client"
	"github.com/netassist/netassist/tui/tabs/server"
	"github.com/netassist/netassist/tui/tabs/web"
)

// Config is what the program hands the UI: the engines and where to start.
type Config struct {
	Store      *netassist.Store
	Server     *netassist.Server
	Client     *netassist.Client
	Web        *httpserve.Server
	ListenAddr string // the Server tab's initial listen address
	ClientAddr string // the Client tab's initial address ("": none yet)
	WebAddr    string // the Web tab's initial listen address
	// StartTab is shown first, and only its engine starts by itself: the
	// Server tab listens, the Client tab connects (to ClientAddr), the Web
	// tab listens; the others wait for the user's key. "" is the Server
	// tab.
	StartTab netassist.Tab
	IsDark   bool
	// Lang is the UI language ("": English).
	Lang i18n.Lang
	// ConfigDir holds the send history and the auto-reply rules. "" keeps
	// them in memory only: the program passes the user's folder
	// (configdir.Default); tests pass a temporary one, or none.
	ConfigDir string
	// SaveDir is where the receive pane's saves (w, W) and the export
	// keys' files go ("": the current directory).
	SaveDir string
	// Version is netassist's version, written into saved HAR files ("":
	// "dev").
	Version string
	// Rules, if set, holds the Server tab's auto-reply rules; the program
	// sets Server.AutoReply to use it before the UI starts. New loads the
	// saved rules from ConfigDir into it, and the rules view (f5) edits
	// them. Nil: no rules view.
	Rules *autoreply.Active
	// Present starts in presenter mode (--present; f8 toggles): one pane
	// at a time, full size, high contrast, the newest bytes highlighted,
	// no key hints.
	Present bool
	// NoFollow starts the Server tab without following the conversation
	// (by default its send target and receive filter follow the
	// connection that sent data last; ctrl+f toggles).
	NoFollow bool
	// RecordPath is the --record file, shown in the status bar ("": none).
	RecordPath string
	// Record, if set, tells the UI when the --record file stops
	// recording (a full disk, an I/O error, the file removed): the status
	// line says why at once and the badge stops saying "● rec".
	Record RecordHealth
	// PasteHex says the terminal input comes through a pasteinput.Reader,
	// so each paste's content is hex and is decoded back to the exact
	// pasted bytes before any pane sees it.
	PasteHex bool
	// Context ends the UI's background waits when the program stops.
	Context context.Context
	// FrameInterval is the shortest time between two redraws caused by
	// network data (default 16ms: Bubble Tea's renderer writes at most 60
	// frames a second, so a model drawn less often only adds latency; at
	// 33ms, bytes took 50–130 ms to reach the screen at p99 under a flood).
	FrameInterval time.Duration
	// Clock is the time the UI shows and paces by (nil: time.Now); tests
	// pass a fake one for screens that do not change with the time.
	Clock func() time.Time
}

// tab indexes, in tab-bar order.
const (
	tabServer = iota
	tabClient
	tabWeb
	numTabs
)

// Model is the root model: the tab bar, the shown tab, the status line,
// the key hints and the overlays (help, message log). It routes: keys and
// pastes go to the shown tab, an async result to the tab its Route names
// (shown or not), a new background to every tab. Each tab has its own
// status line; every status also goes to the message log.
type Model struct {
	cfg Config
	c   common.Common

	width, height int
	bodyH         int // lines between the tab bar and the status (set by resize)
	active        int
	showHelp      bool
	helpTop       int // first help row shown
	showLog       bool
	present       bool // presenter mode (present.go)
	log           *msglog.Model
	ann           *annotate.Model // the annotated view (f7), open or not
	errs          *errorFeed      // the engine's unasked errors (nil without a store)

	tabs [numTabs]common.Tab

	status    [numTabs]tabStatus
	recordErr error // the --record file stopped recording (Config.Record)

	// Activity on hidden tabs: the tab's byte+connection count when it
	// was last shown.
	seen [numTabs]int64
}

// The smallest usable screen: below it the UI shows a notice instead of
// panes that would be cut or left out.
const (
	minWidth  = 60
	minHeight = 16
)

// New returns the root model with its three tabs.
func New(cfg Config) Model {
	if cfg.Context == nil {
		cfg.Context = context.Background()
	}
	if cfg.FrameInterval <= 0 {
		cfg.FrameInterval = 16 * time.Millisecond
	}
	txt := i18n.For(cfg.Lang)
	sty := styles.For(cfg.IsDark, cfg.Present)
	keys := keymap.Default(txt)
	c := common.Common{Ctx: cfg.Context, Styles: &sty, Keys: &keys, Text: &txt, Lang: cfg.Lang, IsDark: cfg.IsDark,
		ConfigDir: cfg.ConfigDir, SaveDir: cfg.SaveDir, Clock: cfg.Clock, Again: common.NewAgain()}
	start := cfg.StartTab
	if start == "" {
		start = netassist.TabServer
	}
	m := Model{cfg: cfg, c: c, log: msglog.New(c), ann: annotate.New(c), present: cfg.Present}
	if cfg.Store != nil {
		m.errs = newErrorFeed()
		cfg.Store.AddSink(m.errs)
	}
	m.tabs = [numTabs]common.Tab{
		server.New(c, server.Config{Server: cfg.Server, Store: cfg.Store, Addr: cfg.ListenAddr, Rules: cfg.Rules,
			Listen: start == netassist.TabServer, Follow: !cfg.NoFollow}),
		client.New(c, client.Config{Client: cfg.Client, Store: cfg.Store, Addr: cfg.ClientAddr,
			Connect: start == netassist.TabClient}),
		web.New(c, web.Config{Web: cfg.Web, Store: cfg.Store, Addr: cfg.WebAddr, Listen: start == netassist.TabWeb}),
	}
	for i, t := range m.tabs {
		if t.Name() == start {
			m.active = i
		}
	}
	return m
}

// Init starts every tab and the wait for store changes.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{common.WaitForFrame(m.cfg.Context, m.cfg.Store.Changed(), m.c.Again, 0), tea.RequestBackgroundColor}
	if m.cfg.Record != nil {
		cmds = append(cmds, waitForRecordFailure(m.cfg.Context, m.cfg.Record))
	}
	if m.errs != nil {
		cmds = append(cmds, m.errs.wait(m.cfg.Context))
	}
	for _, t := range m.tabs {
		cmds = append(cmds, tagStatus(t.Name(), t.Init()))
	}
	if m.cfg.Present {
		cmds = append(cmds, m.presentTabs())
	}
	return tea.Batch(cmds...)
}

// Update handles a message.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.bodyH = -1 // size every tab again
		m.resize()
		return m, nil
	case tea.BackgroundColorMsg:
		if dark := msg.IsDark(); dark != m.c.IsDark {
			m.c.IsDark = dark
			*m.c.Styles = styles.For(dark, m.present)
		}
		cmds := make([]tea.Cmd, 0, numTabs)
		for i := range m.tabs {
			cmds = append(cmds, m.tabUpdate(i, msg)) // each drops what it drew with the old styles
		}
		return m, tea.Batch(cmds...)
	case common.ChangedMsg:
		// Nothing to do but redraw: View reads what it shows.
		return m, common.WaitForFrame(m.cfg.Context, m.cfg.Store.Changed(), m.c.Again, m.cfg.FrameInterval)
	case common.StatusMsg:
		at := msg.At
		if at.IsZero() {
			at = time.Now()
		}
		m.setStatus(m.tabIndex(msg.Tab), msg.Text, msg.Err, at)
		return m, nil
	case engineErrorsMsg:
		for _, e := range msg {
			m.setStatus(m.tabIndex(e.Tab), common.EngineErrText(m.c, e.Text), true, e.At)
		}
		return m, m.errs.wait(m.cfg.Context)
	case recordFailedMsg:
		m.recordErr = msg.err
		text, now := recordFailedText(m.c, m.cfg.RecordPath, msg.err), time.Now()
		for i := range m.tabs { // the record is every tab's
			m.status[i] = tabStatus{text: text, err: true, at: now}
		}
		m.setStatus(m.active, text, true, now)
		return m, nil
	case annotatedMsg:
		if msg.tab == m.active && !m.showHelp && !m.showLog {
			m.ann.Open(msg.doc)
		}
		return m, nil
	case tea.KeyPressMsg:
		return m.key(msg)
	case tea.PasteMsg:
		if m.showHelp || m.showLog || m.ann.IsOpen() {
			return m, nil
		}
		if m.cfg.PasteHex {
			if b, ok := pasteinput.Decode(msg.Content); ok {
				msg.Content = string(b)
			}
		}
		return m, m.tabUpdate(m.active, msg)
	case common.Routed:
		for i, t := range m.tabs {
			if t.Name() == msg.Route() {
				return m, m.tabUpdate(i, msg)
			}
		}
	}
	return m, nil // nobody's: the tabs' own messages all carry a Route
}

// resize works out the body's height (the screen less the tab bar, the
// status lines and the hint line) and sizes the tabs and the log when it
// changed.
func (m *Model) resize() {
	hints := 1
	if m.present {
		hints = 0 // presenter mode hides the key hints
	}
	body := max(m.height-1-m.statusHeight()-hints, 0)
	if body == m.bodyH {
		return
	}
	m.bodyH = body
	for _, t := range m.tabs {
		t.SetSize(m.width, body)
	}
	m.log.SetSize(m.width, body)
	m.ann.SetSize(m.width, body)
}

// tooSmall reports whether the screen is below the smallest usable size.
func (m Model) tooSmall() bool { return m.width < minWidth || m.height < minHeight }

// tabLabel is tab i's name as the tab bar shows it.
func (m Model) tabLabel(i int) string {
	t := m.c.Text
	return [numTabs]string{t.TabServer, t.TabClient, t.TabWeb}[i]
}

func (m Model) key(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.c.Keys
	if key.Matches(msg, k.Quit) {
		return m, tea.Quit
	}
	if m.showHelp {
		switch {
		case key.Matches(msg, k.Help, k.Back, k.QuitPlain):
			m.showHelp = false
		case key.Matches(msg, k.Up):
			m.helpTop = max(m.helpTop-1, 0)
		case key.Matches(msg, k.Down):
			m.helpTop++
		case key.Matches(msg, k.PageUp):
			m.helpTop = max(m.helpTop-max(m.bodyH-2, 1), 0)
		case key.Matches(msg, k.PageDown):
			m.helpTop += max(m.bodyH-2, 1)
		case key.Matches(msg, k.Top):
			m.helpTop = 0
		}
		m.helpTop = min(m.helpTop, m.helpMaxTop())
		return m, nil
	}
	if m.showLog {
		if key.Matches(msg, k.Root.Log, k.Back, k.QuitPlain) {
			m.showLog = false
			return m, nil
		}
		return m, m.log.Update(msg)
	}
	if m.ann.IsOpen() {
		if key.Matches(msg, k.Root.Annotate, k.Back, k.QuitPlain) {
			m.ann.Close()
			return m, nil
		}
		return m, m.ann.Update(msg)
	}
	typing := m.tabs[m.active].Typing()
	switch {
	case key.Matches(msg, k.Help) && (!typing || msg.String() == "f1"):
		m.showHelp, m.helpTop = true, 0
		return m, nil
	case key.Matches(msg, k.Root.Log):
		m.showLog = true
		m.log.ShowNewest()
		return m, nil
	case key.Matches(msg, k.Root.Annotate):
		return m, m.annotateCmd()
	case key.Matches(msg, k.Root.Present):
		return m, m.setPresent(!m.present)
	case key.Matches(msg, k.Root.ExportText):
		return m, m.exportCmd(export.FormatText)
	case key.Matches(msg, k.Root.ExportRaw):
		return m, m.exportCmd(export.FormatRaw)
	case key.Matches(msg, k.Root.ExportHAR):
		return m, m.exportCmd(export.FormatHAR)
	case key.Matches(msg, k.QuitPlain) && !typing:
		return m, tea.Quit
	case key.Matches(msg, k.NextTab):
		m.switchTab((m.active + 1) % numTabs)
		return m, nil
	case key.Matches(msg, k.Tab1):
		m.switchTab(tabServer)
		return m, nil
	case key.Matches(msg, k.Tab2):
		m.switchTab(tabClient)
		return m, nil
	case key.Matches(msg, k.Tab3):
		m.switchTab(tabWeb)
		return m, nil
	}
	return m, m.tabUpdate(m.active, msg)
}

func (m *Model) switchTab(i int) {
	m.seen[m.active] = m.activity(m.active)
	m.active = i
	m.seen[i] = m.activity(i)
	m.resize() // its status may take another number of lines
}

// activity is a number that grows whenever a tab captures something.
func (m *Model) activity(i int) int64 {
	t := m.cfg.Store.Totals(m.tabs[i].Name())
	return t.BytesIn + t.BytesOut + int64(t.Conns)
}

// ShortHelp is the keys that matter now: the overlay's, or the shown
// tab's; the hint line adds help (and says when some did not fit).
func (m Model) ShortHelp() []key.Binding {
	switch {
	case m.showHelp:
		return nil // the hint line's own: help (closes it) and quit
	case m.showLog:
		return m.log.ShortHelp()
	case m.ann.IsOpen():
		return m.ann.ShortHelp()
	}
	return m.tabs[m.active].ShortHelp()
}

// helpKey is the help binding as the hint line shows it: f1 while typing
// (? is text then).
func (m Model) helpKey() key.Binding {
	if m.showHelp || !m.tabs[m.active].Typing() {
		return m.c.Keys.Help
	}
	return key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", m.c.Text.KeyHelp))
}

// FullHelp is every key: the app's, then the shown tab's, by group.
func (m Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	return append([][]key.Binding{
		{k.Help, k.Quit, k.QuitPlain, k.NextTab, k.Tab1, k.Tab2, k.Tab3, k.Root.Annotate, k.Root.Present, k.Root.Log},
		{k.Root.ExportText, k.Root.ExportRaw, k.Root.ExportHAR},
	}, m.tabs[m.active].FullHelp()...)
}

// Package tui is the terminal UI of netassist: Bubble Tea models only. It
// talks to the engines (netassist, httpserve) through their APIs and never
// touches a socket.
package tui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/autoreply"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/keymap"
	"github.com/netassist/netassist/tui/styles"
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
	// StartTab is shown first, and its engine starts by itself: the Server
	// tab always listens; the Client tab connects and the Web tab listens
	// at start only when it is the StartTab (as `netassist client ADDR` and
	// `netassist web` ask); otherwise they wait for the user's key.
	StartTab netassist.Tab // netassist.TabServer, TabClient or TabWeb
	IsDark   bool
	// ConfigDir holds send history and auto-reply rules (default
	// os.UserConfigDir()/netassist; tests use a temporary directory).
	ConfigDir string
	// Rules, if set, holds the Server tab's auto-reply rules; the program
	// sets Server.AutoReply to use it before the UI starts. New loads the
	// saved rules from ConfigDir into it, and the rules view (f5) edits
	// them. Nil: no rules view.
	Rules *autoreply.Active
	// RecordPath is the --record file, shown in the status bar ("": none).
	RecordPath string
	// Record, if set, tells the UI when the --record file stops
	// recording (a full disk, an I/O error, the file removed): the status
	// line shows why at once and the badge stops saying "● rec".
	Record RecordHealth
	// Context ends the UI's background waits when the program stops.
	Context context.Context
	// FrameInterval is the shortest time between two redraws caused by
	// network data (default 33ms: at most 30 per second).
	FrameInterval time.Duration
}

// RecordHealth is the state of the --record file (netassist.RecordFile
// has this shape): Failed closes when recording stops, and Err says why.
type RecordHealth interface {
	Failed() <-chan struct{}
	Err() error
}

// recordFailedMsg says the --record file stopped recording.
type recordFailedMsg struct{ err error }

// waitForRecordFailure waits for the record to fail (or the UI to stop).
func waitForRecordFailure(ctx context.Context, r RecordHealth) tea.Cmd {
	return func() tea.Msg {
		select {
		case <-r.Failed():
			return recordFailedMsg{r.Err()}
		case <-ctx.Done():
			return nil
		}
	}
}

// tab indexes.
const (
	tabServer = iota
	tabClient
	tabWeb
	numTabs
)

// changedMsg says the store changed since the last frame.
type changedMsg struct{}

// tab is one mode of the app. Every tab keeps running while hidden: all
// messages but keys and pastes reach every tab; keys and pastes reach the
// shown one.
type tab interface {
	init() tea.Cmd
	update(msg tea.Msg) tea.Cmd
	// view renders exactly the size given to setSize.
	view() []string
	setSize(w, h int)
	// typing reports whether the focused pane takes plain keys as text.
	typing() bool
	// helpKeys are the keys that matter now; fullHelp all of the tab's.
	helpKeys() []key.Binding
	fullHelp() [][]key.Binding
	// counters is the tab's part of the status bar.
	counters() string
}

// Model is the root model: a tab bar, the active tab, a status bar and the
// help overlay.
type Model struct {
	cfg    Config
	styles *styles.Styles
	text   *i18n.Text
	keys   *keymap.KeyMap

	width, height int
	active        int
	showHelp      bool
	helpTop       int // first help row shown

	tabs [numTabs]tab

	status    string
	statusErr bool
	recordErr error // the --record file stopped recording (Config.Record)

	// Activity on hidden tabs: the tab's byte+connection count when it
	// was last shown.
	seen [numTabs]int64
}

// New returns the root model.
func New(cfg Config) Model {
	if cfg.Context == nil {
		cfg.Context = context.Background()
	}
	if cfg.FrameInterval <= 0 {
		cfg.FrameInterval = 33 * time.Millisecond
	}
	text := i18n.English()
	styles := styles.DefaultStyles(cfg.IsDark)
	keys := keymap.Default(text)
	m := Model{cfg: cfg, styles: &styles, text: &text, keys: &keys}
	m.tabs = [numTabs]tab{
		newServerTab(cfg, m.styles, m.text, m.keys),
		newClientTab(cfg, m.styles, m.text, m.keys),
		newWebTab(cfg, m.styles, m.text, m.keys),
	}
	switch cfg.StartTab {
	case netassist.TabClient:
		m.active = tabClient
	case netassist.TabWeb:
		m.active = tabWeb
	}
	return m
}

// Init starts the Server tab's listener and the wait for store changes.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{waitForChange(m.cfg.Context, m.cfg.Store.Changed(), 0), tea.RequestBackgroundColor}
	if m.cfg.Record != nil {
		cmds = append(cmds, waitForRecordFailure(m.cfg.Context, m.cfg.Record))
	}
	for _, t := range m.tabs {
		cmds = append(cmds, t.init())
	}
	return tea.Batch(cmds...)
}

// waitForChange returns a Cmd that waits (after at least delay, so frames
// caused by network data stay under the frame rate) for the store's
// coalesced change signal.
func waitForChange(ctx context.Context, ch <-chan struct{}, delay time.Duration) tea.Cmd {
	return func() tea.Msg {
		if delay > 0 {
			t := time.NewTimer(delay)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
				return nil
			}
		}
		select {
		case <-ch:
			return changedMsg{}
		case <-ctx.Done():
			return nil
		}
	}
}

// Update handles a message.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		return m, nil
	case tea.BackgroundColorMsg:
		dark := msg.IsDark()
		if dark != m.cfg.IsDark {
			m.cfg.IsDark = dark
			*m.styles = styles.DefaultStyles(dark)
		}
		return m, m.broadcast(msg) // tabs drop render caches
	case changedMsg:
		// Nothing to do but redraw: View reads what it shows.
		return m, waitForChange(m.cfg.Context, m.cfg.Store.Changed(), m.cfg.FrameInterval)
	case common.StatusMsg:
		m.status, m.statusErr = msg.Text, msg.Err
		return m, nil
	case recordFailedMsg:
		m.recordErr = msg.err
		m.status, m.statusErr = fmt.Sprintf(m.text.View.RecordFailed, msg.err), true
		return m, nil
	case tea.KeyPressMsg:
		return m.key(msg)
	case tea.PasteMsg:
		return m, m.tabs[m.active].update(msg)
	}
	return m, m.broadcast(msg)
}

// broadcast gives msg to every tab.
func (m Model) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, numTabs)
	for _, t := range m.tabs {
		cmds = append(cmds, t.update(msg))
	}
	return tea.Batch(cmds...)
}

func (m Model) key(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
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
			m.helpTop = max(m.helpTop-max(m.height-5, 1), 0)
		case key.Matches(msg, k.PageDown):
			m.helpTop += max(m.height-5, 1)
		case key.Matches(msg, k.Top):
			m.helpTop = 0
		}
		m.helpTop = min(m.helpTop, m.helpMaxTop())
		return m, nil
	}
	typing := m.tabs[m.active].typing()
	switch {
	case key.Matches(msg, k.Help) && (!typing || msg.String() == "f1"):
		m.showHelp, m.helpTop = true, 0
		return m, nil
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
	return m, m.tabs[m.active].update(msg)
}

func (m *Model) switchTab(i int) {
	m.seen[m.active] = m.activity(m.active)
	m.active = i
	m.seen[i] = m.activity(i)
}

// activity is a number that grows whenever a tab captures something.
func (m *Model) activity(i int) int64 {
	name := [...]netassist.Tab{netassist.TabServer, netassist.TabClient, netassist.TabWeb}[i]
	t := m.cfg.Store.Totals(name)
	return t.BytesIn + t.BytesOut + int64(t.Conns)
}

func (m *Model) layout() {
	// Lines: tab bar, tab body, status line, key hints.
	for _, t := range m.tabs {
		t.setSize(m.width, max(m.height-3, 0))
	}
}

// View draws the whole screen.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = m.text.AppName // fixed: network data never sets it
	return v
}

func (m Model) render() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	var lines []string
	lines = append(lines, m.tabBar())
	body := max(h-3, 0)
	switch {
	case m.showHelp:
		lines = append(lines, m.helpView(body)...)
	default:
		lines = append(lines, m.tabs[m.active].view()...)
	}
	lines = common.FitLines(lines, h-2, w)
	lines = append(lines, m.statusLine(), m.hintLine())
	return strings.Join(common.FitLines(lines, h, w), "\n")
}

func (m Model) tabBar() string {
	s := m.styles
	names := []string{m.text.TabServer, m.text.TabClient, m.text.TabWeb}
	parts := make([]string, 0, numTabs+1)
	parts = append(parts, s.PaneTitleFoc.Render(m.text.AppName))
	for i, name := range names {
		label := fmt.Sprintf("%d %s", i+1, name)
		switch {
		case i == m.active:
			parts = append(parts, s.TabActive.Render(label))
		case m.activity(i) != m.seen[i]:
			parts = append(parts, s.TabInactive.Render(label)+s.TabActivity.Render("•"))
		default:
			parts = append(parts, s.TabInactive.Render(label))
		}
	}
	return strings.Join(parts, "  ")
}

// statusLine shows the last action's result and the tab's counters.
func (m Model) statusLine() string {
	s := m.styles
	counters := s.StatusBar.Render(m.tabs[m.active].counters())
	if rec := recordBadge(s, m.text, m.cfg.RecordPath, m.recordErr != nil); rec != "" {
		counters = rec + s.Dim.Render(" │ ") + counters
	}
	cw := ansi.StringWidth(counters)
	msg := common.Safe(m.status)
	msgStyle := s.OK
	if m.statusErr {
		msgStyle = s.Error
	}
	avail := m.width - cw - 3
	if avail < 10 {
		return common.PadLine(msgStyle.Render(msg), m.width)
	}
	return common.PadLine(msgStyle.Render(ansi.Truncate(msg, avail, "…")), avail) + s.Dim.Render(" │ ") + counters
}

// hintLine shows the keys that matter now.
func (m Model) hintLine() string {
	k := m.keys
	var keys []key.Binding
	if m.showHelp {
		keys = []key.Binding{k.Help, k.Quit}
	} else {
		keys = m.tabs[m.active].helpKeys()
		help := k.Help
		if m.tabs[m.active].typing() {
			help = key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", m.text.KeyHelp))
		}
		keys = append(keys, help, k.Quit)
	}
	return common.PadLine(m.helpLine(keys), m.width)
}

func (m Model) helpLine(keys []key.Binding) string {
	s := m.styles
	parts := make([]string, 0, len(keys))
	for _, b := range keys {
		h := b.Help()
		parts = append(parts, s.HelpKey.Render(h.Key)+" "+s.HelpDesc.Render(h.Desc))
	}
	return strings.Join(parts, s.Dim.Render(" · "))
}

// helpMaxTop is the last useful help scroll position at this height.
func (m Model) helpMaxTop() int {
	rows := len(m.helpView(1<<20)) - 1 // without the title line
	avail := max(m.height-3-1, 1)      // the body, less the title line
	return max(rows-avail, 0)
}

// helpView is the full key list, by group, flowed into as many columns
// as the width allows.
func (m Model) helpView(h int) []string {
	s := m.styles
	k := m.keys
	groups := append([][]key.Binding{
		{k.Help, k.Quit, k.QuitPlain, k.NextTab, k.Tab1, k.Tab2, k.Tab3},
	}, m.tabs[m.active].fullHelp()...)
	type entry struct{ key, desc string }
	var entries []entry
	keyW, descW := 0, 0
	for gi, g := range groups {
		if gi > 0 && len(entries) > 0 {
			entries = append(entries, entry{}) // a gap between groups
		}
		for _, b := range g {
			hb := b.Help()
			if hb.Key == "" {
				continue
			}
			entries = append(entries, entry{hb.Key, hb.Desc})
			keyW = max(keyW, ansi.StringWidth(hb.Key))
			descW = max(descW, ansi.StringWidth(hb.Desc))
		}
	}
	// Columns wide enough for whole descriptions, as many as fit; rows
	// past the screen scroll (↑ ↓ pgup pgdn).
	colW := keyW + 2 + descW + 3
	cols := max(min(m.width/max(colW, 1), 4), 1)
	rows := (len(entries) + cols - 1) / cols
	cw := max(m.width/cols, 1)
	var body []string
	for r := 0; r < rows; r++ {
		var line strings.Builder
		for c := 0; c < cols; c++ {
			i := c*rows + r
			if i >= len(entries) || entries[i].key == "" {
				line.WriteString(strings.Repeat(" ", cw))
				continue
			}
			e := entries[i]
			cell := " " + s.HelpKey.Render(common.PadLine(e.key, keyW)) + "  " + s.HelpDesc.Render(e.desc)
			line.WriteString(common.PadLine(cell, cw))
		}
		body = append(body, line.String())
	}
	avail := max(h-1, 1)
	top := min(max(m.helpTop, 0), max(len(body)-avail, 0))
	more := ""
	if len(body) > avail {
		more = "  " + s.Dim.Render(fmt.Sprintf(m.text.HelpScroll, top+1, min(top+avail, len(body)), len(body)))
	}
	lines := []string{" " + s.PaneTitleFoc.Render(m.text.HelpTitle) + "  " + s.Dim.Render(m.text.HelpClose) + more}
	return append(lines, body[top:min(top+avail, len(body))]...)
}

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

	"github.com/netassist/netassist/netassist"
)

// Config is what the program hands the UI: the engines and where to start.
type Config struct {
	Store      *netassist.Store
	Server     *netassist.Server
	ListenAddr string // the Server tab's initial listen address
	StartTab   string // netassist.TabServer, TabClient or TabWeb
	IsDark     bool
	// Context ends the UI's background waits when the program stops.
	Context context.Context
	// FrameInterval is the shortest time between two redraws caused by
	// network data (default 33ms: at most 30 per second).
	FrameInterval time.Duration
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

// Model is the root model: a tab bar, the active tab, a status bar and the
// help overlay.
type Model struct {
	cfg    Config
	styles *Styles
	text   *Text
	keys   *KeyMap

	width, height int
	active        int
	showHelp      bool

	server serverTab

	status    string
	statusErr bool

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
	text := English
	styles := DefaultStyles(cfg.IsDark)
	keys := DefaultKeyMap(text)
	m := Model{cfg: cfg, styles: &styles, text: &text, keys: &keys}
	m.server = newServerTab(cfg, m.styles, m.text, m.keys)
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
	return tea.Batch(m.server.init(), waitForChange(m.cfg.Context, m.cfg.Store.Changed(), 0), tea.RequestBackgroundColor)
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
			*m.styles = DefaultStyles(dark)
			m.server.recv.invalidate()
		}
		return m, nil
	case changedMsg:
		// Nothing to do but redraw: View reads what it shows.
		return m, waitForChange(m.cfg.Context, m.cfg.Store.Changed(), m.cfg.FrameInterval)
	case statusMsg:
		m.status, m.statusErr = msg.text, msg.err
		return m, nil
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	return m, m.server.update(msg)
}

func (m Model) key(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	if key.Matches(msg, k.Quit) {
		return m, tea.Quit
	}
	if m.showHelp {
		if key.Matches(msg, k.Help, k.Back, k.QuitPlain) {
			m.showHelp = false
		}
		return m, nil
	}
	typing := m.active == tabServer && m.server.typing()
	switch {
	case key.Matches(msg, k.Help) && (!typing || msg.String() == "f1"):
		m.showHelp = true
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
	if m.active == tabServer {
		return m, m.server.update(msg)
	}
	return m, nil
}

func (m *Model) switchTab(i int) {
	m.seen[m.active] = m.activity(m.active)
	m.active = i
	m.seen[i] = m.activity(i)
}

// activity is a number that grows whenever a tab captures something.
func (m *Model) activity(i int) int64 {
	name := [...]string{netassist.TabServer, netassist.TabClient, netassist.TabWeb}[i]
	t := m.cfg.Store.Totals(name)
	return t.BytesIn + t.BytesOut + int64(t.Conns)
}

func (m *Model) layout() {
	// Lines: tab bar, tab body, status line, key hints.
	m.server.setSize(m.width, max(m.height-3, 0))
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
	case m.active == tabServer:
		lines = append(lines, m.server.view()...)
	default:
		lines = append(lines, m.placeholder(body)...)
	}
	lines = fitLines(lines, h-2, w)
	lines = append(lines, m.statusLine(), m.hintLine())
	return strings.Join(fitLines(lines, h, w), "\n")
}

// fitLines makes lines exactly n lines of exactly w cells.
func fitLines(lines []string, n, w int) []string {
	n = max(n, 0)
	if len(lines) > n {
		lines = lines[:n]
	}
	for i := range lines {
		lines[i] = padLine(lines[i], w)
	}
	for len(lines) < n {
		lines = append(lines, strings.Repeat(" ", max(w, 0)))
	}
	return lines
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

func (m Model) placeholder(h int) []string {
	names := []string{m.text.TabServer, m.text.TabClient, m.text.TabWeb}
	lines := make([]string, h)
	if h > 1 {
		lines[1] = "  " + fmt.Sprintf(m.text.ComingSoon, names[m.active])
	}
	if h > 2 {
		lines[2] = "  " + m.styles.Dim.Render(m.text.ComingSoonBody)
	}
	return lines
}

// statusLine shows the last action's result and the tab's counters.
func (m Model) statusLine() string {
	s := m.styles
	t := m.cfg.Store.Totals(netassist.TabServer)
	counters := s.StatusBar.Render(fmt.Sprintf(m.text.Counters, t.Open, t.Conns, formatSize(t.BytesIn), formatSize(t.BytesOut)))
	cw := ansi.StringWidth(counters)
	msg := safe(m.status)
	msgStyle := s.OK
	if m.statusErr {
		msgStyle = s.Error
	}
	avail := m.width - cw - 3
	if avail < 10 {
		return padLine(msgStyle.Render(msg), m.width)
	}
	return padLine(msgStyle.Render(ansi.Truncate(msg, avail, "…")), avail) + s.Dim.Render(" │ ") + counters
}

// hintLine shows the keys that matter now.
func (m Model) hintLine() string {
	k := m.keys
	var keys []key.Binding
	if m.showHelp {
		keys = []key.Binding{k.Help, k.Quit}
	} else {
		if m.active == tabServer {
			keys = m.server.helpKeys()
		}
		help := k.Help
		if m.active == tabServer && m.server.typing() {
			help = key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", m.text.KeyHelp))
		}
		keys = append(keys, help, k.Quit)
	}
	return padLine(m.helpLine(keys), m.width)
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

// helpView is the full key list, by group.
func (m Model) helpView(h int) []string {
	s := m.styles
	k := m.keys
	groups := append([][]key.Binding{
		{k.Help, k.Quit, k.QuitPlain, k.NextTab, k.Tab1, k.Tab2, k.Tab3},
	}, m.server.fullHelp()...)
	lines := []string{" " + s.PaneTitleFoc.Render(m.text.HelpTitle), ""}
	for _, g := range groups {
		for _, b := range g {
			hb := b.Help()
			lines = append(lines, fmt.Sprintf("   %s  %s", s.HelpKey.Render(padLine(hb.Key, 12)), s.HelpDesc.Render(hb.Desc)))
		}
		lines = append(lines, "")
	}
	lines = append(lines, " "+s.Dim.Render(m.text.HelpClose))
	if len(lines) > h && h > 0 {
		// Two columns when the list is taller than the screen.
		half := (len(lines) + 1) / 2
		left, right := lines[:half], lines[half:]
		cw := max(m.width/2, 1)
		merged := make([]string, 0, half)
		for i := range left {
			r := ""
			if i < len(right) {
				r = right[i]
			}
			merged = append(merged, padLine(left[i], cw)+r)
		}
		lines = merged
	}
	return lines
}

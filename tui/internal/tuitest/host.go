package tuitest

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/tui/common"
)

// frameInterval is the shortest time between two redraws caused by
// network data in tests: short, so waits are short, but not so short that
// a flood makes a frame per millisecond (the program's default is 33ms).
const frameInterval = 10 * time.Millisecond

// Host runs one tab as a whole program, laid out as the root lays it out
// below its tab bar: the tab, a status line (the last status message │ the
// tab's counters) and the key hints. It quits on ctrl+c, gives the tab
// every other message, and redraws when the store changes.
type Host struct {
	Tab     common.Tab
	c       common.Common
	changed <-chan struct{}

	width, height int
	status        string
	statusAt      time.Time
}

// NewHost hosts tab; changed is the store's change signal.
func NewHost(c common.Common, tab common.Tab, changed <-chan struct{}) *Host {
	return &Host{Tab: tab, c: c, changed: changed}
}

// Init starts the tab and the wait for store changes.
func (h *Host) Init() tea.Cmd {
	return tea.Batch(common.WaitForFrame(h.c.Context(), h.changed, h.c.Again, 0), h.Tab.Init())
}

// Update handles msg.
func (h *Host) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		h.width, h.height = msg.Width, msg.Height
		h.Tab.SetSize(h.width, max(h.height-2, 0))
		return h, nil
	case common.ChangedMsg:
		return h, common.WaitForFrame(h.c.Context(), h.changed, h.c.Again, frameInterval)
	case common.StatusMsg:
		if newer, at := msg.Newer(h.statusAt); newer {
			h.status, h.statusAt = msg.Text, at
		}
		return h, nil
	case tea.KeyPressMsg:
		if key.Matches(msg, h.c.Keys.Quit) {
			return h, tea.Quit
		}
	}
	return h, h.Tab.Update(msg)
}

// View draws the tab, the status line and the key hints.
func (h *Host) View() tea.View {
	lines := common.Stack(common.Lines(h.Tab.View()), h.height-2, h.width) // exactly its size
	hints := help.New()
	hints.ShortSeparator = " · "
	keys := append(h.Tab.ShortHelp(), h.c.Keys.Quit)
	lines = append(lines, common.PadLine(h.status+" │ "+h.Tab.Counters(), h.width),
		common.PadLine(hints.ShortHelpView(keys), h.width))
	v := tea.NewView(strings.Join(common.Stack(lines, h.height, h.width), "\n"))
	if h.width <= 0 || h.height <= 0 {
		v.Content = ""
	}
	return v
}

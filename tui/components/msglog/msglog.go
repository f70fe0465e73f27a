// Package msglog is the message log: the last statuses of every tab (the
// results of actions and every error), kept whole, shown as an overlay a
// key away (f9) when the status line had to cut one short, or to read
// what happened a minute ago on another tab.
package msglog

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/tui/common"
)

// Cap is how many messages the log keeps; older ones leave.
const Cap = 100

// Entry is one message: when, which tab's, its text (the UI's words with
// network text already made safe), and whether it is an error.
type Entry struct {
	At   time.Time
	Tab  string // the tab's label, as the tab bar shows it
	Text string
	Err  bool
}

// Model is a Component: it draws the log in a box of its size.
var _ common.Component = (*Model)(nil)

// Model is the log: a ring of the last Cap entries and a scroll position
// (the bottom, newest, until the user scrolls).
type Model struct {
	c       common.Common
	entries []Entry // oldest first; at most Cap
	top     int     // first line shown
	follow  bool    // stay at the bottom as entries arrive
	width   int
	height  int
	lines   []string // entries laid out at lineW (nil: stale)
	lineW   int
}

// New returns an empty log.
func New(c common.Common) *Model { return &Model{c: c, follow: true} }

// Add appends e, dropping the oldest entry past Cap. Text is stored as
// given (through common.Safe when drawn).
func (m *Model) Add(e Entry) {
	if len(m.entries) == Cap {
		copy(m.entries, m.entries[1:])
		m.entries = m.entries[:Cap-1]
	}
	m.entries = append(m.entries, e)
	m.lines = nil
}

// Len is the number of messages kept.
func (m *Model) Len() int { return len(m.entries) }

// Entries returns a copy of the messages kept, oldest first.
func (m *Model) Entries() []Entry { return append([]Entry(nil), m.entries...) }

// Init does nothing.
func (m *Model) Init() tea.Cmd { return nil }

// Update scrolls with the shared scroll keys.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		common.ScrollKey(k, m.c.Keys, m)
	}
	return nil
}

// SetSize sizes the box.
func (m *Model) SetSize(w, h int) { m.width, m.height = max(w, 0), max(h, 0) }

// ShowNewest scrolls to the newest message (as the log opens).
func (m *Model) ShowNewest() { m.follow = true }

func (m *Model) inner() (w, h int) { return max(m.width-2, 0), max(m.height-2, 0) }

// MoveBy, MoveToTop, MoveToBottom and PageSize make the log a
// common.Scroller.
func (m *Model) MoveBy(n int) {
	m.layout()
	_, h := m.inner()
	if m.follow {
		m.top = max(len(m.lines)-h, 0)
	}
	m.top = min(max(m.top+n, 0), max(len(m.lines)-h, 0))
	m.follow = m.top >= len(m.lines)-h
}
func (m *Model) MoveToTop()    { m.follow = false; m.top = 0 }
func (m *Model) MoveToBottom() { m.follow = true }
func (m *Model) PageSize() int { _, h := m.inner(); return max(h-1, 1) }

// ShortHelp is the keys of the open log.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	closeKey := key.NewBinding(key.WithKeys("esc", "f9"), key.WithHelp("esc/f9", m.c.Text.Root.KeyLogEnd))
	return []key.Binding{k.Up, k.PageUp, k.Top, closeKey}
}

// FullHelp is the same keys.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// layout wraps every entry to the inner width: "15:04:05 Server ✗ text",
// continuation lines indented under the text.
func (m *Model) layout() {
	w, _ := m.inner()
	if m.lines != nil && m.lineW == w {
		return
	}
	m.lineW, m.lines = w, []string{}
	s := m.c.Styles
	for _, e := range m.entries {
		mark, st := "  ", s.OK
		if e.Err {
			mark, st = "✗ ", s.Error
		}
		lead := e.At.Format("15:04:05") + " " + e.Tab + " "
		indent := ansi.StringWidth(lead) + 2
		room := max(w-indent, 8)
		text := common.Safe(e.Text)
		for i, part := range strings.Split(ansi.Wrap(text, room, ""), "\n") {
			if i == 0 {
				m.lines = append(m.lines, s.Dim.Render(lead)+st.Render(mark+part))
			} else {
				m.lines = append(m.lines, strings.Repeat(" ", indent)+st.Render(part))
			}
		}
	}
}

// View draws the box of exactly the size given, the newest messages at the
// bottom unless scrolled.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	m.layout()
	_, h := m.inner()
	if m.follow {
		m.top = max(len(m.lines)-h, 0)
	}
	m.top = min(m.top, max(len(m.lines)-h, 0))
	body := m.lines[m.top:min(m.top+h, len(m.lines))]
	if len(m.entries) == 0 {
		body = []string{m.c.Styles.Dim.Render(m.c.Text.Root.LogEmpty)}
	}
	title := fmt.Sprintf(m.c.Text.Root.LogTitle, len(m.entries), Cap)
	return common.BoxView(m.c.Styles, title, body, m.width, m.height, true)
}

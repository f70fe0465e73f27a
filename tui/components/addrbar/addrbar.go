// Package addrbar is the address line at the top of every tab: a label,
// the address field, and the state of what the tab does with the address
// (listening, starting, connecting, connected, closed, failed with its
// reason), with a warning when a listener is reachable from the network
// (DESIGN.md §2).
package addrbar

import (
	"fmt"
	"net"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/tui/common"
)

// Phase is the kind of state shown, which sets its mark and colour.
type Phase int

// The phases.
const (
	Idle   Phase = iota // ○ dim: not listening, idle, starting, stopped
	Busy                // ◌ warning: connecting
	Up                  // ● ok: listening, connected
	Closed              // ○ the closed style: closed by the peer or by us
	Failed              // the error style, no mark: Text is the reason
)

// State is what the line says after the field. Every part is already
// worded (and sanitized where it holds network text); empty parts are left
// out.
type State struct {
	Phase  Phase
	Text   string   // the state, after the phase's mark
	Detail string   // dim, after Text: " · 0:12", " — edit the address…"
	Warn   string   // warning style, after Detail: " · FIN sent"
	Listen net.Addr // a listening address: off loopback, the line warns
	Err    string   // the last error, last ("✗ …"); alone when Text is ""
}

// Exposed reports whether a listening address is reachable from the
// network: a TCP address not on loopback.
func Exposed(a net.Addr) bool {
	switch a := a.(type) {
	case *net.TCPAddr:
		return !a.IP.IsLoopback()
	case *net.UDPAddr:
		return !a.IP.IsLoopback()
	}
	return false
}

// Model is a pane: a Component that can hold the focus.
var (
	_ common.Component = (*Model)(nil)
	_ common.Focusable = (*Model)(nil)
)

// Model is the address line.
type Model struct {
	c       common.Common
	label   string
	tag     string // the protocol after the label (SetTag): "TCP", "TLS", "UDP"
	input   textinput.Model
	fitText bool // size the field to its text (else a third of the line, at most 30)
	hints   []key.Binding
	state   State
	width   int
	height  int

	reachKey, reachText string // Reachable's answer for the listener (reach.go)
}

// New returns an address line labelled label, holding value. With
// fitText the field is as wide as its text or placeholder (the Client
// tab's, so the state and its error get the rest of the line). hints are
// the keys its ShortHelp lists while it has focus.
func New(c common.Common, label, value, placeholder string, fitText bool, hints ...key.Binding) *Model {
	ti := common.NewInput(c, 256)
	ti.Placeholder = placeholder
	ti.SetValue(value)
	return &Model{c: c, label: label, input: ti, fitText: fitText, hints: hints}
}

// Init does nothing.
func (m *Model) Init() tea.Cmd { return nil }

// Update edits the field (keys and pastes). A paste that is not one
// line is refused in the status line, not cut (common.PasteLine).
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if p, ok := msg.(tea.PasteMsg); ok {
		cmd, err := common.PasteLine(m.c, &m.input, p.Content)
		if err != nil {
			return common.Status(err.Error(), true)
		}
		m.fit()
		return cmd
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	m.fit()
	return cmd
}

// Value is the address typed, without surrounding spaces.
func (m *Model) Value() string { return strings.TrimSpace(m.input.Value()) }

// SetValue replaces the address (for example with the one that answered),
// the cursor at its end.
func (m *Model) SetValue(s string) {
	m.input.SetValue(s)
	m.input.CursorEnd()
	m.fit()
}

// SetTag sets the tag drawn between the label and the field: the tab's
// protocol ("TCP", "TLS", "UDP"; "" for none).
func (m *Model) SetTag(tag string) { m.tag = tag }

// SetState sets what the line says after the field.
func (m *Model) SetState(s State) { m.state = s }

// SetSize sizes the line (one row is all it draws).
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.fit()
}

func (m *Model) fit() {
	if !m.fitText {
		m.input.SetWidth(max(min(m.width/3, 30), 1))
		return
	}
	n := max(ansi.StringWidth(m.input.Value()), ansi.StringWidth(m.input.Placeholder)) + 2
	m.input.SetWidth(max(min(n, m.width/3, 48), 1))
}

// Focus puts the cursor in the field.
func (m *Model) Focus() tea.Cmd { return m.input.Focus() }

// Blur takes the cursor out.
func (m *Model) Blur() { m.input.Blur() }

// Focused reports whether the field has the cursor.
func (m *Model) Focused() bool { return m.input.Focused() }

// TakesText is true: the field is an editor.
func (m *Model) TakesText() bool { return true }

// ShortHelp is the hints given to New.
func (m *Model) ShortHelp() []key.Binding { return m.hints }

// FullHelp is the same keys as one group.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.hints} }

// View is the line: label, field, state; exactly the width given (and
// blank lines below it, if given more height).
func (m *Model) View() string {
	s := m.c.Styles
	label := s.PaneTitle.Render(m.label)
	if m.Focused() {
		label = s.PaneTitleFoc.Render(m.label)
	}
	if m.tag != "" {
		label += s.OptOn.Render(m.tag) + " "
	}
	head := label + m.input.View() + "  "
	// The state gives way at a word, marked "…": an address cut to
	// "127.0.0.1:2707" would name another port.
	room := m.width - ansi.StringWidth(head)
	text := m.stateText(false)
	if ansi.StringWidth(text) > room && m.state.Phase == Up {
		// Too narrow: the mark alone says "up" (the field beside it holds
		// the address), so a warning or an error keeps its words.
		text = m.stateText(true)
	}
	state := common.CutWords(text, room)
	return common.Fit([]string{head + state}, m.width, m.height)
}

// stateText renders the state: mark and text in the phase's style, then
// the detail, the warnings and the error; compact leaves out an Up
// state's text ("listening on ADDR") but keeps its mark.
func (m *Model) stateText(compact bool) string {
	s, st := m.c.Styles, m.state
	var out string
	if st.Text != "" {
		switch st.Phase {
		case Busy:
			out = s.Warning.Render("◌ " + st.Text)
		case Up:
			if compact {
				out = s.OK.Render("●")
			} else {
				out = s.OK.Render("● " + st.Text)
			}
		case Closed:
			out = s.Closed.Render("○ " + st.Text)
		case Failed:
			out = s.Error.Render(st.Text)
		default:
			out = s.Dim.Render("○ " + st.Text)
		}
	}
	if st.Detail != "" {
		out += s.Dim.Render(st.Detail)
	}
	if st.Warn != "" {
		out += s.Warning.Render(st.Warn)
	}
	if st.Listen != nil && Exposed(st.Listen) {
		// In presenter mode, where others connect (for the class to
		// read off the screen), then the warning.
		if r := m.reach(); r != "" && s.HighContrast {
			out += " · " + s.OK.Render(fmt.Sprintf(m.c.Text.Root.ReachAt, r))
		}
		out += " " + s.Warning.Render("⚠ "+m.c.Text.ExposedWarning)
	}
	if st.Err != "" {
		if out != "" {
			out += " "
		}
		out += s.Error.Render("✗ " + st.Err)
	}
	return out
}

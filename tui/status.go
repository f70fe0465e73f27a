package tui

import (
	"reflect"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/msglog"
)

// maxStatusLines is the most lines a status takes: a message too long for
// them ends in a pointer to the message log, which keeps it whole.
const maxStatusLines = 3

// tabStatus is the status line of one tab: the last result or error of an
// action there.
type tabStatus struct {
	text string
	err  bool
	at   time.Time // when it was decided
}

var cmdType = reflect.TypeFor[tea.Cmd]()

// tagStatus returns cmd with every StatusMsg it yields (also inside
// tea.Batch and tea.Sequence) marked as tab's: the root gives each tab its
// own status line, and a result that arrives after the user moved to
// another tab still lands on the tab that asked for it.
func tagStatus(tab common.TabName, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		msg := cmd()
		switch m := msg.(type) {
		case common.StatusMsg:
			if m.Tab == "" {
				m.Tab = tab
			}
			return m
		case tea.BatchMsg:
			out := make(tea.BatchMsg, len(m))
			for i, c := range m {
				out[i] = tagStatus(tab, c)
			}
			return out
		case nil:
			return nil
		}
		// tea.Sequence's message is an unexported []tea.Cmd: rebuild it
		// with each Cmd tagged, keeping its type so the program still
		// runs them in order.
		v := reflect.ValueOf(msg)
		if v.Kind() != reflect.Slice || v.Type().Elem() != cmdType {
			return msg
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			c, _ := v.Index(i).Interface().(tea.Cmd)
			out.Index(i).Set(reflect.ValueOf(tagStatus(tab, c)))
		}
		return out.Interface()
	}
}

// tabUpdate gives msg to tab i and tags the statuses its Cmd yields.
func (m *Model) tabUpdate(i int, msg tea.Msg) tea.Cmd {
	return tagStatus(m.tabs[i].Name(), m.tabs[i].Update(msg))
}

// tabIndex is the index of the tab named n (the shown tab if none is).
func (m *Model) tabIndex(n common.TabName) int {
	for i, t := range m.tabs {
		if t.Name() == n {
			return i
		}
	}
	return m.active
}

// setStatus records a status on tab i (if decided after the one shown
// there) and in the message log.
func (m *Model) setStatus(i int, text string, isErr bool, at time.Time) {
	text = common.Counted(m.c.Lang, text)
	if !at.Before(m.status[i].at) {
		m.status[i] = tabStatus{text: text, err: isErr, at: at}
	}
	m.log.Add(msglog.Entry{At: at, Tab: m.tabLabel(i), Text: text, Err: isErr})
	m.resize()
}

// statusLines is the status of the shown tab and its counters: one line,
// the message beside the counters when both fit, else the message alone
// (counters hidden while it shows); a message wider than the screen is
// wrapped, whole, on up to maxStatusLines lines, its last line pointing to
// the message log if even they are too few. The count of lines depends
// only on the message and the width (statusHeight), not on the counters,
// so the layout does not move as bytes arrive.
func (m Model) statusLines() []string {
	s, w := m.c.Styles, m.width
	st := m.status[m.active]
	msgStyle := s.OK
	if st.err {
		msgStyle = s.Error
	}
	msg := common.Safe(st.text)
	if lines := m.wrapStatus(msg); len(lines) > 1 {
		for i, l := range lines {
			lines[i] = common.PadLine(msgStyle.Render(l), w)
		}
		return lines
	}
	// Whole message first, then the record badge, then the counters: each
	// shows when it fits after those before it.
	sep := s.Dim.Render(" │ ")
	right := ""
	for _, part := range []string{
		recordBadge(m.c, m.cfg.RecordPath, m.recordErr != nil),
		s.StatusBar.Render(common.Counted(m.c.Lang, m.tabs[m.active].Counters())),
	} {
		if part == "" {
			continue
		}
		with := part
		if right != "" {
			with = right + sep + part
		}
		if ansi.StringWidth(msg)+3+ansi.StringWidth(with) <= w {
			right = with
		}
	}
	if right == "" {
		return []string{common.PadLine(msgStyle.Render(msg), w)}
	}
	return []string{msgStyle.Render(common.PadLine(msg, max(w-ansi.StringWidth(right)-3, 0))) + sep + right}
}

// wrapStatus is msg in lines of the screen's width: one if it fits, else
// at most maxStatusLines, the last ending with where the rest is.
func (m Model) wrapStatus(msg string) []string {
	w := max(m.width, 1)
	if ansi.StringWidth(msg) <= w {
		return []string{msg}
	}
	lines := common.WrapWords(msg, w) // flags stay whole: "--cacert"
	if len(lines) > maxStatusLines {
		more := m.c.Text.Root.LogMore
		last := ansi.Truncate(strings.Join(lines[maxStatusLines-1:], " "), max(w-ansi.StringWidth(more), 0), "")
		lines = append(lines[:maxStatusLines-1], last+more)
	}
	return lines
}

// statusHeight is how many lines the shown tab's status takes.
func (m Model) statusHeight() int {
	return len(m.wrapStatus(common.Safe(m.status[m.active].text)))
}

package sendpane

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/tui/common"
)

// promptKind says what the one-line field under the send box asks for.
type promptKind int

const (
	promptNone   promptKind = iota
	promptRepeat            // the repeat interval
	promptFile              // the path of a file to send
	promptSplit             // a file to a UDP target: one datagram, or split at a size
)

// prompt is the field that alt+y (interval) and ctrl+o (file path)
// open in place of the preview line. While it is open it takes every key.
type prompt struct {
	c       common.Common
	kind    promptKind
	input   textinput.Model
	err     string   // inline error (bad interval, unreadable file)
	matches []string // completion candidates shown after a tab
	gen     int      // numbers completions, so a stale one is dropped
	maxW    int      // the widest the field grows (set with the pane's size)

	maxDatagram int // promptSplit: the target's largest datagram
}

func newPrompt(c common.Common) prompt {
	return prompt{c: c, input: common.NewInput(c, 4096)}
}

func (q *prompt) open() bool { return q.kind != promptNone }

// show opens the field for kind with value.
func (q *prompt) show(kind promptKind, value string) tea.Cmd {
	q.kind, q.err, q.matches = kind, "", nil
	q.gen++
	q.input.SetValue(value)
	q.input.CursorEnd()
	q.fit()
	return q.input.Focus()
}

// fit sizes the field to its text, so what follows it (the error, the
// candidates) stays on screen, and scrolls the text to the cursor again.
func (q *prompt) fit() {
	q.input.SetWidth(min(max(ansi.StringWidth(q.input.Value())+1, 12), max(q.maxW, 12)))
	q.input.SetCursor(q.input.Position())
}

func (q *prompt) close() {
	q.kind, q.err, q.matches = promptNone, "", nil
	q.gen++
	q.input.Blur()
}

// update edits the field; any edit clears the error and the candidates.
// The split field takes digits only: an edit that would put anything
// else in it is undone, and the error says what it takes.
func (q *prompt) update(msg tea.Msg) tea.Cmd {
	before, pos := q.input.Value(), q.input.Position()
	var cmd tea.Cmd
	q.input, cmd = q.input.Update(msg)
	if q.notNumber(before, pos) {
		return nil
	}
	if q.input.Value() != before {
		q.err, q.matches = "", nil
		q.gen++
		q.fit()
	}
	return cmd
}

// view is the field's line: label, field, then the error, the candidates
// or the key hint.
func (q *prompt) view(width int) string {
	s, t := q.c.Styles, &q.c.Text.Compose
	label, hint := t.RepeatPrompt, t.RepeatHint
	switch q.kind {
	case promptFile:
		label, hint = t.FilePrompt, t.FileHint
	case promptSplit:
		tt := &q.c.Text.Transport
		label, hint = tt.SplitPrompt, fmt.Sprintf(tt.SplitHint, q.maxDatagram)
	}
	line := s.PaneTitleFoc.Render(label) + q.input.View() + "  "
	switch {
	case q.err != "":
		line += s.Error.Render(common.Typed(q.err))
	case q.matches != nil && len(q.matches) == 0:
		line += s.Warning.Render(t.FileNoMatch)
	case len(q.matches) > 0:
		line += s.Dim.Render(fmt.Sprintf(t.FileMatches, common.Safe(strings.Join(q.matches, "  "))))
	default:
		line += s.Dim.Render(hint)
	}
	return ansi.Truncate(line, width, "…")
}

// paste puts pasted text in the field when it is one line (a final line
// break, as a copied line has, is left out); anything else is refused
// with the reason in the field's error, never cut or rewritten.
func (q *prompt) paste(s string) tea.Cmd {
	before, pos := q.input.Value(), q.input.Position()
	cmd, err := common.PasteLine(q.c, &q.input, s)
	if err != nil {
		q.err = err.Error()
		return nil
	}
	if q.notNumber(before, pos) {
		return nil
	}
	if q.input.Value() != before {
		q.err, q.matches = "", nil
		q.gen++
		q.fit()
	}
	return cmd
}

// notNumber undoes an edit of the split field that put anything but
// digits in it (back to before, the cursor at pos) and says what the
// field takes; it reports whether it did.
func (q *prompt) notNumber(before string, pos int) bool {
	if q.kind != promptSplit {
		return false
	}
	v := q.input.Value()
	if strings.IndexFunc(v, func(r rune) bool { return r < '0' || r > '9' }) < 0 {
		return false
	}
	q.input.SetValue(before)
	q.input.SetCursor(pos)
	q.fit()
	q.err = fmt.Sprintf(q.c.Text.Transport.SplitDigits, q.maxDatagram)
	return true
}

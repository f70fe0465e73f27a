package sendpane

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/netassist/compose"
	"github.com/netassist/netassist/tui/common"
)

// Pasting never changes bytes (issue 12 item 2). The editor (bubbles'
// textarea) cannot hold a TAB, a CR, a control character or a byte that
// is not UTF-8: its sanitizer turns CR and LF each into a line break (so
// a CRLF file doubled every line), a TAB into four spaces, and drops the
// rest. So a paste is written into the editor the way a person would type
// the same bytes: each line break (CR LF, LF, or the lone CR most
// terminals send for one) a typed line break, everything else that the
// editor cannot hold as an escape (\t, \x1B, \xFF …), and a backslash as
// \\ (compose.QuotePaste). With escapes off, a paste that needs them turns
// them on and doubles the backslashes already typed, so the bytes those
// stand for do not change either; the status line says so.

// maxEditorLines is the textarea's hard limit on lines (its maxLines): a
// paste past it would be cut without a word.
const maxEditorLines = 10000

// maxEditorBytes bounds the editor's text (breaker report 1 #11): the
// textarea lays out and draws all of its text on every key, about 1.4 ms
// a KiB on two shared cores, so a 1 MB paste took 1.3 s a key and
// blocked the whole UI. 80 KiB holds the largest UDP datagram (65,507
// bytes) written out with its line breaks, at about 0.15 s a key; bigger
// payloads go as a file (ctrl+o), which is paced and never drawn whole.
const maxEditorBytes = 80 << 10

// paste writes pasted text into the editor.
func (p *Model) paste(s string) tea.Cmd {
	et := &p.c.Text.Editor
	var text string
	var cmd tea.Cmd
	switch {
	case p.hexMode:
		// In hex, TABs and line breaks are only spaces between pairs;
		// anything else that is not a digit stays, escaped, for Hex to
		// point at.
		text, _ = compose.QuotePaste(strings.ReplaceAll(s, "\t", " "), compose.Options{Escapes: true})
	default:
		var ok bool
		if text, ok = compose.QuotePaste(s, p.opts); !ok {
			p.escapesOn()
			text, _ = compose.QuotePaste(s, p.opts)
			cmd = common.Status(fmt.Sprintf(et.PasteEscapesOn, escapesIn(s)), false)
		}
	}
	if n := p.editor.LineCount() + strings.Count(text, "\n"); n > maxEditorLines {
		return common.Status(fmt.Sprintf(et.PasteTooTall, n, maxEditorLines), true)
	}
	if n := len(p.editor.Value()) + len(text); n > maxEditorBytes {
		return common.Status(fmt.Sprintf(et.PasteTooBig, common.FormatSize(int64(n)), common.FormatSize(maxEditorBytes)), true)
	}
	var edCmd tea.Cmd
	p.editor, edCmd = p.editor.Update(tea.PasteMsg{Content: text})
	return tea.Batch(cmd, edCmd)
}

// escapesOn turns escapes on and rewrites the editor's text so that it
// still makes the same bytes: each backslash typed while they were off
// is doubled. The cursor stays where it was (after the selection is
// deleted, as the paste would have done).
func (p *Model) escapesOn() {
	p.opts.Escapes = true
	if p.editor.HasSelection() {
		p.editor.DeleteSelection()
	}
	val := p.editor.Value()
	if !strings.Contains(val, `\`) {
		return
	}
	cursor := cursorOffset(val, p.editor.Line(), p.editor.Column())
	double := func(s string) string { return strings.ReplaceAll(s, `\`, `\\`) }
	before := double(val[:cursor])
	p.replaceText(before+double(val[cursor:]), len(before))
}

// escapesIn lists, once each and in order, the escapes a paste needs:
// "\t \x1B".
func escapesIn(s string) string {
	q, _ := compose.QuotePaste(s, compose.Options{Escapes: true})
	var out []string
	seen := map[string]bool{}
	for i := 0; i+1 < len(q); i++ {
		if q[i] != '\\' {
			continue
		}
		n := 2
		if q[i+1] == 'x' {
			n = 4
		}
		e := q[i : i+n]
		i += n - 1
		if e != `\\` && !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
		if len(out) == 6 {
			out = append(out, "…")
			break
		}
	}
	return strings.Join(out, " ")
}

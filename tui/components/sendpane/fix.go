package sendpane

import (
	"fmt"
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/httpserve/check"
	"github.com/netassist/netassist/netassist/compose"
	"github.com/netassist/netassist/netassist/render"
	"github.com/netassist/netassist/tui/common"
)

// The checker's fix key applies, one finding at a time (as check --fix
// does), every fix that has a single right answer (check.Fix: a CR before
// a bare LF, the missing blank line, Content-Length set to the body's
// size, Content-Length dropped beside Transfer-Encoding). A fix is worked
// out on the bytes the typed text makes, then written back into the text
// where those bytes came from: only the typed elements (characters,
// escapes, line breaks) that make the changed bytes are rewritten, so the
// rest of what was typed — escapes, line breaks, characters — stays as
// typed. Text with macros is left alone (their values are not typed).

// applyFix applies the checker's fixes to the editor's text.
func (p *Model) applyFix() tea.Cmd {
	et := &p.c.Text.Editor
	if p.hexMode {
		return common.Status(et.CheckFixHex, true)
	}
	o := p.opts
	o.FixContentLength = false // applied after the text, at send time
	val := p.editor.Value()
	cursor := cursorOffset(val, p.editor.Line(), p.editor.Column())
	var codes []string
	for range 64 {
		base, err := compose.Text(val, o)
		if err != nil {
			return common.Status(p.errText(err), true)
		}
		if compose.HasMacros(base) {
			return common.Status(et.CheckFixMacros, true)
		}
		applied := false
		for _, f := range check.Check(base, check.Options{Methods: p.check.methods}) {
			if !check.Fixable(f) {
				continue
			}
			fixed, ok := check.Fix(base, f)
			if !ok {
				continue
			}
			next, from, to, repl, ok := rewrite(val, o, base, fixed)
			if !ok {
				continue
			}
			switch {
			case cursor >= to:
				cursor += repl - (to - from)
			case cursor > from:
				cursor = from + repl
			}
			val, applied = next, true
			codes = append(codes, f.Code)
			break
		}
		if !applied {
			break
		}
	}
	if len(codes) == 0 {
		return common.Status(et.CheckNoFix, true)
	}
	p.replaceText(val, cursor)
	p.edLines = nil
	return tea.Batch(common.Status(fmt.Sprintf(et.CheckFixed, strings.Join(codes, ", ")), false), p.touch())
}

// rewrite returns the text that makes fixed where val makes old: the
// bytes that differ are traced back to the typed elements that make them
// (widened to whole elements), and only those are written anew
// (compose.Quote). It reports the text range replaced, [from, to), and
// the length of what replaced it; ok is false when the result would not
// make exactly fixed.
func rewrite(val string, o compose.Options, old, fixed []byte) (next string, from, to, repl int, ok bool) {
	pre := 0
	for pre < len(old) && pre < len(fixed) && old[pre] == fixed[pre] {
		pre++
	}
	suf := 0
	for suf < len(old)-pre && suf < len(fixed)-pre && old[len(old)-1-suf] == fixed[len(fixed)-1-suf] {
		suf++
	}
	bounds := elements(val, o)
	// The last element boundary at or before the first changed byte, and
	// the first at or after the end of the changed bytes.
	start, end := bounds[0], bounds[len(bounds)-1]
	for _, b := range bounds {
		if b.bytes <= pre {
			start = b
		}
	}
	for i := len(bounds) - 1; i >= 0; i-- {
		if bounds[i].bytes >= len(old)-suf {
			end = bounds[i]
		}
	}
	mid := fixed[start.bytes : end.bytes+len(fixed)-len(old)]
	q, ok := compose.Quote(mid, o)
	if !ok {
		return "", 0, 0, 0, false
	}
	next = val[:start.text] + q + val[end.text:]
	if got, err := compose.Text(next, o); err != nil || string(got) != string(fixed) {
		return "", 0, 0, 0, false
	}
	return next, start.text, end.text, len(q), true
}

// boundary is the start of a typed element: its offset in the text and
// that of its bytes.
type boundary struct{ text, bytes int }

// elements lists the boundaries of val's typed elements — an escape, a
// line break, a character — from 0 to the end of both, as compose.Text
// makes them under o (val composes without error).
func elements(val string, o compose.Options) []boundary {
	out := make([]boundary, 0, len(val)+1)
	b := 0
	for i := 0; i < len(val); {
		out = append(out, boundary{i, b})
		c := val[i]
		n := 1
		switch {
		case c == '\\' && o.Escapes && i+1 < len(val):
			n = 2
			if val[i+1] == 'x' {
				n = 4
			}
		case c >= utf8.RuneSelf:
			_, n = utf8.DecodeRuneInString(val[i:])
		}
		n = min(n, len(val)-i)
		switch {
		case c < utf8.RuneSelf && c != '\\' && c != '\n':
			b++
		case c >= utf8.RuneSelf && o.Encoding == render.UTF8:
			b += n
		default:
			enc, _ := compose.Text(val[i:i+n], o)
			b += len(enc)
		}
		i += n
	}
	return append(out, boundary{len(val), b})
}

// cursorOffset is the byte offset in val of row, col (col in runes).
func cursorOffset(val string, row, col int) int {
	off := 0
	for r := 0; r < row; r++ {
		i := strings.IndexByte(val[off:], '\n')
		if i < 0 {
			return len(val)
		}
		off += i + 1
	}
	line := val[off:]
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	for range col {
		if line == "" {
			break
		}
		_, n := utf8.DecodeRuneInString(line)
		off, line = off+n, line[n:]
	}
	return off
}

// replaceText puts val in the editor with the cursor at byte offset
// cursor: the text after it is set first, then the text before it is
// inserted at the start, which leaves the cursor right after it.
func (p *Model) replaceText(val string, cursor int) {
	cursor = min(max(cursor, 0), len(val))
	p.editor.SetValue(val[cursor:])
	p.editor.MoveToBegin()
	p.editor.InsertString(val[:cursor])
	p.edLines = nil
}

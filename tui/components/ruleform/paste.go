package ruleform

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/netassist/autoreply"
	"github.com/netassist/netassist/netassist/compose"
	"github.com/netassist/netassist/tui/common"
)

// A paste into the form is kept byte for byte (issue 12 item 2): the
// fields are one-line text inputs, which would turn line breaks and TABs
// into spaces and drop other control characters, so a paste is written
// the way the field reads it back —
//
//   - a pattern or reply as text: compose.QuoteLine (escapes \r \n \t
//     \xHH, a backslash doubled), and in a reply a "$" that would start a
//     group reference doubled ("$1" → "$$1");
//   - a regex pattern: the paste is regular-expression source, so its
//     backslashes stay; control and invisible characters become RE2's
//     escapes (\t \r \n \x{1B}); a byte that is not UTF-8 cannot be
//     matched by a Go regexp and the paste is refused;
//   - hex: line breaks and TABs are spaces between pairs, anything else
//     that is not a digit stays, escaped, for the verdict to point at.
//
// A paste whose line ends a terminal made CR CR (tmux's paste-buffer
// without -r, from a CRLF file) has them as CR LF again, as in the send
// editor. A paste longer than the field holds is refused, not cut.

// paste writes s into the focused text field.
func (f *Model) paste(s string) tea.Cmd {
	in := f.input()
	if in == nil {
		return nil
	}
	et := &f.c.Text.Editor
	// A CRLF text that tmux's paste-buffer sent as CR CR gets its CR LFs
	// back, as the send editor reads it (compose.QuotePaste).
	s = compose.UnfoldCRCR(s)
	var text string
	switch {
	case f.field == FieldPattern && matchKinds[f.kind] == autoreply.Regex:
		var bad string
		if text, bad = quoteRegex(s); bad != "" {
			return common.Status(fmt.Sprintf(et.PasteRegexBytes, bad), true)
		}
	case (f.field == FieldPattern && f.patternHex) || (f.field == FieldReply && f.replyHex):
		text = compose.QuoteLine([]byte(strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ", "\t", " ").Replace(s)))
	case f.field == FieldReply:
		text = doubleRefs(compose.QuoteLine([]byte(s)))
	default:
		text = compose.QuoteLine([]byte(s))
	}
	if in.CharLimit > 0 && utf8.RuneCountInString(in.Value())+utf8.RuneCountInString(text) > in.CharLimit {
		return common.Status(fmt.Sprintf(et.PasteTooLong, in.CharLimit), true)
	}
	var cmd tea.Cmd
	*in, cmd = in.Update(tea.PasteMsg{Content: text})
	return cmd
}

// doubleRefs doubles each "$" that the reply parser would read as a
// reference or as "$$", so the text sends the "$" as pasted.
func doubleRefs(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteByte(s[i])
		if s[i] == '$' && i+1 < len(s) && (s[i+1] == '$' || '0' <= s[i+1] && s[i+1] <= '9') {
			b.WriteByte('$')
		}
	}
	return b.String()
}

// quoteRegex writes pasted regular-expression source on one line: line
// breaks, TABs, control and invisible characters as RE2 escapes. bad is
// the first byte that is not UTF-8, shown escaped, if there is one.
func quoteRegex(s string) (text, bad string) {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			return "", fmt.Sprintf(`\x%02X`, s[i])
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == utf8.RuneError || unicode.IsControl(r) || !strconv.IsGraphic(r):
			fmt.Fprintf(&b, `\x{%X}`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String(), ""
}

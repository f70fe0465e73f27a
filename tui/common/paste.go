package common

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// PasteLine puts pasted text s into a one-line field (an address, a file
// path, an interval) without changing it: bubbles' textinput would turn
// each line break and TAB into a space, drop every other control
// character and byte that is not UTF-8, and cut what passes its
// CharLimit, all without a word. Here a final line break (CR LF, LF or
// CR, as a copied line ends) is left out, and a paste that still holds a
// control character, a line break, a byte that is not UTF-8 or more than
// the field can take is refused: the error, in c's language, names the
// first such character (escaped, through the renderer) and its position,
// and the field is unchanged.
func PasteLine(c Common, in *textinput.Model, s string) (tea.Cmd, error) {
	et := &c.Text.Editor
	s = strings.TrimSuffix(s, "\n")
	s = strings.TrimSuffix(s, "\r")
	pos := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		pos++
		if r == utf8.RuneError || unicode.IsControl(r) {
			return nil, fmt.Errorf(et.PasteOneLine, Safe(s[i:i+n]), pos)
		}
		i += n
	}
	if in.CharLimit > 0 && utf8.RuneCountInString(in.Value())+pos > in.CharLimit {
		return nil, fmt.Errorf(et.PasteTooLong, in.CharLimit)
	}
	var cmd tea.Cmd
	*in, cmd = in.Update(tea.PasteMsg{Content: s})
	return cmd, nil
}

// Typed shows text the user typed (a rule, a path, or an error quoting
// them) as it was typed: backslash escapes stay single, so `\t` reads as
// typed, while anything that is not a visible character (a control, a
// bidi override) goes through the one sanitizer.
func Typed(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == ' ' || (unicode.IsGraphic(r) && !unicode.Is(unicode.Cf, r)) {
			b.WriteRune(r)
		} else {
			b.WriteString(Safe(string(r)))
		}
	}
	return b.String()
}

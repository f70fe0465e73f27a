package sendpane

import (
	"errors"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/netassist/compose"
	"github.com/netassist/netassist/netassist/render"
	"github.com/netassist/netassist/tui/common"
)

// Sending in the receive encoding (issue 15 item 7): typed characters are
// encoded in the chosen character set (the receive pane's choices,
// render.Encodings) before they are sent; escapes and hex stay the bytes
// they name. A character the set cannot encode stops the send before
// anything goes out, and the preview names it and where it is.

// Encoding is the character set typed text is sent in.
func (p *Model) Encoding() render.Encoding { return p.opts.Encoding }

// SetEncoding sets it (the tab may follow its receive pane's choice).
func (p *Model) SetEncoding(e render.Encoding) { p.opts.Encoding = e }

// cycleEncoding moves to the next send encoding and says which.
func (p *Model) cycleEncoding() tea.Cmd {
	encs := render.Encodings()
	next := encs[0]
	for i, e := range encs {
		if e == p.opts.Encoding {
			next = encs[(i+1)%len(encs)]
		}
	}
	p.opts.Encoding = next
	return common.Status(fmt.Sprintf(p.c.Text.Editor.EncodingSet, next), false)
}

// errText is an input error as the UI says it: a character the send
// encoding cannot encode in the UI's language, naming it (escaped if it
// is not visible) and its place; any other error as compose wrote it.
func (p *Model) errText(err error) string {
	t, et := p.c.Text, &p.c.Text.Editor
	var ee *compose.EncodeError
	if !errors.As(err, &ee) {
		return fmt.Sprintf(t.InvalidInput, err)
	}
	oneLine := !strings.Contains(p.editor.Value(), "\n")
	const show = 3
	var parts []string
	for _, u := range ee.Chars[:min(show, len(ee.Chars))] {
		ch := "'" + string(u.Rune) + "'" // escaped once, where it is drawn
		if u.Byte != 0 {
			ch = fmt.Sprintf(et.ByteNotUTF8, fmt.Sprintf(`\x%02X`, u.Byte))
		}
		if oneLine {
			parts = append(parts, fmt.Sprintf(et.CharAtCol, ch, u.Col))
		} else {
			parts = append(parts, fmt.Sprintf(et.CharAt, ch, u.Line, u.Col))
		}
	}
	list := strings.Join(parts, ", ")
	if n := len(ee.Chars) - show + ee.More; n > 0 {
		list += fmt.Sprintf(et.MoreChars, n)
	}
	return fmt.Sprintf(et.Unencodable, list, ee.Encoding)
}

// Package searchfield is the one-line search field that `/` opens in the
// receive pane and the Web tab's raw pane (issue 15 item 6), and the
// reading of what is typed there: text in the shown form, or hex bytes.
package searchfield

import (
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/tui/common"
)

// HexPrefix begins a query of bytes in hex ("x:0d 0a"); anything else is
// text in the form the pane shows it (`\r\n`, `\x1B`, `\\`).
const HexPrefix = "x:"

// Query is what was typed, read.
type Query struct {
	Text string // the text, or the hex digits without HexPrefix
	Hex  bool
	// IgnoreCase is smart case: a text query with no upper-case letter
	// matches either case.
	IgnoreCase bool
}

// Parse reads s as typed in the field.
func Parse(s string) Query {
	if rest, ok := strings.CutPrefix(s, HexPrefix); ok {
		return Query{Text: rest, Hex: true}
	}
	return Query{Text: s, IgnoreCase: !strings.ContainsFunc(s, unicode.IsUpper)}
}

// Model is the field. While open it takes every key (the pane says
// TakesText); enter reports the query, and the pane closes the field when
// it loses the focus (esc moves the focus).
type Model struct {
	c     common.Common
	input textinput.Model
	open  bool
}

// New returns a closed field.
func New(c common.Common) Model {
	in := common.NewInput(c, 1024)
	in.Placeholder = c.Text.Recv.SearchHint
	return Model{c: c, input: in}
}

// IsOpen reports whether the field is shown.
func (f *Model) IsOpen() bool { return f.open }

// Open shows the field, empty (enter on an empty field ends the search;
// n and N repeat the one in force).
func (f *Model) Open() tea.Cmd {
	f.open = true
	f.input.SetValue("")
	return f.input.Focus()
}

// Close hides the field.
func (f *Model) Close() {
	f.open = false
	f.input.Blur()
}

// Update edits the field; enter closes it and returns the query typed
// (ok). A paste goes in whole or not at all (common.PasteLine); its error
// becomes a status message.
func (f *Model) Update(msg tea.Msg) (cmd tea.Cmd, query string, ok bool) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if key.Matches(msg, f.c.Keys.Search.Find) {
			f.Close()
			return nil, f.input.Value(), true
		}
	case tea.PasteMsg:
		cmd, err := common.PasteLine(f.c, &f.input, msg.Content)
		if err != nil {
			return common.Status(err.Error(), true), "", false
		}
		return cmd, "", false
	}
	f.input, cmd = f.input.Update(msg)
	return cmd, "", false
}

// View is the field's row, exactly w cells: "/" and the field (its
// placeholder says what may be typed).
func (f *Model) View(w int) string {
	if w <= 0 {
		return ""
	}
	f.input.SetWidth(max(w-2, 1))
	return common.PadLine(ansi.Truncate(f.c.Styles.PaneTitleFoc.Render("/")+f.input.View(), w, "…"), w)
}

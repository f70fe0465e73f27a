// Package picker is the Client tab's template picker: the small modal list
// alt+t opens over the receive area, a method and two options toggled in
// place, with a preview of the request it makes.
package picker

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/tui/common"
)

// Model is a pane: a Component that can hold the focus.
var (
	_ common.Component = (*Model)(nil)
	_ common.Focusable = (*Model)(nil)
)

// Model is the picker.
type Model struct {
	c common.Common

	open          bool
	sel           int
	tmpl          Template  // what enter applies
	chosen        *Template // applied, not yet taken by the tab
	host          string    // the address the preview uses
	width, height int       // the box
}

// New returns a closed picker.
func New(c common.Common) *Model { return &Model{c: c} }

// Init does nothing.
func (p *Model) Init() tea.Cmd { return nil }

// Open shows the picker on t, the cursor on its method.
func (p *Model) Open(t Template) { p.open, p.sel, p.tmpl, p.chosen = true, t.Method, t, nil }

// IsOpen reports whether the picker is shown (then it takes every key).
func (p *Model) IsOpen() bool { return p.open }

// SetHost sets the address the preview's Host line shows.
func (p *Model) SetHost(addr string) { p.host = addr }

// Chosen returns the template enter applied, once.
func (p *Model) Chosen() (Template, bool) {
	if p.chosen == nil {
		return Template{}, false
	}
	t := *p.chosen
	p.chosen = nil
	return t, true
}

// Update handles a key while open: move, toggle, use, close (esc or the
// key that opened it).
func (p *Model) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || !p.open {
		return nil
	}
	ck := &p.c.Keys.Client
	switch {
	case key.Matches(k, ck.PickClose), key.Matches(k, p.c.Keys.Template):
		p.open = false
	case key.Matches(k, ck.PickUp):
		p.sel = max(p.sel-1, 0)
	case key.Matches(k, ck.PickDown):
		p.sel = min(p.sel+1, numRows-1)
	case key.Matches(k, ck.PickToggle):
		p.toggle()
	case key.Matches(k, ck.PickUse):
		if p.sel < numMethods {
			p.toggle()
		}
		p.open = false
		t := p.tmpl
		p.chosen = &t
	}
	return nil
}

// toggle flips the option under the cursor, or picks the method.
func (p *Model) toggle() {
	switch {
	case p.sel < numMethods:
		p.tmpl.Method = p.sel
	case p.sel == rowClose:
		p.tmpl.Close = !p.tmpl.Close
	case p.sel == rowGzip:
		p.tmpl.Gzip = !p.tmpl.Gzip
	}
}

// SetSize sizes the box.
func (p *Model) SetSize(w, h int) { p.width, p.height = max(w, 0), max(h, 0) }

// Focus, Blur and Focused: the picker is modal, focused while open.
func (p *Model) Focus() tea.Cmd { return nil }
func (p *Model) Blur()          {}
func (p *Model) Focused() bool  { return p.open }

// TakesText is true: its plain keys (space, j, k) are its own.
func (p *Model) TakesText() bool { return true }

// ShortHelp is the picker's keys.
func (p *Model) ShortHelp() []key.Binding {
	ck := &p.c.Keys.Client
	return []key.Binding{ck.PickUp, ck.PickUse, ck.PickToggle, ck.PickClose}
}

// FullHelp is the picker's keys as one group.
func (p *Model) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

// View draws the box: the rows, a hint, and the preview.
func (p *Model) View() string {
	s, ct := p.c.Styles, &p.c.Text.Client
	inner := max(p.width-2, 1)
	body := p.rows(inner)
	body = append(body, s.Dim.Render(ct.PickHint), "", s.Dim.Render(ct.PickPreview))
	preview := p.tmpl.Text(ct, p.host)
	for _, l := range strings.Split(strings.TrimSuffix(preview, "\n"), "\n") {
		body = append(body, s.Dim.Render(ansi.Truncate(common.Safe(l), inner, "…")))
	}
	return common.BoxView(s, ct.PickerTitle, body, p.width, p.height, true)
}

// rows renders the picker's rows, the cursor row reversed.
func (p *Model) rows(w int) []string {
	s, t := p.c.Styles, &p.c.Text.Client
	labels := []string{t.PickGET, t.PickHEAD, t.PickPOST, t.PickClose, t.PickGzip}
	out := make([]string, 0, len(labels))
	for i, l := range labels {
		var mark string
		switch {
		case i < numMethods && p.tmpl.Method == i:
			mark = "(•) "
		case i < numMethods:
			mark = "( ) "
		case (i == rowClose && p.tmpl.Close) || (i == rowGzip && p.tmpl.Gzip):
			mark = "[x] "
		default:
			mark = "[ ] "
		}
		line := common.PadLine(" "+mark+l, w)
		if i == p.sel {
			line = s.Selected.Render(line)
		}
		out = append(out, line)
	}
	return out
}

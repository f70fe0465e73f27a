// Package docpane is a scrollable box of pre-rendered lines about one
// selected item (the Web tab's raw request and parsed view): built once
// per (record, width, mode, style generation), then only sliced. The Web
// tab bounds an exchange's raw bytes (64 KiB of head, 64 KiB of body), so
// one build is bounded too.
package docpane

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/searchfield"
)

// Key says what the lines were built from: a new record starts at the
// top; any other change rebuilds in place.
type Key struct {
	Seq   uint64 // the record
	Width int    // the inner width the lines were wrapped to
	Hex   bool
	Gen   int // bumped when styles change
}

// Model is a pane: a Component that can hold the focus.
var (
	_ common.Component = (*Model)(nil)
	_ common.Focusable = (*Model)(nil)
)

// Model is the pane.
type Model struct {
	c common.Common

	title         string
	empty         string // shown when cleared
	focused       bool
	lines         []string
	key           Key
	top           int
	width, height int // the box

	srch docSearch // search.go
}

// New returns an empty pane.
func New(c common.Common) *Model {
	return &Model{c: c, srch: docSearch{field: searchfield.New(c)}}
}

// Init does nothing.
func (d *Model) Init() tea.Cmd { return nil }

// Update scrolls with the scroll keys and searches: / opens the field
// (which then takes every key and paste), n and N move between matches.
func (d *Model) Update(msg tea.Msg) tea.Cmd {
	if d.srch.field.IsOpen() {
		switch msg.(type) {
		case tea.KeyPressMsg, tea.PasteMsg:
			return d.searchInput(msg)
		}
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	sk := &d.c.Keys.Search
	switch {
	case key.Matches(k, sk.Open):
		return d.srch.field.Open()
	case key.Matches(k, sk.Next) && d.Searching():
		return d.step(1)
	case key.Matches(k, sk.Prev) && d.Searching():
		return d.step(-1)
	}
	common.ScrollKey(k, d.c.Keys, d)
	return nil
}

// SetSize sizes the box.
func (d *Model) SetSize(w, h int) { d.width, d.height = max(w, 0), max(h, 0) }

// InnerWidth is the width the lines are drawn in.
func (d *Model) InnerWidth() int { return max(d.width-2, 0) }

func (d *Model) rows() int { return max(d.height-2, 0) }

// SetTitle sets the box title; the scroll position follows it.
func (d *Model) SetTitle(t string) { d.title = t }

// SetEmpty sets the dim line shown while the pane is cleared.
func (d *Model) SetEmpty(s string) { d.empty = s }

// Focus, Blur, Focused and TakesText make the pane Focusable: it takes
// text only while its search field is open; leaving the pane closes it.
func (d *Model) Focus() tea.Cmd  { d.focused = true; return nil }
func (d *Model) Blur()           { d.focused = false; d.srch.field.Close() }
func (d *Model) Focused() bool   { return d.focused }
func (d *Model) TakesText() bool { return d.srch.field.IsOpen() }

// MoveBy, MoveToTop, MoveToBottom and PageSize make the pane a Scroller.
func (d *Model) MoveBy(n int)  { d.top += n; d.clamp() }
func (d *Model) MoveToTop()    { d.top = 0 }
func (d *Model) MoveToBottom() { d.top = len(d.lines); d.clamp() }
func (d *Model) PageSize() int { return d.rows() - 1 }

// Top is the index of the first line shown.
func (d *Model) Top() int { return d.top }

// ShortHelp is the pane's own keys.
func (d *Model) ShortHelp() []key.Binding {
	k := d.c.Keys
	switch {
	case d.srch.field.IsOpen():
		return []key.Binding{k.Search.Find, k.Back}
	case d.Searching():
		return []key.Binding{k.Search.Next, k.Search.Prev, k.Search.Open, k.Up}
	}
	return []key.Binding{k.Up, k.Search.Open}
}

// FullHelp is the pane's keys.
func (d *Model) FullHelp() [][]key.Binding {
	k := d.c.Keys
	return [][]key.Binding{{k.Up, k.PageUp, k.Top, k.Bottom}, k.Search.HelpGroup()}
}

// Fill rebuilds the lines when k differs from what is shown; a different
// record starts at the top.
func (d *Model) Fill(k Key, build func() []string) {
	if k == d.key && d.lines != nil {
		return
	}
	if k.Seq != d.key.Seq {
		d.top = 0
	}
	d.key = k
	d.lines = build()
	d.clamp()
}

// Clear empties the pane (it then shows its empty line).
func (d *Model) Clear() { d.lines, d.key, d.top = nil, Key{}, 0 }

// Lines is every line of the document, shown or not.
func (d *Model) Lines() []string { return d.lines }

func (d *Model) clamp() { d.top = min(max(d.top, 0), max(len(d.lines)-d.rows(), 0)) }

// position is "n-m/total" when the pane does not show everything.
func (d *Model) position() string {
	h := d.rows()
	if len(d.lines) <= h || h <= 0 {
		return ""
	}
	return fmt.Sprintf("%d-%d/%d", d.top+1, min(d.top+h, len(d.lines)), len(d.lines))
}

// View draws the box: the title (and the position when scrolled), the
// visible slice of the lines.
func (d *Model) View() string {
	title := d.title
	if p := d.position(); p != "" {
		title += " · " + p
	}
	if d.Searching() {
		title += " · " + fmt.Sprintf(d.c.Text.Recv.SearchTitle, common.Typed(d.srch.typed))
		d.refind()
	}
	var body []string
	switch {
	case d.lines == nil && d.empty != "":
		body = []string{d.c.Styles.Dim.Render(ansi.Truncate(d.empty, d.InnerWidth(), "…"))}
	case d.rows() > 0:
		d.clamp()
		for i := d.top; i < min(d.top+d.rows(), len(d.lines)); i++ {
			body = append(body, d.marked(i))
		}
	}
	if d.srch.field.IsOpen() && d.rows() > 0 {
		body = common.FitLines(body, d.rows(), d.InnerWidth())
		body[d.rows()-1] = d.srch.field.View(d.InnerWidth())
	}
	return common.BoxView(d.c.Styles, title, body, d.width, d.height, d.focused)
}

// Package docpane is a scrollable box holding a document about one
// selected item (the Web tab's raw request and parsed view, the encoding
// lab, the request diff): a lazydoc document, described once per (record,
// width, mode, style generation) and drawn a piece at a time, so a frame
// renders only what it shows (breaker report 1 #1). Bytes go in as
// lazydoc.Text or Hex parts; short laid-out lines as rows.
package docpane

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/lazydoc"
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
	doc           *lazydoc.Model
	filled        bool // a document is set (else the empty line shows)
	key           Key
	width, height int // the box

	srch docSearch // search.go
}

// New returns an empty pane.
func New(c common.Common) *Model {
	return &Model{c: c, doc: lazydoc.New(), srch: docSearch{field: searchfield.New(c)}}
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
func (d *Model) SetSize(w, h int) {
	d.width, d.height = max(w, 0), max(h, 0)
	d.doc.SetSize(d.InnerWidth(), d.rows())
}

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
func (d *Model) MoveBy(n int)  { d.doc.MoveBy(n) }
func (d *Model) MoveToTop()    { d.doc.MoveToTop() }
func (d *Model) MoveToBottom() { d.doc.MoveToBottom() }
func (d *Model) PageSize() int { return d.rows() - 1 }

// TopPart is the index of the part (FillParts) the first row shown
// belongs to.
func (d *Model) TopPart() int { return d.doc.TopPart() }

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

// Fill sets the document to the lines build returns (laid out already,
// at k.Width) when k differs from what is shown: see FillParts.
func (d *Model) Fill(k Key, build func() []string) {
	d.FillParts(k, func() []lazydoc.Part { return []lazydoc.Part{lazydoc.Rows(build()...)} })
}

// FillParts sets the document to the parts build returns when k differs
// from what is shown; a different record starts at the top, any other
// change (width, mode, styles) keeps the place.
func (d *Model) FillParts(k Key, build func() []lazydoc.Part) {
	if k == d.key && d.filled {
		return
	}
	keep := d.filled && k.Seq == d.key.Seq
	d.key, d.filled = k, true
	d.doc.SetDoc(build(), keep)
}

// Clear empties the pane (it then shows its empty line).
func (d *Model) Clear() { d.doc.Clear(); d.key, d.filled = Key{}, false }

// Lines is every line of the document, shown or not (all of it drawn:
// for a search, or a test).
func (d *Model) Lines() []string {
	if !d.filled {
		return nil
	}
	return d.doc.All()
}

// position is "n-m/total" (or how far down, while the rows are not all
// counted) when the pane does not show everything.
func (d *Model) position() string { return d.doc.Position() }

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
	case !d.filled && d.empty != "":
		body = []string{d.c.Styles.Dim.Render(ansi.Truncate(d.empty, d.InnerWidth(), "…"))}
	case d.rows() > 0:
		body = d.doc.View()
		if top, ok := d.doc.TopRow(); ok && d.Searching() {
			for i := range body {
				body[i] = d.marked(top+i, body[i])
			}
		}
	}
	if d.srch.field.IsOpen() && d.rows() > 0 {
		body = common.FitLines(body, d.rows(), d.InnerWidth())
		body[d.rows()-1] = d.srch.field.View(d.InnerWidth())
	}
	return common.BoxView(d.c.Styles, title, body, d.width, d.height, d.focused)
}

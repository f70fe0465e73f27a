// Package annotate is the annotated view (f7 in every tab, DESIGN.md §8):
// a full-pane overlay that draws httpserve/annotate's explanation of the
// selected request, reply or chunk — each wire line with its parts named,
// what each header means, q-values read out, CRLFs and the blank line
// marked, the body checked against its framing — in the UI's language,
// scrollable. The text is laid out once per width, then only sliced.
package annotate

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	ann "github.com/netassist/netassist/httpserve/annotate"
	"github.com/netassist/netassist/tui/common"
)

// Model is a Component: the overlay in a box of its size.
var _ common.Component = (*Model)(nil)

// Model is the view: the document shown and the scroll position.
type Model struct {
	c      common.Common
	doc    *ann.Doc
	open   bool
	top    int
	lines  []string // doc laid out at lineW (nil: stale)
	lineW  int
	width  int
	height int
}

// New returns a closed view.
func New(c common.Common) *Model { return &Model{c: c} }

// Open shows doc from its top.
func (m *Model) Open(doc *ann.Doc) {
	m.doc, m.open, m.top, m.lines = doc, true, 0, nil
}

// Close hides the view (and lets the document go).
func (m *Model) Close() { m.open, m.doc, m.lines = false, nil, nil }

// IsOpen reports whether the view is shown.
func (m *Model) IsOpen() bool { return m.open }

// Init does nothing.
func (m *Model) Init() tea.Cmd { return nil }

// Update scrolls with the shared scroll keys.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		common.ScrollKey(k, m.c.Keys, m)
	}
	return nil
}

// SetSize sizes the box.
func (m *Model) SetSize(w, h int) { m.width, m.height = max(w, 0), max(h, 0) }

func (m *Model) inner() (w, h int) { return max(m.width-2, 0), max(m.height-2, 0) }

// MoveBy, MoveToTop, MoveToBottom and PageSize make the view a
// common.Scroller.
func (m *Model) MoveBy(n int) {
	m.layout()
	_, h := m.inner()
	m.top = min(max(m.top+n, 0), max(len(m.lines)-h, 0))
}
func (m *Model) MoveToTop()    { m.top = 0 }
func (m *Model) MoveToBottom() { m.MoveBy(len(m.lines)) }
func (m *Model) PageSize() int { _, h := m.inner(); return max(h-1, 1) }

// ShortHelp is the keys of the open view.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	closeKey := key.NewBinding(key.WithKeys("esc", "f7"), key.WithHelp("esc/f7", m.c.Text.Root.KeyAnnotateEnd))
	return []key.Binding{k.Up, k.PageUp, k.Top, closeKey}
}

// FullHelp is the same keys.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// layout renders the document at the inner width, styled.
func (m *Model) layout() {
	w, _ := m.inner()
	if m.doc == nil || m.lines != nil && m.lineW == w {
		return
	}
	m.lineW = w
	m.lines = m.doc.Render(w, m.style)
	if len(m.lines) == 0 {
		m.lines = []string{}
	}
}

// style colours each role of the text with the UI's styles: the wire
// bytes plain, markers and escapes as the receive pane shows them, the
// explanations plain (not dim: they are what the class reads), findings
// by severity.
func (m *Model) style(r ann.Role, s string) string {
	st := m.c.Styles
	switch r {
	case ann.RoleTitle:
		return st.PaneTitleFoc.Render(s)
	case ann.RoleSection:
		return st.HeaderIn.Render(s)
	case ann.RoleOffset:
		return st.Dim.Render(s)
	case ann.RoleMarker:
		return st.Marker.Render(s)
	case ann.RoleEscape:
		return st.Escape.Render(s)
	case ann.RoleValue, ann.RoleFraming:
		return st.OK.Render(s)
	case ann.RoleStatus:
		return st.HeaderOut.Render(s)
	case ann.RoleError:
		return st.Error.Render(s)
	case ann.RoleWarning:
		return st.Warning.Render(s)
	}
	return s
}

// title says what is explained and how big, and where the view is.
func (m *Model) title() string {
	rt := &m.c.Text.Root
	what := rt.AnnotateRequest
	switch n := len(m.doc.Messages); {
	case n > 1:
		what = fmt.Sprintf(rt.AnnotateMany, n)
	case m.doc.Response:
		what = rt.AnnotateReply
	}
	size := common.FormatSize(int64(len(m.doc.Src)))
	if m.doc.Cut {
		size = fmt.Sprintf(rt.AnnotateCut, size)
	}
	t := fmt.Sprintf(rt.AnnotateTitle, what, size)
	if _, h := m.inner(); len(m.lines) > h {
		t += " · " + fmt.Sprintf(rt.AnnotateScroll, m.top+1, min(m.top+h, len(m.lines)), len(m.lines))
	}
	return t
}

// View draws the box of exactly the size given.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 || m.doc == nil {
		return common.Fit(nil, m.width, m.height)
	}
	m.layout()
	_, h := m.inner()
	m.top = min(m.top, max(len(m.lines)-h, 0))
	body := m.lines[m.top:min(m.top+h, len(m.lines))]
	return common.BoxView(m.c.Styles, m.title(), body, m.width, m.height, true)
}

// Package diffview is the Web tab's request diff (issue 14 item 5): two
// requests compared header by header — added, removed, changed, moved —
// in wire order, with the start lines part by part and the bodies, as
// httpserve/reqdiff compares and words them (the same text as `netassist
// diff`, in the UI's language). It is an overlay: while open it takes
// every key (scroll, esc or the diff key to close).
package diffview

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/netassist/netassist/httpserve/annotate"
	"github.com/netassist/netassist/httpserve/reqdiff"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/docpane"
)

// Model is a pane: a Component that can hold the focus.
var (
	_ common.Component = (*Model)(nil)
	_ common.Focusable = (*Model)(nil)
)

// Model is the diff.
type Model struct {
	c   common.Common
	doc *docpane.Model

	open     bool
	idA, idB uint64
	diff     *reqdiff.Diff
	gen      int // bumped for each comparison: its lines start at the top
	styles   int // the tab's style generation
}

// New returns a closed diff.
func New(c common.Common) *Model { return &Model{c: c, doc: docpane.New(c)} }

// Compare opens the diff of request a (exchange idA, the marked one) and
// request b (idB, the selected one), each the bytes as they arrived. The
// comparison is a pure function of a bounded request (64 KiB of head and
// body each), quick enough for the event loop.
func (m *Model) Compare(idA uint64, a []byte, idB uint64, b []byte) {
	m.open, m.idA, m.idB = true, idA, idB
	m.diff = reqdiff.Compare(a, b)
	m.gen++
}

// Diff is the comparison shown (nil before the first).
func (m *Model) Diff() *reqdiff.Diff { return m.diff }

// Restyle rebuilds the lines with the styles of generation gen.
func (m *Model) Restyle(gen int) { m.styles = gen }

// IsOpen reports whether the diff is shown.
func (m *Model) IsOpen() bool { return m.open }

// Close hides the diff.
func (m *Model) Close() { m.open = false }

// Init does nothing.
func (m *Model) Init() tea.Cmd { return nil }

// Update takes every key while open: the scroll keys, esc or the diff
// key to close.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || !m.open {
		return nil
	}
	if key.Matches(k, m.c.Keys.Back) || key.Matches(k, m.c.Keys.Web.Diff) {
		m.open = false
		return nil
	}
	common.ScrollKey(k, m.c.Keys, m.doc)
	return nil
}

// SetSize sizes the box.
func (m *Model) SetSize(w, h int) { m.doc.SetSize(w, h) }

// Focus, Blur, Focused and TakesText make the diff Focusable (no text).
func (m *Model) Focus() tea.Cmd  { return m.doc.Focus() }
func (m *Model) Blur()           { m.doc.Blur() }
func (m *Model) Focused() bool   { return m.doc.Focused() }
func (m *Model) TakesText() bool { return false }

// ShortHelp is the diff's keys.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	return []key.Binding{k.Up, k.PageUp, key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", m.c.Text.Web.Lab.KeyClose))}
}

// FullHelp is the diff's keys.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// View draws the box: the title over the visible slice of the lines,
// built once per comparison, width and style generation.
func (m *Model) View() string {
	dt := &m.c.Text.Web.Diff
	title := fmt.Sprintf(dt.Title, m.idA, m.idB)
	if m.diff != nil {
		title += " · " + fmt.Sprintf(dt.Changes, m.diff.Changes())
	}
	m.doc.SetTitle(title)
	k := docpane.Key{Seq: uint64(m.gen), Width: m.doc.InnerWidth(), Gen: m.styles}
	m.doc.Fill(k, func() []string {
		if m.diff == nil {
			return nil
		}
		return m.diff.Render(m.c.Lang, max(k.Width, 20), m.style())
	})
	m.doc.Focus()
	return m.doc.View()
}

// style maps reqdiff's roles to the UI's styles: added green, removed
// red, changed yellow, moved in the framing colour, notes dim.
func (m *Model) style() annotate.Style {
	s := m.c.Styles
	roles := map[annotate.Role]lipgloss.Style{
		annotate.RoleTitle:   s.PaneTitleFoc,
		annotate.RoleSection: s.OptOn,
		annotate.RoleNote:    s.Dim,
		annotate.RoleValue:   s.OK,
		annotate.RoleError:   s.Error,
		annotate.RoleWarning: s.Warning,
		annotate.RoleFraming: s.HeaderIn,
	}
	return func(r annotate.Role, text string) string {
		if st, ok := roles[r]; ok {
			return st.Render(text)
		}
		return text
	}
}

// Package lab is the Web tab's encoding lab (issue 14 item 3): for one
// response, the same body's size as identity, gzip, deflate, br and zstd
// side by side, the coding that was sent highlighted, why each coding was
// or was not chosen in words from the client's q-values, and the first
// bytes of an encoded body in hex beside the text they decode to, so a
// class sees 1f 8b turn into HTML.
//
// The numbers come from httpserve/lab, which encodes off the UI goroutine
// (the tab runs it in a Cmd); this pane only draws what it is handed. Its
// lines are built once per result, width, coding shown and style
// generation, then sliced: a frame with the lab open costs what a frame
// without it does, whatever the body's size.
package lab

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	enclab "github.com/netassist/netassist/httpserve/lab"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/docpane"
)

// Model is a pane: a Component that can hold the focus.
var (
	_ common.Component = (*Model)(nil)
	_ common.Focusable = (*Model)(nil)
)

// Model is the lab.
type Model struct {
	c   common.Common
	doc *docpane.Model

	open    bool
	seq     uint64 // the record measured: a new one starts at the top
	title   string
	client  string               // the client's Accept-Encoding, "" when none
	hasAE   bool                 // the request had an Accept-Encoding
	chosen  httpserve.Encoding   // the coding that was sent
	reasons []enclab.Reason      // why, per coding of enclab.Codings()
	res     *enclab.Result       // nil while measuring or after a failure
	plain   []byte               // the body's first bytes, decoded (the text beside the hex)
	note    string               // where the body came from, or why it could not be measured
	failed  bool                 // note is an error
	shown   int                  // index in enclab.Codings() of the coding whose bytes show
	gen     int                  // bumped whenever the lines must be built again
	styles  int                  // the tab's style generation
	codings []httpserve.Encoding // enclab.Codings(), once
}

// New returns a closed lab.
func New(c common.Common) *Model {
	return &Model{c: c, doc: docpane.New(c), codings: enclab.Codings()}
}

// Request says what the lab shows from now on: record seq's response,
// titled title, sent with chosen; ae is the request's Accept-Encoding
// (hasAE false: it had none) and reasons the engine's words for each
// coding. It opens the lab in its "measuring" state.
func (m *Model) Request(seq uint64, title string, ae string, hasAE bool, chosen httpserve.Encoding, reasons []enclab.Reason) {
	if chosen == "" {
		chosen = httpserve.EncodingIdentity
	}
	m.open, m.seq, m.title = true, seq, title
	m.client, m.hasAE, m.chosen, m.reasons = ae, hasAE, chosen, reasons
	m.res, m.note, m.failed = nil, "", false
	m.shown = 0
	for i, e := range m.codings {
		if e == chosen {
			m.shown = i
		}
	}
	m.gen++
}

// Result is the measure shown, nil while measuring or when there is none.
func (m *Model) Result() *enclab.Result { return m.res }

// Seq is the record the lab shows.
func (m *Model) Seq() uint64 { return m.seq }

// SetResult hands over the engine's measure, the body's first bytes
// (the text shown beside the encoded bytes) and a note on where the body
// came from.
func (m *Model) SetResult(res *enclab.Result, plain []byte, note string) {
	m.res, m.plain, m.note, m.failed = res, plain, note, false
	m.gen++
}

// SetError says why the body could not be measured.
func (m *Model) SetError(msg string) {
	m.res, m.note, m.failed = nil, msg, true
	m.gen++
}

// Restyle rebuilds the lines with the styles of generation gen.
func (m *Model) Restyle(gen int) { m.styles = gen }

// IsOpen reports whether the lab is shown.
func (m *Model) IsOpen() bool { return m.open }

// Close hides the lab.
func (m *Model) Close() { m.open = false }

// Init does nothing.
func (m *Model) Init() tea.Cmd { return nil }

// Update takes every key while the lab is open: the scroll keys, ←/→ for
// the coding whose bytes show, esc or the lab key to close.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || !m.open {
		return nil
	}
	wk := &m.c.Keys.Web
	switch {
	case key.Matches(k, m.c.Keys.Back), key.Matches(k, wk.Lab):
		m.open = false
	case key.Matches(k, wk.LabCoding):
		d := 1
		if k.Code == tea.KeyLeft {
			d = -1
		}
		m.shown = (m.shown + d + len(m.codings)) % len(m.codings)
		m.gen++
	default:
		common.ScrollKey(k, m.c.Keys, m.doc)
	}
	return nil
}

// SetSize sizes the box.
func (m *Model) SetSize(w, h int) { m.doc.SetSize(w, h) }

// Focus, Blur, Focused and TakesText make the lab Focusable (no text).
func (m *Model) Focus() tea.Cmd  { return m.doc.Focus() }
func (m *Model) Blur()           { m.doc.Blur() }
func (m *Model) Focused() bool   { return m.doc.Focused() }
func (m *Model) TakesText() bool { return false }

// ShortHelp is the lab's keys.
func (m *Model) ShortHelp() []key.Binding {
	k, wk := m.c.Keys, &m.c.Keys.Web
	return []key.Binding{wk.LabCoding, k.Up, k.PageUp, closeKey(m.c)}
}

// FullHelp is the lab's keys.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// closeKey is esc, labelled "close".
func closeKey(c common.Common) key.Binding {
	return key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", c.Text.Web.Lab.KeyClose))
}

// View draws the box: the title over the visible slice of the lines.
func (m *Model) View() string {
	m.doc.SetTitle(m.title)
	k := docpane.Key{Seq: m.seq, Width: m.doc.InnerWidth(), Gen: m.gen*1024 + m.styles}
	m.doc.Fill(k, func() []string { return m.lines(k.Width) })
	m.doc.Focus()
	return m.doc.View()
}

// ratio is size as a percentage of the identity size.
func ratio(c enclab.Coding, identity int64) string {
	return fmt.Sprintf("%4.0f%%", 100*c.Ratio(identity))
}

// reasonFor is the engine's words for coding e, without the "e: " prefix
// the table already shows.
func (m *Model) reasonFor(e httpserve.Encoding) string {
	for _, r := range m.reasons {
		if r.Encoding == e {
			return strings.TrimPrefix(r.Text, string(e)+": ")
		}
	}
	return ""
}

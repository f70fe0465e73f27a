package annotate

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/httpserve/check"
	"github.com/netassist/netassist/httpserve/wire"
	"github.com/netassist/netassist/netassist/render"
)

// Role is what a piece of rendered text is, for styling.
type Role uint8

// Roles of Render's text.
const (
	RoleTitle   Role = iota // a message's title
	RoleSection             // a section heading: "request line", "响应头部"
	RoleOffset              // the byte-offset gutter
	RoleWire                // wire bytes shown as themselves
	RoleMarker              // the `\r`, `\n`, `\t` markers
	RoleEscape              // `\xHH`, `\u{…}` escapes
	RoleHex                 // a hexdump row
	RoleNote                // an explanation
	RoleValue               // a value read out (q-values, directives)
	RoleStatus              // a status code's meaning
	RoleFraming             // framing, sizes, encodings
	RoleError               // a finding, by severity
	RoleWarning
	RoleInfo
)

// Style styles one piece of text of a role; nil means plain text. A CLI
// passes lipgloss styles when its output is a terminal, nothing otherwise.
type Style func(r Role, s string) string

// minContent is the narrowest the wire and note columns get; below it
// lines overflow rather than wrap one cell at a time.
const minContent = 16

// Render lays d out as text lines of at most width cells (when width
// leaves room for minContent cells after the gutter): per message a
// title, per section a heading, each wire line after its byte offset
// (wrapped, markers visible), and its notes below it. Lines have no line
// break. Every byte from Src goes through netassist/render. It is the
// rows of every Block, in order.
func (d *Doc) Render(width int, style Style) []string {
	var out []string
	for _, b := range d.Blocks() {
		out = append(out, b.Render(width, style)...)
	}
	return out
}

// renderer holds one Block's rendering state.
type renderer struct {
	d       *Doc
	style   Style
	gutter  int // offset digits
	content int // cells for wire text and notes
	out     []string
}

func (d *Doc) renderer(width int, style Style) *renderer {
	if style == nil {
		style = func(_ Role, s string) string { return s }
	}
	r := &renderer{d: d, style: style}
	r.gutter = max(len(strconv.Itoa(len(d.Src))), 3)
	r.content = max(width-2-r.gutter-1, minContent)
	return r
}

// pad is the indent of a row without an offset.
func (r *renderer) pad() string { return strings.Repeat(" ", 2+r.gutter+1) }

// wire writes one display line of bytes found at off (-1: not in Src),
// wrapped to the content width.
func (r *renderer) wire(off int, l render.Line) {
	for i, piece := range render.Wrap(l, r.content) {
		g := strings.Repeat(" ", r.gutter)
		if i == 0 && off >= 0 {
			g = r.style(RoleOffset, padLeft(strconv.Itoa(off), r.gutter))
		}
		r.out = append(r.out, "  "+g+" "+piece.Render(r.styleKind))
	}
}

func (r *renderer) styleKind(k render.Kind, s string) string {
	switch k {
	case render.Marker:
		return r.style(RoleMarker, s)
	case render.Escape:
		return r.style(RoleEscape, s)
	}
	return r.style(RoleWire, s)
}

// note writes a note, wrapped, as "· text" under the wire text.
func (r *renderer) note(n Note) {
	role, text := RoleNote, n.Text
	switch n.Kind {
	case NoteValue:
		role = RoleValue
	case NoteStatus:
		role = RoleStatus
	case NoteFraming:
		role = RoleFraming
	case NoteFinding:
		text = check.Line(n.Finding, r.d.Lang)
		role = map[wire.Severity]Role{wire.Error: RoleError, wire.Warning: RoleWarning, wire.Info: RoleInfo}[n.Finding.Severity]
	}
	lines := strings.Split(ansi.Wrap(text, r.content-2, ""), "\n")
	for i, l := range lines {
		lead := "· "
		if i > 0 {
			lead = "  "
		}
		r.out = append(r.out, r.pad()+r.style(role, lead+l))
	}
}

func padLeft(s string, n int) string {
	if len(s) >= n {
		return s
	}
	return strings.Repeat(" ", n-len(s)) + s
}

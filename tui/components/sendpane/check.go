package sendpane

import (
	"bytes"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/httpserve/check"
	"github.com/netassist/netassist/httpserve/wire"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/styles"
)

// The live checker (issue 14 item 2): under the editor, the findings of
// httpserve/check for the bytes the preview shows, when they look like an
// HTTP message — severity, code, offset and message in the UI's language,
// one line each, or a count while the box is too small to list them
// (alt+b lists them, taking rows from the editor). It warns and never
// blocks a send. It runs after an edit, debounced: each change bumps a
// generation and arms a tick; only the tick of the newest generation
// checks, in a Cmd off the event loop, and only the result of the newest
// generation is kept. View only draws what was found.

// checkDebounce is how long typing must pause before the bytes are checked.
const checkDebounce = 150 * time.Millisecond

// checkState is the checker's part of the pane.
type checkState struct {
	gen      int            // bumped on every change of the bytes
	done     int            // the generation the findings are for
	http     bool           // the checked bytes looked like an HTTP message
	findings []wire.Finding // in offset order
	expanded bool           // list the findings even when the box is small
	methods  []string       // the requests a reply answers (HEAD has no body)
	rows     int            // rows of the box the checker takes now
}

// checkTickMsg is the debounce tick of generation gen.
type checkTickMsg struct {
	tab netassist.Tab
	gen int
}

func (m checkTickMsg) Route() netassist.Tab { return m.tab }
func (checkTickMsg) sendpaneMsg()           {}

// checkedMsg is the checker's verdict on generation gen.
type checkedMsg struct {
	tab      netassist.Tab
	gen      int
	http     bool
	findings []wire.Finding
}

func (m checkedMsg) Route() netassist.Tab { return m.tab }
func (checkedMsg) sendpaneMsg()           {}

// touch records that the bytes may have changed and arms the debounce
// tick; the findings shown stay until the new ones arrive.
func (p *Model) touch() tea.Cmd {
	p.check.gen++
	tab, gen := p.tab, p.check.gen
	return tea.Tick(checkDebounce, func(time.Time) tea.Msg { return checkTickMsg{tab: tab, gen: gen} })
}

// syncCheckLimit is the most bytes checked at once in Update when text
// is set from outside (a template, a recalled message): such text does
// not come key by key, so there is nothing to debounce, and a check of a
// few KiB takes microseconds. Larger text is checked like typing.
const syncCheckLimit = 64 << 10

// CheckCmd checks the editor's bytes now (after text was set from outside,
// at start): at once when they are small, else in a Cmd.
func (p *Model) CheckCmd() tea.Cmd {
	p.check.gen++
	cmd := p.checkNow(p.check.gen)
	if b, _, err := p.bytes(); err != nil || len(b) <= syncCheckLimit {
		if msg, ok := cmd().(checkedMsg); ok {
			p.checked(msg)
		}
		return nil
	}
	return cmd
}

// SetCheckMethods sets the methods of the requests the reply answers, in
// order (a reply to HEAD has no body); nil means GET.
func (p *Model) SetCheckMethods(methods []string) tea.Cmd {
	p.check.methods = append([]string(nil), methods...)
	return p.touch()
}

// checkNow starts checking generation gen's bytes in a Cmd.
func (p *Model) checkNow(gen int) tea.Cmd {
	b, _, err := p.bytes()
	tab := p.tab
	if err != nil || p.hexMode && !looksHTTP(b) {
		return func() tea.Msg { return checkedMsg{tab: tab, gen: gen} }
	}
	data := append([]byte(nil), b...)
	o := check.Options{Methods: p.check.methods}
	return func() tea.Msg {
		if !looksHTTP(data) {
			return checkedMsg{tab: tab, gen: gen}
		}
		return checkedMsg{tab: tab, gen: gen, http: true, findings: check.Check(data, o)}
	}
}

// checked keeps the newest verdict and gives the editor the rows the
// checker does not take.
func (p *Model) checked(msg checkedMsg) {
	if msg.gen != p.check.gen {
		return // the text changed since: a newer check is on its way
	}
	p.check.done, p.check.http, p.check.findings = msg.gen, msg.http, msg.findings
	p.layout()
}

// looksHTTP reports whether b starts like an HTTP/1.x message: a status
// line, or a first line that ends in " HTTP/" and a version.
func looksHTTP(b []byte) bool {
	if wire.IsResponse(b) {
		return true
	}
	b = b[wire.SkipEmptyLines(b):]
	line := b
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		line = b[:i]
	}
	line = bytes.TrimSuffix(line, []byte("\r"))
	_, ok := wire.ParseRequestLine(string(line))
	return ok
}

// checkRows is how many rows of a box with inner height h the checker
// takes: none when the bytes are not HTTP (or are clean and the box is
// small: the editor needs the row more); all the findings when they
// fit with three rows left to the editor (or when listed with alt+b,
// leaving the editor one); else one row, the count.
func (p *Model) checkRows(h int) int {
	cs := &p.check
	switch {
	case !cs.http || h < 2, len(cs.findings) == 0 && h < 6:
		return 0 // a clean verdict only where the editor keeps room
	case len(cs.findings) > 1 && h-len(cs.findings) >= 3:
		return len(cs.findings)
	case len(cs.findings) > 1 && cs.expanded:
		return min(len(cs.findings), h-1)
	}
	return 1
}

// checkLines draws the checker's rows, each exactly w cells.
func (p *Model) checkLines(w int) []string {
	cs, s, et := &p.check, p.c.Styles, &p.c.Text.Editor
	n := cs.rows
	if n == 0 {
		return nil
	}
	fix := ""
	if fixableIn(cs.findings) {
		fix = fmt.Sprintf(et.CheckFixHint, p.c.Keys.Editor.Fix.Help().Key)
	}
	pad := func(line string) string { return common.PadLine(ansi.Truncate(line, w, "…"), w) }
	switch {
	case len(cs.findings) == 0:
		return []string{pad(s.OK.Render("✓ " + et.CheckClean))}
	case n == 1 && len(cs.findings) > 1:
		w := worst(cs.findings)
		line := sevStyle(s, w).Render(sevMark(w)+" "+fmt.Sprintf(et.CheckCount, check.Summary(cs.findings, p.c.Lang))) +
			s.Dim.Render(fmt.Sprintf(et.CheckListHint, p.c.Keys.Editor.Findings.Help().Key)+fix)
		return []string{pad(line)}
	}
	out := make([]string, 0, n)
	for i, f := range cs.findings {
		if i == n-1 && len(cs.findings) > n {
			out = append(out, pad(s.Dim.Render(fmt.Sprintf(et.CheckMore, len(cs.findings)-i))+s.Dim.Render(fix)))
			break
		}
		line := sevStyle(s, f.Severity).Render(sevMark(f.Severity) + " " + common.Typed(check.Line(f, p.c.Lang)))
		if i == 0 && n == len(cs.findings) && fix != "" && len(cs.findings) == 1 {
			line += s.Dim.Render(fix)
		}
		out = append(out, pad(line))
	}
	return out
}

// worst is the highest severity among fs.
func worst(fs []wire.Finding) wire.Severity {
	w := wire.Info
	for _, f := range fs {
		w = max(w, f.Severity)
	}
	return w
}

// fixableIn reports whether one of fs has a single right fix.
func fixableIn(fs []wire.Finding) bool {
	for _, f := range fs {
		if check.Fixable(f) {
			return true
		}
	}
	return false
}

// sevStyle is the style of a severity.
func sevStyle(s *styles.Styles, sev wire.Severity) lipgloss.Style {
	switch sev {
	case wire.Error:
		return s.Error
	case wire.Warning:
		return s.Warning
	}
	return s.Dim
}

// sevMark shows a severity in a glyph as well as a colour (colour alone
// must not carry meaning).
func sevMark(s wire.Severity) string {
	switch s {
	case wire.Error:
		return "✗"
	case wire.Warning:
		return "⚠"
	}
	return "ℹ"
}

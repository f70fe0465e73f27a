// Package sendpane is the editor of bytes to send (DESIGN.md §4): text
// with CRLF and escapes, or hex; macros and an optional checksum trailer;
// a live preview of the exact bytes and their count. In the Server and
// Client tabs (Options.Streams) it also repeats sends, sends files and
// keeps the tab's send history.
//
// Files: sendpane.go the model, its options and the bytes it makes;
// view.go the box and the preview line; send.go the one send helper and
// sent-result message of every tab; keys.go the feature keys; prompt.go,
// repeat.go, file.go and history.go the features.
package sendpane

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/progress"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/httpserve/lessons"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/checksum"
	"github.com/netassist/netassist/netassist/compose"
	"github.com/netassist/netassist/netassist/render"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/picker"
)

// Options configure a pane for its tab.
type Options struct {
	// Streams turns on repeat, file send and history (Server, Client).
	Streams bool
	// Target resolves where a repeat or a file send goes, when it starts.
	// Needed with Streams.
	Target func() (Target, error)
	// Placeholder is the editor's text while empty.
	Placeholder string
}

// Model is a pane: a Component that can hold the focus.
var (
	_ common.Component = (*Model)(nil)
	_ common.Focusable = (*Model)(nil)
)

// Model is the send pane.
type Model struct {
	c       common.Common
	tab     netassist.Tab
	streams bool
	target  func() (Target, error)

	title      string // the tab's part of the box title
	focused    bool
	boxW, boxH int

	editor     textarea.Model
	edLines    []string // editor.View() split in lines, until the editor changes (nil: stale)
	hexMode    bool
	opts       compose.Options
	closeAfter bool
	sum        checksum.Kind    // trailer appended after the pipeline; None: off
	env        compose.MacroEnv // {{seq}} and friends; advanced per real send

	// The bytes the editor holds now, recomputed when it changes.
	payload []byte
	changed string // what FixContentLength changed
	err     error
	lastVal string
	lastCfg string

	optCmd tea.Cmd // the status of the last OptionKey, for OptionCmd
	check  checkState

	lessons   *picker.Lessons
	lessonGen int               // numbers the picker's openings (a stale load is dropped)
	lesson    *lessons.Template // the template attached: its encode, length, drip and close apply
	drip      dripState

	prompt prompt
	repeat repeatState
	file   fileState
	hist   histState
}

// New returns the send pane of tab.
func New(c common.Common, tab netassist.Tab, o Options) *Model {
	ed := textarea.New()
	ed.ShowLineNumbers = false
	ed.Prompt = ""
	ed.Placeholder = o.Placeholder
	ed.CharLimit = 0
	ed.MaxHeight = 10000
	// ctrl+v would read the system clipboard (running xclip or the like)
	// and insert it past the paste rules: the terminal's own paste
	// (bracketed) is the way in.
	ed.KeyMap.Paste.SetEnabled(false)
	st := textarea.DefaultStyles(c.IsDark)
	st.Cursor.Blink = false
	ed.SetStyles(st)
	p := &Model{c: c, tab: tab, streams: o.Streams, target: o.Target, editor: ed,
		opts: compose.DefaultOptions(), hist: newHistState(), prompt: newPrompt(c)}
	p.file.bar = progress.New(progress.WithDefaultBlend())
	p.lessons = picker.NewLessons(c)
	p.check.gen = 1 // never checked yet
	return p
}

// Init checks the editor's first text and loads the tab's send history
// (when there is a config folder).
func (p *Model) Init() tea.Cmd {
	if !p.streams || p.c.ConfigDir == "" {
		return p.CheckCmd()
	}
	return tea.Batch(p.CheckCmd(), loadHistoryCmd(p.c.ConfigDir, p.tab))
}

// Update handles the pane's own messages (results of sends, repeat ticks,
// file progress, completions, history), and keys and pastes for the
// editor, or for the field under it while one is open.
func (p *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case Msg:
		return p.handle(msg)
	case tea.KeyPressMsg, tea.PasteMsg:
		return p.edit(msg)
	}
	return nil
}

// edit gives a key or a paste to the open field or to the editor.
func (p *Model) edit(msg tea.Msg) tea.Cmd {
	pasted, isPaste := msg.(tea.PasteMsg)
	if p.prompt.open() {
		if isPaste {
			return p.prompt.paste(pasted.Content)
		}
		return p.prompt.update(msg)
	}
	p.file.done = "" // an edit: the last file send's line gives way to the preview
	before := p.editor.Value()
	var cmd tea.Cmd
	if isPaste {
		cmd = p.paste(pasted.Content)
	} else {
		p.editor, cmd = p.editor.Update(msg)
	}
	p.edLines = nil
	if p.editor.Value() != before {
		if p.hist.pos >= 0 {
			p.hist.pos = -1 // an edited entry is the user's own text now
		}
		cmd = tea.Batch(cmd, p.touch())
	}
	return cmd
}

// SetSize sizes the box (the preview line is drawn apart, by Preview).
func (p *Model) SetSize(w, h int) {
	p.boxW, p.boxH = max(w, 0), max(h, 0)
	p.layout()
	p.prompt.maxW = (w - 2) * 2 / 3
	p.prompt.fit()
}

// layout shares the box's inside between the editor and the checker's
// rows.
func (p *Model) layout() {
	w, h := p.boxW-2, p.boxH-2
	p.check.rows = p.checkRows(h)
	w, h = max(w, 1), max(h-p.check.rows, 1)
	// Setting a size scrolls the editor to its cursor: only on a change,
	// so a check that keeps the rows leaves the view where it is.
	if w != p.editor.Width() || h != p.editor.Height() {
		p.editor.SetWidth(w)
		p.editor.SetHeight(h)
		p.edLines = nil
	}
}

// Focus puts the cursor in the editor, and checks its bytes if they
// changed since the last check (text set from outside, by a template).
func (p *Model) Focus() tea.Cmd {
	p.focused, p.edLines = true, nil
	cmd := p.editor.Focus()
	if p.check.done != p.check.gen {
		cmd = tea.Batch(cmd, p.CheckCmd())
	}
	return cmd
}

// Blur takes it out.
func (p *Model) Blur() { p.focused, p.edLines = false, nil; p.editor.Blur() }

// Focused reports whether the editor has the cursor.
func (p *Model) Focused() bool { return p.focused }

// TakesText is true: the editor is an editor.
func (p *Model) TakesText() bool { return true }

// Value is the editor's text.
func (p *Model) Value() string { return p.editor.Value() }

// SetValue replaces the editor's text and checks its bytes (the live
// checker): at once when they are small, else in the Cmd it returns.
func (p *Model) SetValue(s string) tea.Cmd {
	p.lesson = nil // text from elsewhere: the template no longer applies
	p.editor.SetValue(s)
	p.edLines = nil
	return p.CheckCmd()
}

// SetText replaces the editor's text, typed as text (hex false) or hex;
// its Cmd is SetValue's.
func (p *Model) SetText(s string, hex bool) tea.Cmd {
	p.hexMode = hex
	return p.SetValue(s)
}

// MoveToBegin puts the cursor at the start: where a template or a reply
// matters first.
func (p *Model) MoveToBegin() { p.editor.MoveToBegin(); p.edLines = nil }

// ComposeOptions are the options the editor's text is composed with.
func (p *Model) ComposeOptions() compose.Options { return p.opts }

// CloseAfter reports whether a send closes the connection after it.
func (p *Model) CloseAfter() bool { return p.closeAfter }

// SetTitle sets the tab's part of the box title ("Send to all (2 open)");
// the options follow it.
func (p *Model) SetTitle(t string) { p.title = t }

// OptionKey toggles a send option (close after send only when
// withCloseAfter), cycles the send encoding or clears the editor, and
// reports whether msg was one of those keys. They work from every pane of
// a tab. A status to show, if any, is OptionCmd's.
func (p *Model) OptionKey(msg tea.KeyPressMsg, withCloseAfter bool) bool {
	k := p.c.Keys
	switch {
	case key.Matches(msg, k.Editor.Encoding):
		p.optCmd = tea.Batch(p.cycleEncoding(), p.touch())
	case key.Matches(msg, k.Editor.Fix):
		p.optCmd = p.applyFix()
	case key.Matches(msg, k.Editor.Findings):
		p.check.expanded = !p.check.expanded
		p.layout()
	case withCloseAfter && key.Matches(msg, k.CloseAfter):
		p.closeAfter = !p.closeAfter
	case key.Matches(msg, k.CRLF):
		p.opts.CRLF = !p.opts.CRLF
	case key.Matches(msg, k.Escapes):
		p.opts.Escapes = !p.opts.Escapes
	case key.Matches(msg, k.SendHex):
		p.hexMode = !p.hexMode
	case key.Matches(msg, k.FixLength):
		p.opts.FixContentLength = !p.opts.FixContentLength
	case key.Matches(msg, k.Clear):
		p.optCmd = p.SetValue("") // and the template goes
	case key.Matches(msg, k.Compose.Checksum):
		p.sum = (p.sum + 1) % (checksum.CRC32 + 1)
	default:
		return false
	}
	if p.optCmd == nil { // an option that may change the bytes
		p.optCmd = p.touch()
	}
	return true
}

// OptionCmd returns, once, the Cmd of the last option key (a status
// line), or nil.
func (p *Model) OptionCmd() tea.Cmd {
	cmd := p.optCmd
	p.optCmd = nil
	return cmd
}

// Bytes returns what would be sent now (macros expanded for the next
// send, checksum trailer appended), or the input error. The result is
// cached; text with macros is rebuilt at most once a second, so {{time}}
// in the preview keeps up.
func (p *Model) Bytes() ([]byte, error) {
	b, _, err := p.bytes()
	return b, err
}

func (p *Model) bytes() ([]byte, string, error) {
	val := p.editor.Value()
	cfg := fmt.Sprint(p.hexMode, p.opts, p.sum, p.env.Sent)
	if !p.hexMode && compose.HasMacros([]byte(val)) {
		cfg += fmt.Sprint(" ", p.c.Now().Unix())
	}
	if val == p.lastVal && cfg == p.lastCfg {
		return p.payload, p.changed, p.err
	}
	p.lastVal, p.lastCfg = val, cfg
	p.payload, p.changed, p.err = p.build(val, &p.env)
	return p.payload, p.changed, p.err
}

// build runs the send pipeline on val: hex, or compose.Build (escapes and
// line breaks, macros from env, then Content-Length); then the checksum
// trailer over all of it. It returns what FixContentLength changed.
func (p *Model) build(val string, env *compose.MacroEnv) (b []byte, changed string, err error) {
	if p.hexMode {
		b, err = compose.Hex(val)
	} else {
		o := p.opts
		o.FixContentLength = false // applied below, to learn what it changed
		b, err = compose.Build(val, o, env)
		if err == nil && p.lesson != nil {
			b, err = p.lesson.Finish(b) // encode, length: as the template says
		}
		if err == nil && p.opts.FixContentLength {
			b, changed = compose.FixContentLength(b)
		}
	}
	if err != nil {
		return nil, "", err
	}
	if p.sum != checksum.None && len(b) > 0 {
		b = checksum.Append(p.sum, b)
	}
	return b, changed, nil
}

// options renders the mode and the options that are on, for the pane
// title (only those that are on: colour alone must not carry meaning).
func (p *Model) options() string {
	s, t := p.c.Styles, p.c.Text
	parts := []string{t.ModeText}
	if p.hexMode {
		parts[0] = t.ModeHex
	} else {
		for _, o := range []struct {
			on   bool
			name string
		}{
			{p.opts.CRLF, t.OptCRLF},
			{p.opts.Escapes, t.OptEscapes},
			{p.opts.FixContentLength, t.OptFixLength},
			{p.opts.Encoding != render.UTF8, p.opts.Encoding.String()},
		} {
			if o.on {
				parts = append(parts, o.name)
			}
		}
	}
	if p.sum != 0 {
		parts = append(parts, fmt.Sprintf(t.Compose.OptChecksum, p.sum.Title()))
	}
	if p.closeAfter {
		parts = append(parts, t.OptCloseAfter)
	}
	if l := p.lessonTitle(); l != "" {
		parts = append(parts, l)
	}
	out := s.OptOn.Render(strings.Join(parts, " · "))
	if b := p.badges(); b != "" {
		out += s.Dim.Render(" · ") + b
	}
	return out
}

// ShortHelp is the hints while a field is open or a file is being sent
// (they replace the tab's); nil otherwise.
func (p *Model) ShortHelp() []key.Binding {
	k := p.c.Keys
	switch {
	case p.lessons.IsOpen():
		return p.lessons.ShortHelp()
	case p.prompt.open():
		return k.Compose.PromptHelp(p.prompt.kind == promptFile)
	case p.drip.active:
		return []key.Binding{k.Compose.Cancel, k.Send}
	case p.file.job != nil:
		return []key.Binding{k.Compose.Cancel, k.Compose.Repeat, k.Send}
	}
	return nil
}

// FullHelp is the pane's keys: the send options, and the features.
func (p *Model) FullHelp() [][]key.Binding {
	k := p.c.Keys
	return [][]key.Binding{
		{k.Send, k.CloseAfter, k.CRLF, k.Escapes, k.SendHex, k.FixLength, k.Editor.Encoding, k.Template, k.Clear},
		append(k.Compose.HelpGroup(p.streams), k.Editor.Findings, k.Editor.Fix),
	}
}

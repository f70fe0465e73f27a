package tui

import (
	"context"
	"fmt"
	"github.com/netassist/netassist/netassist"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/progress"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist/checksum"
	"github.com/netassist/netassist/netassist/compose"
	"github.com/netassist/netassist/netassist/render"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/keymap"
	"github.com/netassist/netassist/tui/styles"
)

// sendPane is the editor of bytes to send (DESIGN.md §4): text with CRLF
// and escapes, or hex; macros and an optional checksum trailer; a live
// preview of the exact bytes and their count. Once attached to a tab it
// also repeats sends, sends files and keeps the tab's send history
// (send_repeat.go, send_file.go, send_history.go).
type sendPane struct {
	styles *styles.Styles
	text   *i18n.Text

	editor     textarea.Model
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

	// Set by attach: the tab whose messages this pane handles, and whether
	// repeat, file and history are offered (the Server and Client tabs).
	tab     netassist.Tab
	streams bool
	cfgDir  string
	ctx     context.Context

	prompt sendPrompt
	repeat repeatState
	file   fileState
	hist   histState
}

func newSendPane(styles *styles.Styles, text *i18n.Text, isDark bool) sendPane {
	ed := textarea.New()
	ed.ShowLineNumbers = false
	ed.Prompt = ""
	ed.Placeholder = text.SendPlaceholder
	ed.CharLimit = 0
	ed.MaxHeight = 10000
	st := textarea.DefaultStyles(isDark)
	st.Cursor.Blink = false
	ed.SetStyles(st)
	return sendPane{styles: styles, text: text, editor: ed, opts: compose.DefaultOptions(),
		ctx: context.Background(), hist: newHistState()}
}

// attach names the tab whose compose messages this pane handles; streams
// turns on repeat, file send and history.
func (p *sendPane) attach(cfg Config, tab netassist.Tab, streams bool) {
	p.tab, p.streams, p.cfgDir = tab, streams, cfg.ConfigDir
	if cfg.Context != nil {
		p.ctx = cfg.Context
	}
	p.prompt = newSendPrompt(cfg.IsDark)
	p.file.bar = progress.New(progress.WithDefaultBlend())
}

// init loads the tab's send history.
func (p *sendPane) init() tea.Cmd {
	if !p.streams {
		return nil
	}
	return loadHistoryCmd(p.cfgDir, p.tab)
}

func (p *sendPane) setSize(w, h int) {
	p.editor.SetWidth(max(w, 1))
	p.editor.SetHeight(max(h, 1))
	p.prompt.maxW = w * 2 / 3
	p.prompt.fit()
}

func (p *sendPane) focus() tea.Cmd { return p.editor.Focus() }
func (p *sendPane) blur()          { p.editor.Blur() }

func (p *sendPane) update(msg tea.Msg) tea.Cmd {
	if p.prompt.open() {
		return p.prompt.update(msg)
	}
	p.file.done = "" // an edit: the last file send's line gives way to the preview
	before := p.editor.Value()
	var cmd tea.Cmd
	p.editor, cmd = p.editor.Update(msg)
	if p.hist.pos >= 0 && p.editor.Value() != before {
		p.hist.pos = -1 // an edited entry is the user's own text now
	}
	return cmd
}

func (p *sendPane) setValue(s string) {
	p.editor.SetValue(s)
}

// optionKey toggles a send option (close after send only when
// withCloseAfter) or clears the editor, and reports whether msg was one of
// those keys.
func (p *sendPane) optionKey(msg tea.KeyPressMsg, k *keymap.KeyMap, withCloseAfter bool) bool {
	switch {
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
		p.setValue("")
	case key.Matches(msg, k.Compose.Checksum):
		p.sum = (p.sum + 1) % (checksum.CRC32 + 1)
	default:
		return false
	}
	return true
}

// bytes returns what would be sent now (macros expanded for the next
// send, checksum trailer appended), or the input error. The result is
// cached; text with macros is rebuilt at most once a second, so {{time}}
// in the preview keeps up.
func (p *sendPane) bytes() ([]byte, string, error) {
	val := p.editor.Value()
	cfg := fmt.Sprint(p.hexMode, p.opts, p.sum, p.env.Sent)
	if !p.hexMode && compose.HasMacros([]byte(val)) {
		cfg += fmt.Sprint(" ", time.Now().Unix())
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
func (p *sendPane) build(val string, env *compose.MacroEnv) (b []byte, changed string, err error) {
	if p.hexMode {
		b, err = compose.Hex(val)
	} else {
		o := p.opts
		o.FixContentLength = false // applied below, to learn what it changed
		if b, err = compose.Build(val, o, env); err == nil && p.opts.FixContentLength {
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

// sent records one real send of the editor's bytes: {{seq}} moves on.
func (p *sendPane) sent() { p.env.Advance() }

// options renders the mode and the options that are on, for the pane
// title (only those that are on: colour alone must not carry meaning).
func (p *sendPane) options() string {
	s := p.styles
	parts := []string{p.text.ModeText}
	if p.hexMode {
		parts[0] = p.text.ModeHex
	} else {
		for _, o := range []struct {
			on   bool
			name string
		}{
			{p.opts.CRLF, p.text.OptCRLF},
			{p.opts.Escapes, p.text.OptEscapes},
			{p.opts.FixContentLength, p.text.OptFixLength},
		} {
			if o.on {
				parts = append(parts, o.name)
			}
		}
	}
	if p.sum != 0 {
		parts = append(parts, fmt.Sprintf(p.text.Compose.OptChecksum, p.sum.Title()))
	}
	if p.closeAfter {
		parts = append(parts, p.text.OptCloseAfter)
	}
	out := s.OptOn.Render(strings.Join(parts, " · "))
	if b := p.badges(); b != "" {
		out += s.Dim.Render(" · ") + b
	}
	return out
}

// preview renders one line: the byte count and the bytes through the
// sanitizer (so \r\n is visible), or the input error.
func (p *sendPane) preview(width int) string {
	if line, ok := p.statusLine(width); ok {
		return line
	}
	b, changed, err := p.bytes()
	if err != nil {
		return p.styles.Error.Render(ansi.Truncate(fmt.Sprintf(p.text.InvalidInput, err), width, "…"))
	}
	head := fmt.Sprintf(p.text.PreviewBytes, len(b))
	if changed != "" {
		head = strings.TrimSuffix(head, ": ") + fmt.Sprintf(p.text.PreviewChanged, changed) + ": "
	}
	var body strings.Builder
	for _, l := range render.Lines(b) {
		body.WriteString(l.Render(p.styles.Segment))
		if body.Len() > 4*width+64 {
			break
		}
	}
	return ansi.Truncate(p.styles.Dim.Render(head)+body.String(), width, "…")
}

// httpReplyTemplate is what alt+t inserts: a complete reply whose
// Content-Length is right when sent with CRLF line breaks.
const httpReplyTemplate = "HTTP/1.1 200 OK\nContent-Type: text/html; charset=utf-8\nContent-Length: 11\nConnection: close\n\n<h1>hi</h1>"

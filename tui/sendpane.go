package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist/compose"
	"github.com/netassist/netassist/netassist/render"
)

// sendPane is the editor of bytes to send (DESIGN.md §4): text with CRLF
// and escapes, or hex; a live preview of the exact bytes and their count.
type sendPane struct {
	styles *Styles
	text   *Text

	editor     textarea.Model
	hexMode    bool
	opts       compose.Options
	closeAfter bool

	// The bytes the editor holds now, recomputed when it changes.
	payload []byte
	changed string // what FixContentLength changed
	err     error
	lastVal string
	lastCfg string
}

func newSendPane(styles *Styles, text *Text, isDark bool) sendPane {
	ed := textarea.New()
	ed.ShowLineNumbers = false
	ed.Prompt = ""
	ed.Placeholder = text.SendPlaceholder
	ed.CharLimit = 0
	ed.MaxHeight = 10000
	st := textarea.DefaultStyles(isDark)
	st.Cursor.Blink = false
	ed.SetStyles(st)
	return sendPane{styles: styles, text: text, editor: ed, opts: compose.DefaultOptions()}
}

func (p *sendPane) setSize(w, h int) {
	p.editor.SetWidth(max(w, 1))
	p.editor.SetHeight(max(h, 1))
}

func (p *sendPane) focus() tea.Cmd { return p.editor.Focus() }
func (p *sendPane) blur()          { p.editor.Blur() }

func (p *sendPane) update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	p.editor, cmd = p.editor.Update(msg)
	return cmd
}

func (p *sendPane) setValue(s string) {
	p.editor.SetValue(s)
}

// optionKey toggles a send option (close after send only when
// withCloseAfter) or clears the editor, and reports whether msg was one of
// those keys.
func (p *sendPane) optionKey(msg tea.KeyPressMsg, k *KeyMap, withCloseAfter bool) bool {
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
	default:
		return false
	}
	return true
}

// bytes returns what would be sent now, or the input error.
func (p *sendPane) bytes() ([]byte, string, error) {
	val := p.editor.Value()
	cfg := fmt.Sprint(p.hexMode, p.opts)
	if val == p.lastVal && cfg == p.lastCfg {
		return p.payload, p.changed, p.err
	}
	p.lastVal, p.lastCfg = val, cfg
	p.changed = ""
	if p.hexMode {
		p.payload, p.err = compose.Hex(val)
	} else {
		o := p.opts
		o.FixContentLength = false
		p.payload, p.err = compose.Text(val, o)
		if p.err == nil && p.opts.FixContentLength {
			p.payload, p.changed = compose.FixContentLength(p.payload)
		}
	}
	return p.payload, p.changed, p.err
}

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
	if p.closeAfter {
		parts = append(parts, p.text.OptCloseAfter)
	}
	return s.OptOn.Render(strings.Join(parts, " · "))
}

// preview renders one line: the byte count and the bytes through the
// sanitizer (so \r\n is visible), or the input error.
func (p *sendPane) preview(width int) string {
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
		body.WriteString(l.Render(p.styles.segment))
		if body.Len() > 4*width+64 {
			break
		}
	}
	return ansi.Truncate(p.styles.Dim.Render(head)+body.String(), width, "…")
}

// httpReplyTemplate is what alt+t inserts: a complete reply whose
// Content-Length is right when sent with CRLF line breaks.
const httpReplyTemplate = "HTTP/1.1 200 OK\nContent-Type: text/html; charset=utf-8\nContent-Length: 11\nConnection: close\n\n<h1>hi</h1>"

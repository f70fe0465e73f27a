package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// webTab is the Web tab (placeholder).
type webTab struct {
	text          *Text
	styles        *Styles
	width, height int
}

func newWebTab(cfg Config, styles *Styles, text *Text, keys *KeyMap) *webTab {
	return &webTab{text: text, styles: styles}
}

func (t *webTab) init() tea.Cmd             { return nil }
func (t *webTab) update(tea.Msg) tea.Cmd    { return nil }
func (t *webTab) setSize(w, h int)          { t.width, t.height = w, h }
func (t *webTab) typing() bool              { return false }
func (t *webTab) helpKeys() []key.Binding   { return nil }
func (t *webTab) fullHelp() [][]key.Binding { return nil }
func (t *webTab) counters() string          { return "" }

func (t *webTab) view() []string {
	lines := make([]string, max(t.height, 0))
	if len(lines) > 1 {
		lines[1] = "  " + t.text.Web.ComingSoon
	}
	return lines
}

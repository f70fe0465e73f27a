package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// clientTab is the Client tab (placeholder).
type clientTab struct {
	text          *Text
	styles        *Styles
	width, height int
}

func newClientTab(cfg Config, styles *Styles, text *Text, keys *KeyMap) *clientTab {
	return &clientTab{text: text, styles: styles}
}

func (t *clientTab) init() tea.Cmd             { return nil }
func (t *clientTab) update(tea.Msg) tea.Cmd    { return nil }
func (t *clientTab) setSize(w, h int)          { t.width, t.height = w, h }
func (t *clientTab) typing() bool              { return false }
func (t *clientTab) helpKeys() []key.Binding   { return nil }
func (t *clientTab) fullHelp() [][]key.Binding { return nil }
func (t *clientTab) counters() string          { return "" }

func (t *clientTab) view() []string {
	lines := make([]string, max(t.height, 0))
	if len(lines) > 1 {
		lines[1] = "  " + t.text.Client.ComingSoon
	}
	return lines
}

package common

import "charm.land/bubbles/v2/textinput"

// NewInput is a one-line text field as every pane uses them: no prompt,
// at most limit characters, styles for the background, the cursor not
// blinking (a blink would redraw the screen twice a second for nothing,
// and make frames depend on time), and no ctrl+v: it would read the system
// clipboard past PasteLine, which a paste into such a field goes through.
func NewInput(c Common, limit int) textinput.Model {
	ti := textinput.New()
	ti.Prompt = ""
	ti.CharLimit = limit
	ti.KeyMap.Paste.SetEnabled(false) // the terminal's paste goes through PasteLine
	st := textinput.DefaultStyles(c.IsDark)
	st.Cursor.Blink = false
	ti.SetStyles(st)
	return ti
}

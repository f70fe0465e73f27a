package tabframe

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Action is a key of a tab and what it does: the tab's keys are a table
// of Actions, run by Frame.Key, rather than a switch per tab.
type Action struct {
	key  key.Binding // zero: any key
	any  bool
	pane Pane        // only while this pane has the focus (nil: any pane)
	cond func() bool // only while this holds (nil: always)
	do   func(tea.KeyPressMsg) tea.Cmd
}

// On is an Action: b does do.
func On(b key.Binding, do func() tea.Cmd) Action {
	return Action{key: b, do: func(tea.KeyPressMsg) tea.Cmd { return do() }}
}

// Any is an Action taking any key (narrow it with In and If).
func Any(do func(tea.KeyPressMsg) tea.Cmd) Action { return Action{any: true, do: do} }

// In narrows a to the time p has the focus.
func (a Action) In(p Pane) Action { a.pane = p; return a }

// If narrows a to the time cond holds.
func (a Action) If(cond func() bool) Action { a.cond = cond; return a }

// run does the first action of list that msg is for.
func run(msg tea.KeyPressMsg, focus Pane, list []Action) (tea.Cmd, bool) {
	for _, a := range list {
		if (a.any || key.Matches(msg, a.key)) && (a.pane == nil || a.pane == focus) && (a.cond == nil || a.cond()) {
			return a.do(msg), true
		}
	}
	return nil, false
}

// Key runs a tab's key pipeline: the overlay's own key (it opens or
// closes the overlay even over an open field); what takes every key now
// (the overlay, the send pane's fields and features); the tab's keys that
// work from every pane (own); the keys every tab shares (focus, send,
// options, the receive pane's view keys); the tab's keys of the focused
// pane (pane); then the focused pane itself. The focus shows as the
// overlay leaves it.
func (f *Frame) Key(msg tea.KeyPressMsg, own, pane []Action) tea.Cmd {
	defer f.Settle()
	if f.Overlay != nil && key.Matches(msg, f.cfg.OverlayKey) {
		return f.Overlay.Update(msg)
	}
	if cmd, ok := f.ModalKey(msg); ok {
		return cmd
	}
	if cmd, ok := run(msg, f.focus, own); ok {
		return cmd
	}
	if cmd, ok := f.SharedKey(msg); ok {
		return cmd
	}
	if cmd, ok := run(msg, f.focus, pane); ok {
		return cmd
	}
	return f.PaneKey(msg)
}

package common

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/netassist"
)

// TabName names a tab as the engines name it (netassist.TabServer,
// TabClient, TabWeb): the tag async results carry so the root can deliver
// them to the tab that owns them.
type TabName = netassist.Tab

// Component is the one shape of every pane (soft-serve's
// pkg/ui/common.Component, held by pointer): Init, Update, View and
// SetSize, plus the help.KeyMap methods so bubbles/help can draw its keys.
//
// Update returns only the Cmd: a component lives in its parent by pointer
// and changes in place, so no type assertion follows every message.
type Component interface {
	Init() tea.Cmd
	Update(msg tea.Msg) tea.Cmd
	// View renders exactly the size last given to SetSize: height lines
	// of width cells each, joined by "\n" (nothing when either is 0).
	View() string
	SetSize(width, height int)
	help.KeyMap
}

// Focusable is a pane that can hold the focus. Keys reach the focused
// pane; TakesText says whether plain letters are text there (an editor, a
// field), so the tab and the root keep their plain-letter keys off it.
type Focusable interface {
	Focus() tea.Cmd
	Blur()
	Focused() bool
	TakesText() bool
}

// Tab is one mode of the app (Server, Client, Web). A tab keeps running
// while hidden: the root gives it the messages that carry its name
// (Routed), and keys and pastes while it is shown.
type Tab interface {
	Component
	// Name is the tab's engine name, the Route of its messages.
	Name() TabName
	// Typing reports whether the focused pane takes plain keys as text.
	Typing() bool
	// Counters is the tab's part of the status bar.
	Counters() string
}

// Routed is an async result that belongs to one tab: the root delivers it
// there, shown or not, and to no other tab.
type Routed interface {
	Route() TabName
}

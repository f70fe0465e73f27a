// Package common is what every pane of the TUI shares, and the floor of
// its import graph: packages under tui/components, tui/tabs and tui itself
// import it; it imports none of them (only the leaf packages styles,
// keymap and i18n, and the engines' plain types).
//
// It holds the Common value handed to every constructor, the pane
// interfaces (Component, Focusable, Tab), the one status message, and the
// small helpers every view uses: Box, FitLines, PadLine, FormatSize,
// CompactSize, Safe and ScrollKey.
package common

import (
	"context"
	"time"

	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/keymap"
	"github.com/netassist/netassist/tui/styles"
)

// Common is what every pane and tab is built with: one value instead of a
// handful of pointers. The pointers are shared by the whole UI: when the
// terminal reports another background, the root rebuilds *Styles in place
// and every pane draws with the new styles on its next frame.
type Common struct {
	// Ctx ends background work (waits, file sends) when the program stops.
	Ctx    context.Context
	Styles *styles.Styles
	Keys   *keymap.KeyMap
	Text   *i18n.Text
	Lang   i18n.Lang
	// IsDark is the background the text fields' own styles were built for.
	IsDark bool
	// ConfigDir holds the send history and the auto-reply rules; "" keeps
	// them in memory only (tests, and runs that must not touch the
	// user's files).
	ConfigDir string
	// SaveDir is where the receive pane's saves (w, W) write their files;
	// "" is the current directory.
	SaveDir string
	// Clock is the time the UI shows and paces by (elapsed times,
	// countdowns, repeat sends); nil is time.Now. Tests pass a fake one.
	Clock func() time.Time
	// Again (capacity 1) is how a View asks for another frame when
	// nothing else may cause one (the receive pane catching up a screen a
	// frame): the root's wait for store changes also ends on it
	// (WaitForFrame). nil: AskFrame does nothing.
	Again chan struct{}
}

// NewAgain is a Common.Again channel.
func NewAgain() chan struct{} { return make(chan struct{}, 1) }

// AskFrame asks for another frame soon (after the frame interval) even if
// the store does not change; asking again before it comes asks once.
func (c Common) AskFrame() {
	select {
	case c.Again <- struct{}{}:
	default: // asked already, or no one listens (nil)
	}
}

// Now is the UI's current time: Clock, or time.Now without one.
func (c Common) Now() time.Time {
	if c.Clock != nil {
		return c.Clock()
	}
	return time.Now()
}

// Context is Ctx, or context.Background without one.
func (c Common) Context() context.Context {
	if c.Ctx != nil {
		return c.Ctx
	}
	return context.Background()
}

// Default is a Common for tests and tools: English text, dark styles,
// default keys, no persistence.
func Default() Common {
	t := i18n.English()
	s := styles.DefaultStyles(true)
	k := keymap.Default(t)
	return Common{Ctx: context.Background(), Styles: &s, Keys: &k, Text: &t, Lang: i18n.LangEnglish, IsDark: true,
		Again: NewAgain()}
}

package recvpane

import (
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/render"
)

// Presenter highlight (issue 15 item 3): with SetHighlightNew, the chunks
// that crossed the socket in the last few seconds are drawn bold and in a
// strong colour, so a room can see what just arrived. What is new is
// decided at draw time with Common's clock (tests use a fake one); a tick
// redraws the pane while highlighting is on, so the colour goes when its
// time is up even if nothing else happens.

// highlightTick is how often the pane is redrawn while highlighting.
const highlightTick = 250 * time.Millisecond

// Msg is a message for the receive pane that the tab hands on to it
// (tabframe.Frame.Update): search results and the highlight tick.
type Msg interface {
	Route() netassist.Tab
	recvpaneMsg()
}

func (SearchMsg) recvpaneMsg() {}

// TickMsg redraws the pane of Tab while the newest bytes are highlighted.
type TickMsg struct {
	Tab netassist.Tab
	gen int
}

// Route delivers the tick to the tab whose pane asked.
func (m TickMsg) Route() netassist.Tab { return m.Tab }
func (TickMsg) recvpaneMsg()           {}

// SetHighlightNew highlights, for d, the chunks that arrived (or were
// sent) in the last d; 0 turns it off. The returned Cmd keeps the pane
// redrawn while it is on: run it.
func (p *Model) SetHighlightNew(d time.Duration) tea.Cmd {
	d = max(d, 0)
	if d == p.hlFor {
		return nil
	}
	p.hlFor = d
	p.hlGen++
	p.invalidate()
	if d == 0 {
		return nil
	}
	return p.tick()
}

// HighlightNew is how long the newest bytes are highlighted (0: off).
func (p *Model) HighlightNew() time.Duration { return p.hlFor }

func (p *Model) tick() tea.Cmd {
	m := TickMsg{Tab: p.filter.Tab, gen: p.hlGen}
	return tea.Tick(highlightTick, func(time.Time) tea.Msg { return m })
}

// onTick re-arms the tick while highlighting is on (the frame that
// follows every message redraws).
func (p *Model) onTick(m TickMsg) tea.Cmd {
	if m.gen != p.hlGen || p.hlFor == 0 {
		return nil
	}
	return p.tick()
}

// isNew reports whether c is drawn highlighted now.
func (p *Model) isNew(c *netassist.Chunk) bool {
	return p.hlFor > 0 && c.Kind == netassist.KindData && p.c.Now().Sub(c.Time) < p.hlFor
}

// newStyle is how new bytes are drawn: bold, in the warning colour.
func (p *Model) newStyle() lipgloss.Style { return p.c.Styles.Warning.Bold(true) }

// segmentNew styles a segment of a new chunk: plain text in newStyle,
// markers and escapes in their own colours, bold.
func (p *Model) segmentNew(k render.Kind, text string) string {
	switch k {
	case render.Marker:
		return p.c.Styles.Marker.Bold(true).Render(text)
	case render.Escape:
		return p.c.Styles.Escape.Bold(true).Render(text)
	}
	return p.newStyle().Render(text)
}

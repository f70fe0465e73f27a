package sendpane

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/httpserve/lessons"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
)

// A drip sends a lesson template's reply in pieces with a pause between
// them (lessons.Pieces: the head, then each chunk, …), so a browser is
// seen showing a page as it arrives. Each piece goes through the tab's
// Deliver, bound to the target chosen when send was pressed, in a Cmd;
// the pause is a tick on the event loop. Ticks and results carry a
// generation: esc (or a new drip, or a template) stops it at once.

// dripState is the running (or last) drip.
type dripState struct {
	active  bool
	gen     int
	pieces  [][]byte
	next    int // the piece being sent
	gap     time.Duration
	close   bool // close after the last piece
	deliver Deliver
	text    string // the editor's text when it started, for the history
}

// dripSentMsg reports piece i of generation gen.
type dripSentMsg struct {
	tab    netassist.Tab
	gen, i int
	status common.StatusMsg
}

// dripTickMsg says the pause before piece i is over.
type dripTickMsg struct {
	tab    netassist.Tab
	gen, i int
}

func (m dripSentMsg) Route() netassist.Tab { return m.tab }
func (dripSentMsg) sendpaneMsg()           {}
func (m dripTickMsg) Route() netassist.Tab { return m.tab }
func (dripTickMsg) sendpaneMsg()           {}

// startDrip sends data in the attached template's pieces.
func (p *Model) startDrip(deliver Deliver, data []byte) tea.Cmd {
	d := &p.drip
	d.gen++
	d.active, d.next = true, 0
	d.pieces = lessons.Pieces(data, p.lesson.Drip)
	d.gap, d.close, d.deliver, d.text = p.lesson.Drip.Gap, p.closeAfter, deliver, p.editor.Value()
	return p.dripStep()
}

// dripStep sends the next piece in a Cmd.
func (p *Model) dripStep() tea.Cmd {
	d := &p.drip
	tab, gen, i, deliver := p.tab, d.gen, d.next, d.deliver
	piece, last := d.pieces[i], i == len(d.pieces)-1
	closeAfter := last && d.close
	return func() tea.Msg {
		return dripSentMsg{tab: tab, gen: gen, i: i, status: deliver(piece, closeAfter)}
	}
}

// stopDrip ends a running drip; its pending tick and result are dropped.
func (p *Model) stopDrip() tea.Cmd {
	d := &p.drip
	if !d.active {
		return nil
	}
	d.active = false
	d.gen++
	return common.Status(fmt.Sprintf(p.c.Text.Editor.DripStopped, d.next, len(d.pieces)), false)
}

// dripMsg handles the drip's results and ticks.
func (p *Model) dripMsg(msg Msg) tea.Cmd {
	d, et := &p.drip, &p.c.Text.Editor
	switch msg := msg.(type) {
	case dripSentMsg:
		if msg.gen != d.gen || !d.active {
			return nil
		}
		switch {
		case msg.status.Err:
			d.active = false
			return common.Status(fmt.Sprintf(et.DripFailed, msg.i+1, msg.status.Text), true)
		case msg.i == len(d.pieces)-1:
			d.active = false
			p.env.Advance()
			total := 0
			for _, b := range d.pieces {
				total += len(b)
			}
			// The total first: the last piece's "sent 5 bytes" read as
			// the whole (breaker report 1, nit 5).
			return tea.Batch(common.Status(fmt.Sprintf(et.DripDone, total, len(d.pieces), msg.status.Text), false),
				p.remember(d.text, false), p.touch())
		}
		d.next = msg.i + 1
		tab, gen, i := p.tab, d.gen, d.next
		return tea.Tick(d.gap, func(time.Time) tea.Msg { return dripTickMsg{tab: tab, gen: gen, i: i} })
	case dripTickMsg:
		if msg.gen != d.gen || !d.active || msg.i != d.next {
			return nil
		}
		return p.dripStep()
	}
	return nil
}

// dripBadge is the running drip for the title: "drip 2/5".
func (p *Model) dripBadge() string {
	if !p.drip.active {
		return ""
	}
	return fmt.Sprintf(p.c.Text.Editor.DripBadge, p.drip.next, len(p.drip.pieces))
}

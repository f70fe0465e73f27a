package sendpane

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
)

// Msg is every message of the send pane: results and ticks that carry the
// tab they belong to (the root routes them there; the tab gives them to
// its pane's Update).
type Msg interface {
	common.Routed
	sendpaneMsg()
}

// Deliver sends data for a tab, in a Cmd's goroutine (never in Update),
// and says how it went, as the status line will show it: the Server tab
// writes to the selected connection or to all, the Client tab to its
// connection, the Web tab releases a held request.
type Deliver func(data []byte, closeAfter bool) common.StatusMsg

// SendCmd is the one send helper of every tab: it checks the editor's
// bytes (an input error or an empty editor is said, nothing is sent),
// then delivers a copy of them off the event loop. Its result is a
// SentMsg for this pane: on success {{seq}} moves on and the typed text
// joins the history.
func (p *Model) SendCmd(deliver Deliver) tea.Cmd {
	t := p.c.Text
	b, _, err := p.bytes()
	if err != nil {
		return common.Status(p.errText(err), true)
	}
	if len(b) == 0 {
		return common.Status(t.NothingToSend, true)
	}
	data := append([]byte(nil), b...)
	var note string
	if p.lesson != nil && p.lesson.Drip.Gap > 0 && !p.hexMode {
		if p.streams {
			p.stopDrip()
			return p.startDrip(deliver, data)
		}
		note = " · " + p.c.Text.Editor.DripAtOnce
	}
	tab, text, hex, closeAfter := p.tab, p.editor.Value(), p.hexMode, p.closeAfter
	return func() tea.Msg {
		st := deliver(data, closeAfter)
		if st.At.IsZero() {
			// Decided now, not when the status Cmd's message lands: the
			// "sent" of one send, arriving after the "send failed" of the
			// next, must not replace it (common.StatusMsg).
			st.At = time.Now()
		}
		if !st.Err {
			st.Text += note
		}
		return SentMsg{tab: tab, text: text, hex: hex, Status: st}
	}
}

// SentMsg is a manual send's result: the status it set, and what the
// editor held when it was sent.
type SentMsg struct {
	tab    netassist.Tab
	text   string
	hex    bool
	Status common.StatusMsg
}

// Route is the tab that sent.
func (m SentMsg) Route() netassist.Tab { return m.tab }
func (SentMsg) sendpaneMsg()           {}

// handle acts on the pane's messages.
func (p *Model) handle(msg Msg) tea.Cmd {
	switch msg := msg.(type) {
	case SentMsg:
		status := func() tea.Msg { return msg.Status }
		if msg.Status.Err {
			return status
		}
		p.env.Advance() // a real send: {{seq}} moves on
		return tea.Batch(status, p.remember(msg.text, msg.hex), p.touch())
	case checkTickMsg:
		if msg.gen != p.check.gen {
			return nil // typed again since: a newer tick is armed
		}
		return p.checkNow(msg.gen)
	case checkedMsg:
		p.checked(msg)
	case lessonsLoadedMsg:
		if msg.gen == p.lessonGen && p.lessons.IsOpen() {
			p.lessons.SetList(msg.list, msg.errs)
		}
	case dripSentMsg, dripTickMsg:
		return p.dripMsg(msg)
	case repeatTickMsg:
		if msg.gen != p.repeat.gen || !p.repeat.running {
			return nil
		}
		return p.repeatStep(p.c.Now())
	case repeatSentMsg:
		return p.repeatSent(msg)
	case fileJobMsg:
		return p.fileReport(msg)
	case completeMsg:
		p.completed(msg)
	case historyLoadedMsg:
		return p.historyLoaded(msg)
	case historySavedMsg:
		if msg.err != nil {
			return common.Status(fmt.Sprintf(p.c.Text.Compose.HistorySaveFail, common.ErrText(p.c, msg.err)), true)
		}
	}
	return nil
}

// Target is where a repeat or a file send goes: chosen when it starts and
// kept, so selecting another connection meanwhile does not redirect it.
// Its funcs are safe to call from a Cmd's goroutine; flow control is the
// engine's (netassist.SendHighWater).
type Target struct {
	Desc string
	// Send queues b for the target, waiting while the engine's queue for
	// it is at its high-water mark, so a file or a repeat goes at the pace
	// the peer reads. The engine may keep b: pass a slice that is not
	// reused. ErrTargetClosed once the whole target closed.
	Send func(ctx context.Context, b []byte) error
	// Pending is the most bytes queued and not yet written on a
	// connection of the target that is still open.
	Pending func() int
	// Flush waits until what was queued is written (on at least one
	// connection of the target); ErrTargetClosed if none is left.
	Flush func(ctx context.Context) error
	// Datagram, when not 0, is the largest datagram of a UDP target
	// (65,507 bytes over IPv4): a file then goes as one datagram or split
	// at a size the pane asks for, each piece one Send (issue 16).
	Datagram int
}

// ErrTargetClosed ends a repeat or file send whose connections all
// closed; a target's Send returns it when its connection is gone (the
// Client tab reconnected meanwhile, say). TargetClosed adds why.
var ErrTargetClosed = common.ErrTargetClosed

// TargetClosed is ErrTargetClosed with why the first of ids that closed
// for a reason closed, as the store recorded it ("the target connection
// is closed (read: connection reset by peer)"); ErrTargetClosed alone
// when none says.
func TargetClosed(st *netassist.Store, ids ...netassist.ConnID) error {
	for _, id := range ids {
		if info, ok := st.Conn(id); ok && !info.Closed.IsZero() && info.Err != "" {
			return fmt.Errorf("%w (%s)", ErrTargetClosed, info.Err)
		}
	}
	return ErrTargetClosed
}

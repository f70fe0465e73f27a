package sendpane

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/netassist/netassist/netassist"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/i18n"
)

// Repeat send bounds and pacing.
const (
	minRepeat = time.Millisecond
	maxRepeat = time.Hour
	// repeatMinTick is the shortest time between two ticks: shorter
	// intervals send several messages per tick, as many as are due, so the
	// rate holds without an Update (and a View) per message.
	repeatMinTick = 10 * time.Millisecond
	// repeatMaxBatch bounds the sends of one tick; a backlog beyond it
	// (the machine was stalled) is skipped rather than sent in a burst.
	repeatMaxBatch = 512
)

// repeatState is a running (or last) repeat send. Ticks and send results
// carry gen; a stop bumps it, so everything of the old run is dropped.
type repeatState struct {
	running bool
	gen     int
	every   time.Duration
	last    string // the interval as typed last, offered next time
	target  Target
	cancel  context.CancelFunc // ends a send waiting on the engine's queue when the run stops
	start   time.Time
	planned int64 // sends handed to a Cmd since start (paces the due count)
	count   int64 // sends made
	queued  int64 // bytes handed to the engine since start
	noted   bool  // the text has been added to the history
	ctx     context.Context
}

// repeatTickMsg asks for the sends that are due.
type repeatTickMsg struct {
	tab netassist.Tab
	gen int
}

// repeatSentMsg reports a batch: n of its sends were queued, then err.
type repeatSentMsg struct {
	tab   netassist.Tab
	gen   int
	n     int
	bytes int64
	err   error
}

func (m repeatTickMsg) Route() netassist.Tab { return m.tab }
func (repeatTickMsg) sendpaneMsg()           {}
func (m repeatSentMsg) Route() netassist.Tab { return m.tab }
func (repeatSentMsg) sendpaneMsg()           {}

// parseInterval reads a repeat interval as time.ParseDuration does, within
// 1ms–1h; the error is the sentence shown under the send box.
func parseInterval(s string, t *i18n.ComposeText) (time.Duration, error) {
	s = strings.TrimSpace(s)
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf(t.BadInterval, s)
	}
	if d < minRepeat || d > maxRepeat {
		return 0, fmt.Errorf(t.IntervalRange, minRepeat, maxRepeat)
	}
	return d, nil
}

// startRepeat begins sending the editor's bytes every d to target; the
// first send goes out now.
func (p *Model) startRepeat(d time.Duration, target Target) tea.Cmd {
	r := &p.repeat
	r.gen++
	if r.cancel != nil {
		r.cancel() // a run it replaces
	}
	r.running, r.every, r.target = true, d, target
	var ctx context.Context
	ctx, r.cancel = context.WithCancel(p.c.Context())
	r.ctx = ctx
	r.start, r.planned, r.count, r.queued, r.noted = p.c.Now(), 0, 0, 0, false
	return tea.Batch(
		common.Status(fmt.Sprintf(p.c.Text.Compose.RepeatStarted, d, target.Desc), false),
		p.repeatStep(p.c.Now()))
}

// stopRepeat ends the run now: no tick or result of it is acted on after.
func (p *Model) stopRepeat() tea.Cmd {
	if !p.repeat.running {
		return nil
	}
	p.repeat.running = false
	p.repeat.gen++
	p.repeat.cancel()
	return common.Status(fmt.Sprintf(p.c.Text.Compose.RepeatStopped, p.repeat.count), false)
}

// repeatStep builds the sends due at now and returns the Cmd that queues
// them, in order; the next tick is armed when it reports. A build error
// (the editor now holds invalid input) ends the run.
func (p *Model) repeatStep(now time.Time) tea.Cmd {
	r := &p.repeat
	due := int64(now.Sub(r.start)/r.every) + 1 - r.planned
	if due > repeatMaxBatch {
		r.planned += due - repeatMaxBatch
		due = repeatMaxBatch
	}
	if due <= 0 {
		return p.repeatTick(now)
	}
	val := p.editor.Value()
	batch := make([][]byte, 0, due)
	env := p.env
	for range due {
		b, _, err := p.build(val, &env)
		if err != nil {
			return p.endRepeat(errors.New(p.errText(err)))
		}
		if len(b) == 0 {
			return p.endRepeat(errors.New(p.c.Text.NothingToSend))
		}
		batch = append(batch, b)
		env.Advance()
	}
	r.planned += due
	// The sends wait while the engine's queue for the target is full (the
	// peer is not reading): the next tick is armed only when they are
	// queued, so memory stays bounded and the run goes at the peer's pace.
	tab, gen, send, ctx := p.tab, r.gen, r.target.Send, r.ctx
	return func() tea.Msg {
		var total int64
		for i, b := range batch {
			if err := send(ctx, b); err != nil {
				return repeatSentMsg{tab: tab, gen: gen, n: i, bytes: total, err: err}
			}
			total += int64(len(b))
		}
		return repeatSentMsg{tab: tab, gen: gen, n: len(batch), bytes: total}
	}
}

// repeatTick arms the tick for the next due send.
func (p *Model) repeatTick(now time.Time) tea.Cmd {
	r := &p.repeat
	delay := r.start.Add(time.Duration(r.planned) * r.every).Sub(now)
	if r.every < repeatMinTick {
		delay = max(delay, repeatMinTick)
	}
	msg := repeatTickMsg{tab: p.tab, gen: r.gen}
	if delay <= 0 {
		return func() tea.Msg { return msg }
	}
	return tea.Tick(delay, func(time.Time) tea.Msg { return msg })
}

// repeatSent accounts for a batch and arms the next tick, or ends the run
// on a send error (the target closed).
func (p *Model) repeatSent(msg repeatSentMsg) tea.Cmd {
	// The sends happened whatever became of the run: {{seq}} moves on.
	p.env.Sent += uint64(msg.n)
	r := &p.repeat
	if msg.gen != r.gen || !r.running {
		return nil
	}
	r.count += int64(msg.n)
	r.queued += msg.bytes
	var cmds []tea.Cmd
	if msg.n > 0 && !r.noted {
		r.noted = true
		cmds = append(cmds, p.remember(p.editor.Value(), p.hexMode))
	}
	if msg.err != nil {
		return tea.Batch(append(cmds, p.endRepeat(msg.err))...)
	}
	return tea.Batch(append(cmds, p.repeatTick(p.c.Now()))...)
}

// endRepeat stops the run because of err and says so.
func (p *Model) endRepeat(err error) tea.Cmd {
	p.repeat.running = false
	p.repeat.gen++
	if p.repeat.cancel != nil {
		p.repeat.cancel()
	}
	return common.Status(fmt.Sprintf(p.c.Text.Compose.RepeatEnded, p.repeat.count, common.ErrText(p.c, err)), true)
}

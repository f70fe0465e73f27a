package sendpane

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/history"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// recorder is a send target that keeps what it is given.
type recorder struct {
	mu     sync.Mutex // guards got and closed
	got    []string
	closed bool
}

func (r *recorder) target() Target {
	return Target{
		Desc: "all (1 open)",
		Send: func(_ context.Context, b []byte) error {
			r.mu.Lock()
			defer r.mu.Unlock()
			if r.closed {
				return ErrTargetClosed
			}
			r.got = append(r.got, string(b))
			return nil
		},
		Pending: func() int { return 0 }, // written at once
		Flush: func(context.Context) error {
			r.mu.Lock()
			defer r.mu.Unlock()
			if r.closed {
				return ErrTargetClosed
			}
			return nil
		},
	}
}

func (r *recorder) sends() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.got...)
}

func newPane(t testing.TB, clock *tuitest.Clock, rec *recorder) *Model {
	t.Helper()
	c := common.Default()
	c.Clock = clock.Now
	p := New(c, netassist.TabServer, Options{Streams: true, Target: func() (Target, error) { return rec.target(), nil }})
	p.SetSize(80, 6)
	return p
}

// runSends runs the Cmd a repeat step returns (it queues the due sends)
// and hands its report back to the pane, as the program would; the tick
// the pane then arms is not run: the test moves the clock and ticks.
func runSends(t *testing.T, p *Model, cmd tea.Cmd) {
	t.Helper()
	if cmd == nil {
		return
	}
	msg, ok := cmd().(repeatSentMsg)
	if !ok {
		t.Fatalf("the step returned %T", msg)
	}
	p.Update(msg)
}

// runStart runs what startRepeat returns: the status, and the first send.
func runStart(t *testing.T, p *Model, cmd tea.Cmd) {
	t.Helper()
	batch, ok := cmd().(tea.BatchMsg)
	if !ok {
		t.Fatal("startRepeat returned no batch")
	}
	for _, c := range batch {
		if c == nil {
			continue
		}
		if m, ok := c().(repeatSentMsg); ok {
			p.Update(m)
		}
	}
}

// A repeat at 10 ms sends once at the start, then once per 10 ms of the
// clock, in order, with {{seq}} counting; the stop is immediate: a tick or
// a report of the stopped run does nothing.
func TestRepeatRateAndSeq(t *testing.T) {
	clock := tuitest.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	rec := &recorder{}
	p := newPane(t, clock, rec)
	p.SetValue(`{{seq}}\n`)
	r := &p.repeat
	runStart(t, p, p.startRepeat(10*time.Millisecond, rec.target()))
	if !r.running {
		t.Fatal("not running")
	}
	for range 100 {
		clock.Advance(10 * time.Millisecond)
		runSends(t, p, p.Update(repeatTickMsg{tab: netassist.TabServer, gen: r.gen}))
	}
	got := rec.sends()
	if len(got) != 101 {
		t.Fatalf("1s at 10ms sent %d messages, want 101", len(got))
	}
	for i, s := range got {
		if s != fmt.Sprintf("%d\n", i+1) {
			t.Fatalf("message %d is %q", i, s)
		}
	}
	// A stalled second is caught up in one batch, not skipped.
	clock.Advance(time.Second)
	runSends(t, p, p.Update(repeatTickMsg{tab: netassist.TabServer, gen: r.gen}))
	if n := len(rec.sends()); n != 201 {
		t.Fatalf("after a stalled second: %d sends, want 201", n)
	}
	if !strings.Contains(ansi.Strip(p.View()), "⟳ every 10ms · 201 sent") {
		t.Fatalf("title:\n%s", ansi.Strip(p.View()))
	}
	// A batch in flight when the key stops the run: it lands, {{seq}}
	// counts it, and nothing follows it.
	clock.Advance(30 * time.Millisecond)
	inFlight := p.Update(repeatTickMsg{tab: netassist.TabServer, gen: r.gen})
	stale := repeatTickMsg{tab: netassist.TabServer, gen: r.gen}
	stop := p.stopRepeat()
	if cmd := p.Update(inFlight()); cmd != nil {
		t.Fatal("the report of a stopped run armed another tick")
	}
	if m, ok := stop().(common.StatusMsg); !ok || m.Text != "repeat stopped after 201 sends" {
		t.Fatalf("stop: %+v", m)
	}
	clock.Advance(time.Second)
	if cmd := p.Update(stale); cmd != nil {
		t.Fatal("a tick of the stopped run asked for sends")
	}
	if n := len(rec.sends()); n != 204 || strings.Contains(ansi.Strip(p.View()), "⟳") {
		t.Fatalf("%d sends after the stop, want the 201 and the 3 in flight", n)
	}
	// {{seq}} carries on from the repeat.
	if b, _ := p.Bytes(); string(b) != "205\n" {
		t.Fatalf("next bytes %q", b)
	}
}

// The repeat ends, with a message, when its target closes.
func TestRepeatEndsWhenTargetCloses(t *testing.T) {
	clock := tuitest.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	rec := &recorder{}
	p := newPane(t, clock, rec)
	p.SetValue("ping")
	runStart(t, p, p.startRepeat(5*time.Millisecond, rec.target()))
	rec.mu.Lock()
	rec.closed = true
	rec.mu.Unlock()
	clock.Advance(5 * time.Millisecond)
	sent, ok := p.Update(repeatTickMsg{tab: netassist.TabServer, gen: p.repeat.gen})().(repeatSentMsg)
	if !ok || sent.err == nil {
		t.Fatalf("the send to a closed target: %+v", sent)
	}
	m, ok := p.Update(sent)().(common.StatusMsg)
	if !ok || !m.Err || !strings.Contains(m.Text, "repeat stopped after 1 sends: the target connection is closed") {
		t.Fatalf("status %+v", m)
	}
	if p.repeat.running {
		t.Fatal("still running")
	}
}

// The one send helper: an empty editor and bad input are said and nothing
// is delivered; a send delivers a copy of the bytes, and its success moves
// {{seq}} on and keeps the text in the history.
func TestSendCmd(t *testing.T) {
	clock := tuitest.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	p := newPane(t, clock, &recorder{})
	var delivered []string
	deliver := func(b []byte, closeAfter bool) common.StatusMsg {
		delivered = append(delivered, fmt.Sprint(string(b), closeAfter))
		return common.StatusMsg{Text: "sent"}
	}
	status := func(cmd tea.Cmd) common.StatusMsg {
		t.Helper()
		for {
			switch m := cmd().(type) {
			case common.StatusMsg:
				return m
			case SentMsg:
				cmd = p.Update(m)
			case tea.BatchMsg:
				cmd = m[0]
			default:
				t.Fatalf("message %T", m)
			}
		}
	}
	if m := status(p.SendCmd(deliver)); !m.Err || m.Text != "nothing to send: the editor is empty" {
		t.Fatalf("empty: %+v", m)
	}
	p.SetValue(`\xZZ`)
	if m := status(p.SendCmd(deliver)); !m.Err || !strings.HasPrefix(m.Text, "not sent: ") {
		t.Fatalf("bad input: %+v", m)
	}
	p.SetValue("n={{seq}}")
	p.OptionKey(tuitest.Alt('c'), true)
	if m := status(p.SendCmd(deliver)); m.Err || m.Text != "sent" {
		t.Fatalf("send: %+v", m)
	}
	if strings.Join(delivered, ",") != "n=1true" {
		t.Fatalf("delivered %q", delivered)
	}
	if b, _ := p.Bytes(); string(b) != "n=2" {
		t.Fatalf("after a send the preview is %q", b)
	}
	if l := p.hist.list; len(l) != 1 || l[0].Text != "n={{seq}}" {
		t.Fatalf("history %+v", l)
	}
	// A failed delivery neither counts nor remembers.
	failed := func([]byte, bool) common.StatusMsg { return common.StatusMsg{Text: "send failed", Err: true} }
	p.SetValue("other")
	if m := status(p.SendCmd(failed)); !m.Err {
		t.Fatalf("failed send: %+v", m)
	}
	if len(p.hist.list) != 1 || p.env.Sent != 1 {
		t.Fatalf("a failed send was counted: %d %d", len(p.hist.list), p.env.Sent)
	}
	// A send's status is dated when the delivery ends, not when its
	// message lands: the "sent" of one send arriving after the "send
	// failed" of the next is then older and dropped (the flaky
	// TestSendToClosedSelectedConn showed "sent 4 bytes" last).
	p.SetValue("one")
	first := p.SendCmd(deliver)()
	p.SetValue("two")
	second := p.SendCmd(failed)()
	a, b := first.(SentMsg).Status.At, second.(SentMsg).Status.At
	if a.IsZero() || b.IsZero() || b.Before(a) {
		t.Fatalf("send statuses dated %v and %v", a, b)
	}
	if newer, _ := first.(SentMsg).Status.Newer(b); newer {
		t.Fatal("the earlier send's status would replace the later one")
	}
}

func TestViewAndPreviewSize(t *testing.T) {
	clock := tuitest.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	p := newPane(t, clock, &recorder{})
	p.SetTitle("Send to all (0 open)")
	p.SetValue("GET / HTTP/1.1\nHost: x\n\n" + strings.Repeat("body ", 40))
	for _, sz := range tuitest.Sizes {
		p.SetSize(sz[0], sz[1])
		tuitest.CheckSize(t, "sendpane", p.View(), sz[0], sz[1])
		tuitest.CheckSize(t, "preview", p.Preview(sz[0]), sz[0], min(sz[0], 1))
	}
	p.SetSize(100, 6)
	if s := ansi.Strip(p.View()); !strings.HasPrefix(s, "╭─Send to all (0 open) · text · CRLF · escapes─") {
		t.Fatalf("title:\n%s", s)
	}
	if s := ansi.Strip(p.Preview(100)); !strings.HasPrefix(s, `227 bytes: GET / HTTP/1.1\r\nHost: x\r\n\r\nbody body`) {
		t.Fatalf("preview %q", s)
	}
}

// Without a config folder the history lives in memory only.
func TestHistoryInMemoryWithoutConfigDir(t *testing.T) {
	clock := tuitest.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	p := newPane(t, clock, &recorder{})
	if p.Init() != nil { // the first check is done at once
		t.Fatal("a history load without a config folder")
	}
	if p.remember("one", false) != nil {
		t.Fatal("a history save without a config folder")
	}
	p.SetValue("draft")
	p.recall(1)
	if p.Value() != "one" || !p.Recalled() {
		t.Fatalf("recalled %q", p.Value())
	}
	p.recall(-1)
	if p.Value() != "draft" {
		t.Fatalf("draft %q", p.Value())
	}
}

func TestHistorySavesOfTwoTabsDoNotLoseEachOther(t *testing.T) {
	dir := t.TempDir()
	for round := range 20 {
		text := fmt.Sprint("round ", round)
		entry := []history.Entry{{Text: text}}
		a := saveHistoryCmd(dir, netassist.TabServer, entry, uint64(round+1), &historySaver{})
		b := saveHistoryCmd(dir, netassist.TabClient, entry, uint64(round+1), &historySaver{})
		var wg sync.WaitGroup
		for _, cmd := range []tea.Cmd{a, b} {
			wg.Add(1)
			go func() { defer wg.Done(); cmd() }()
		}
		wg.Wait()
		h, err := history.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, tab := range []netassist.Tab{netassist.TabServer, netassist.TabClient} {
			if l := h.List(string(tab)); len(l) == 0 || l[0].Text != text {
				t.Fatalf("round %d: the %s tab's save was lost: %v", round, tab, l)
			}
		}
	}
}

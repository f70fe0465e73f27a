package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/keymap"
)

// composeMsg is every message of the send-pane features. All messages
// reach every tab; each send pane acts only on its own tab's.
type composeMsg interface{ composeTab() netassist.Tab }

// errTargetClosed ends a repeat or file send whose connections all closed.
var errTargetClosed = fmt.Errorf("the target %w", netassist.ErrConnClosed)

// sendTarget is where a repeat or a file send goes: chosen when it starts
// and kept, so selecting another connection meanwhile does not redirect
// it. Its funcs are safe to call from a Cmd's goroutine; flow control is
// the engine's (netassist.SendHighWater).
type sendTarget struct {
	desc string
	// send queues b for the target, waiting while the engine's queue for
	// it is at its high-water mark, so a file or a repeat goes at the pace
	// the peer reads. The engine may keep b: pass a slice that is not
	// reused. errTargetClosed once the whole target closed.
	send func(ctx context.Context, b []byte) error
	// pending is the most bytes queued and not yet written on a
	// connection of the target that is still open.
	pending func() int
	// flush waits until what was queued is written (on at least one
	// connection of the target); errTargetClosed if none is left.
	flush func(ctx context.Context) error
}

// serverTarget is the selected connection, or every connection open now.
func (t *serverTab) serverTarget() (sendTarget, error) {
	id, desc := t.target()
	ids := []netassist.ConnID{id}
	if id == netassist.AllConns {
		ids = t.srv.Open()
	}
	if len(ids) == 0 {
		return sendTarget{}, netassist.ErrNoConns
	}
	srv := t.srv
	for _, id := range ids {
		if _, err := srv.Conn(id); err != nil {
			return sendTarget{}, err
		}
	}
	return sendTarget{
		desc: desc,
		send: func(ctx context.Context, b []byte) error {
			_, err := srv.SendTo(ctx, ids, b, false)
			if errors.Is(err, netassist.ErrNoConns) {
				return errTargetClosed
			}
			return err
		},
		pending: func() int {
			most := 0
			for _, id := range ids {
				if c, err := srv.Conn(id); err == nil {
					most = max(most, c.Queued())
				}
			}
			return most
		},
		flush: func(ctx context.Context) error {
			done := false
			for _, id := range ids {
				c, err := srv.Conn(id)
				if err != nil {
					continue
				}
				if err := c.WaitWritten(ctx); err == nil {
					done = true
				} else if ctx.Err() != nil {
					return ctx.Err()
				}
			}
			if !done {
				return errTargetClosed
			}
			return nil
		},
	}, nil
}

// clientTarget is the client's current connection.
func (t *clientTab) clientTarget() (sendTarget, error) {
	if t.client == nil {
		return sendTarget{}, errors.New(t.text.Client.NoEngine)
	}
	st := t.client.Status()
	if st.State != netassist.ClientConnected {
		return sendTarget{}, netassist.ErrNotConnected
	}
	c, id := t.client, st.Conn
	// conn is the chosen connection while it is the client's: after a
	// reconnect the target is gone.
	conn := func() (*netassist.Conn, error) {
		cc, err := c.Conn()
		if err != nil || cc.ID() != id {
			return nil, errTargetClosed
		}
		return cc, nil
	}
	return sendTarget{
		desc: common.Safe(st.Remote),
		send: func(ctx context.Context, b []byte) error {
			cc, err := conn()
			if err != nil {
				return err
			}
			if c.Status().HalfClosed {
				return netassist.ErrWriteClosed
			}
			return cc.SendWait(ctx, b, false)
		},
		pending: func() int {
			if cc, err := conn(); err == nil {
				return cc.Queued()
			}
			return 0
		},
		flush: func(ctx context.Context) error {
			cc, err := conn()
			if err != nil {
				return err
			}
			return cc.WaitWritten(ctx)
		},
	}, nil
}

// trackSend wraps the Cmd of a manual send (the tab's own sendCmd): when
// it reports success, {{seq}} advances and the typed text joins the
// history. Its result goes on to the tab and the status line unchanged.
func (p *sendPane) trackSend(cmd tea.Cmd) tea.Cmd {
	if cmd == nil || p.tab == "" {
		return cmd
	}
	tab, text, hex := p.tab, p.editor.Value(), p.hexMode
	return func() tea.Msg {
		inner := cmd()
		ok := false
		switch m := inner.(type) {
		case sendResultMsg:
			ok = m.err == nil
		case clientSendMsg:
			ok = m.err == nil
		case common.StatusMsg: // the Web tab's release of a held request
			ok = !m.Err && tab == netassist.TabWeb
		}
		return composeSentMsg{tab: tab, text: text, hex: hex, ok: ok, inner: inner}
	}
}

// composeSentMsg is a manual send's result, seen by the send pane first.
type composeSentMsg struct {
	tab   netassist.Tab
	text  string
	hex   bool
	ok    bool
	inner tea.Msg
}

func (m composeSentMsg) composeTab() netassist.Tab { return m.tab }

// handle acts on this tab's compose messages.
func (p *sendPane) handle(msg composeMsg) tea.Cmd {
	if msg.composeTab() != p.tab || p.tab == "" {
		return nil
	}
	switch msg := msg.(type) {
	case composeSentMsg:
		fwd := func() tea.Msg { return msg.inner }
		if !msg.ok {
			return fwd
		}
		p.sent()
		return tea.Batch(fwd, p.remember(msg.text, msg.hex))
	case repeatTickMsg:
		if msg.gen != p.repeat.gen || !p.repeat.running {
			return nil
		}
		return p.repeatStep(time.Now())
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
			return common.Status(fmt.Sprintf(p.text.Compose.HistorySaveFail, msg.err), true)
		}
	}
	return nil
}

// key handles the send-pane feature keys of a tab that streams (repeat,
// file, history); target resolves the tab's current target. It reports
// whether msg was one of them; the open field takes every key.
func (p *sendPane) key(msg tea.KeyPressMsg, k *keymap.KeyMap, target func() (sendTarget, error)) (tea.Cmd, bool) {
	if !p.streams {
		return nil, false
	}
	ck, ct := &k.Compose, &p.text.Compose
	if p.prompt.open() {
		return p.promptKey(msg, k, target), true
	}
	switch {
	case p.file.job != nil && key.Matches(msg, ck.Cancel):
		p.file.job.cancel()
		return nil, true
	case key.Matches(msg, ck.Repeat):
		if p.repeat.running {
			return p.stopRepeat(), true
		}
		last := p.repeat.last
		if last == "" {
			last = "1s"
		}
		return p.prompt.show(promptRepeat, last), true
	case key.Matches(msg, ck.SendFile):
		if p.file.job != nil {
			return common.Status(ct.FileBusy, true), true
		}
		return p.prompt.show(promptFile, p.file.last), true
	case key.Matches(msg, ck.HistPrev):
		return p.recall(1), true
	case key.Matches(msg, ck.HistNext):
		return p.recall(-1), true
	}
	return nil, false
}

// promptKey handles a key while the interval or path field is open.
func (p *sendPane) promptKey(msg tea.KeyPressMsg, k *keymap.KeyMap, target func() (sendTarget, error)) tea.Cmd {
	ck, ct, q := &k.Compose, &p.text.Compose, &p.prompt
	switch {
	case key.Matches(msg, ck.Cancel):
		q.close()
		return nil
	case q.kind == promptFile && key.Matches(msg, ck.Complete):
		return completeCmd(p.tab, q.gen, q.input.Value())
	case key.Matches(msg, ck.Accept):
		val := q.input.Value()
		switch q.kind {
		case promptRepeat:
			d, err := parseInterval(val, ct)
			if err != nil {
				q.err = err.Error()
				return nil
			}
			if _, _, err := p.bytes(); err != nil {
				q.err = fmt.Sprintf(p.text.InvalidInput, err)
				return nil
			}
			tg, err := target()
			if err != nil {
				q.err = fmt.Sprintf(ct.NoTarget, err)
				return nil
			}
			p.repeat.last = val
			q.close()
			return p.startRepeat(d, tg)
		case promptFile:
			if val == "" {
				return nil
			}
			tg, err := target()
			if err != nil {
				q.err = fmt.Sprintf(ct.NoTarget, err)
				return nil
			}
			q.close() // reopened with the error if the file cannot be read
			return p.startFile(val, tg)
		}
		return nil
	case key.Matches(msg, k.Quit):
		return nil // the root handles ctrl+c before it gets here
	}
	return q.update(msg)
}

// badges is the running repeat or file send, and the history position,
// for the send pane's title.
func (p *sendPane) badges() string {
	s, ct := p.styles, &p.text.Compose
	var parts []string
	if p.repeat.running {
		parts = append(parts, s.Warning.Render(fmt.Sprintf(ct.RepeatBadge, p.repeat.every, p.repeat.count)))
	}
	if p.file.job != nil {
		parts = append(parts, s.Warning.Render(fmt.Sprintf(ct.FileBadge, common.Safe(p.file.job.name))))
	}
	if p.hist.pos >= 0 {
		parts = append(parts, s.Dim.Render(fmt.Sprintf(ct.HistoryBadge, p.hist.pos+1, len(p.hist.list))))
	}
	return strings.Join(parts, s.Dim.Render(" · "))
}

// statusLine replaces the preview line while a field is open or a file
// send is shown.
func (p *sendPane) statusLine(width int) (string, bool) {
	switch {
	case p.prompt.open():
		return p.prompt.view(p.styles, &p.text.Compose, width), true
	case p.file.job != nil || p.file.done != "":
		return p.fileLine(width), true
	}
	return "", false
}

// prompting reports whether a field of the send pane takes every key.
func (p *sendPane) prompting() bool { return p.prompt.open() }

// helpKeys is the hints while a field is open or a file is being sent.
func (p *sendPane) helpKeys(k *keymap.KeyMap) []key.Binding {
	switch {
	case p.prompt.open():
		return k.Compose.PromptHelp(p.prompt.kind == promptFile)
	case p.file.job != nil:
		return []key.Binding{k.Compose.Cancel, k.Compose.Repeat, k.Send}
	}
	return nil
}

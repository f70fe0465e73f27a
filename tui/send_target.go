package tui

import (
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
// it. Both funcs are safe to call from a Cmd's goroutine.
type sendTarget struct {
	desc string
	// send queues b for the target. The engine may keep b: pass a slice
	// that is not reused.
	send func(b []byte) error
	// written is how many bytes the slowest still-open connection of the
	// target has written since the start, and whether any is still open.
	written func() (int64, bool)
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
	store, srv := t.store, t.srv
	base := make([]int64, len(ids))
	for i, id := range ids {
		info, ok := store.Conn(id)
		if !ok || !info.Open {
			return sendTarget{}, fmt.Errorf("conn %d: %w", id, netassist.ErrConnClosed)
		}
		base[i] = info.BytesOut
	}
	return sendTarget{
		desc: desc,
		send: func(b []byte) error {
			var last error
			ok := 0
			for _, id := range ids {
				if _, err := srv.Send(id, b, false); err != nil {
					last = err
				} else {
					ok++
				}
			}
			if ok == 0 {
				return last
			}
			return nil
		},
		written: func() (int64, bool) {
			least, open := int64(-1), false
			for i, id := range ids {
				info, _ := store.Conn(id)
				if !info.Open {
					continue
				}
				open = true
				if w := info.BytesOut - base[i]; least < 0 || w < least {
					least = w
				}
			}
			return max(least, 0), open
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
	c, store, id := t.client, t.store, st.Conn
	info, _ := store.Conn(id)
	base := info.BytesOut
	return sendTarget{
		desc: common.Safe(st.Remote),
		send: func(b []byte) error {
			if c.Status().Conn != id { // reconnected: not the connection chosen
				return errTargetClosed
			}
			return c.Send(b, false)
		},
		written: func() (int64, bool) {
			info, _ := store.Conn(id)
			return info.BytesOut - base, info.Open
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

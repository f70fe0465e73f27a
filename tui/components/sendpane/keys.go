package sendpane

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/tui/common"
)

// Key handles the feature keys that work from every pane of a tab that
// streams (repeat, file, history; esc cancels a file send) and reports
// whether msg was one of them. While a field is open it takes every key.
func (p *Model) Key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if p.lessons.IsOpen() {
		if key.Matches(msg, p.c.Keys.Quit) {
			return nil, false // the root's
		}
		return p.lessonKey(msg), true
	}
	if !p.streams {
		return nil, false
	}
	ck, ct := &p.c.Keys.Compose, &p.c.Text.Compose
	if p.prompt.open() {
		return p.promptKey(msg), true
	}
	switch {
	case p.drip.active && key.Matches(msg, ck.Cancel):
		return p.stopDrip(), true
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

// Prompting reports whether a field of the pane or the template picker is
// open: it then takes every key, plain letters included.
func (p *Model) Prompting() bool { return p.prompt.open() || p.lessons.IsOpen() }

// Recalled reports whether the editor holds a history entry as recalled.
func (p *Model) Recalled() bool { return p.hist.pos >= 0 }

// promptKey handles a key while the interval or path field is open.
func (p *Model) promptKey(msg tea.KeyPressMsg) tea.Cmd {
	k, t := p.c.Keys, p.c.Text
	ck, ct, q := &k.Compose, &t.Compose, &p.prompt
	switch {
	case key.Matches(msg, ck.Cancel):
		q.close()
		p.file.pending = nil
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
				q.err = p.errText(err)
				return nil
			}
			tg, err := p.target()
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
			tg, err := p.target()
			if err != nil {
				q.err = fmt.Sprintf(ct.NoTarget, err)
				return nil
			}
			if tg.Datagram > 0 { // UDP: one datagram, or split at a size?
				p.file.last, p.file.pending = val, &tg
				cmd := q.show(promptSplit, p.file.lastSplit)
				q.maxDatagram = tg.Datagram
				return cmd
			}
			q.close() // reopened with the error if the file cannot be read
			return p.startFile(val, tg, 0)
		case promptSplit:
			tg := p.file.pending
			n, err := parseSplit(val, tg.Datagram)
			if err != nil {
				q.err = fmt.Sprintf(t.Transport.SplitBad, tg.Datagram)
				return nil
			}
			p.file.pending, p.file.lastSplit = nil, val
			q.close()
			return p.startFile(p.file.last, *tg, n)
		}
		return nil
	case key.Matches(msg, k.Quit):
		return nil // the root handles ctrl+c before it gets here
	}
	return q.update(msg)
}

// parseSplit reads the split size field: empty is one datagram (0), else
// a size from 1 to most bytes.
func parseSplit(s string, most int) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > most {
		return 0, strconv.ErrRange
	}
	return n, nil
}

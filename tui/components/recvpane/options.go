package recvpane

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/render"
	"github.com/netassist/netassist/tui/common"
)

// The receive pane's display options: pause, show sent, receive encoding
// and clear. None of them touches the store or its counters; they only
// narrow what the pane draws.

// optionKey handles the display options' alt keys, which work from every
// pane of a tab, and reports whether msg was one of them.
func (p *Model) optionKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	vk := &p.c.Keys.View
	switch {
	case key.Matches(msg, vk.Pause):
		return p.togglePause(), true
	case key.Matches(msg, vk.ShowSent):
		return p.toggleSent(), true
	case key.Matches(msg, vk.Encoding):
		return p.cycleEncoding(), true
	}
	return nil, false
}

// togglePause freezes the display at what it shows, or resumes following
// the newest data.
func (p *Model) togglePause() tea.Cmd {
	if p.paused {
		p.paused = false
		p.follow = true
		p.endOK = false // resuming shows the newest
		return common.Status(p.c.Text.View.Resumed, false)
	}
	p.pause()
	return common.Status(p.c.Text.View.PausedStatus, false)
}

// pause freezes the display at the store's latest event and remembers the
// filter's counters, so the badge can say how much arrived since.
func (p *Model) pause() {
	// Counters first: data arriving in between is then counted as
	// waiting (and also drawn) rather than hidden and not announced.
	p.baseIn, p.baseOut = p.counters()
	p.pauseSeq = p.store.Seq()
	p.paused = true
}

// counters are the bytes received and sent in the pane's filter, ever.
func (p *Model) counters() (in, out int64) {
	if p.filter.Conn != 0 {
		info, _ := p.store.Conn(p.filter.Conn)
		return info.BytesIn, info.BytesOut
	}
	t := p.store.Totals(p.filter.Tab)
	return t.BytesIn, t.BytesOut
}

// waiting is how many bytes arrived (and would be shown) since the pause.
func (p *Model) waiting() int64 {
	in, out := p.counters()
	w := in - p.baseIn
	if p.showSent {
		w += out - p.baseOut
	}
	return max(w, 0)
}

// toggleSent shows or hides the chunks netassist sent (the store keeps
// them either way).
func (p *Model) toggleSent() tea.Cmd {
	p.showSent = !p.showSent
	p.endOK = false
	p.searchChanged()
	if p.selecting && !p.showSent {
		if c, ok := p.selected(); !ok || c.Dir == netassist.Out {
			p.leaveSelect()
		}
	}
	if p.showSent {
		return common.Status(p.c.Text.View.SentShown, false)
	}
	return common.Status(p.c.Text.View.SentHiddenMsg, false)
}

// cycleEncoding moves to the next receive encoding for the text view.
func (p *Model) cycleEncoding() tea.Cmd {
	encs := render.Encodings()
	next := encs[0]
	for i, e := range encs {
		if e == p.enc {
			next = encs[(i+1)%len(encs)]
		}
	}
	p.enc = next
	p.invalidate()
	p.searchChanged()
	p.sums = nil
	return common.Status(fmt.Sprintf(p.c.Text.View.EncodingSet, next), false)
}

// clearDisplay hides everything the pane could show now; new data appears
// below. While paused, what is waiting stays to be shown on resume.
func (p *Model) clearDisplay() tea.Cmd {
	if p.paused {
		p.floor = p.pauseSeq
	} else {
		p.floor = p.store.Seq()
	}
	p.follow = true
	p.endOK = false
	p.leaveSelect()
	return common.Status(p.c.Text.View.ClearedStatus, false)
}

// badges are the display options that differ from the defaults, for the
// pane title (" · GBK · sent hidden"); pause shows in position.
func (p *Model) badges() string {
	var b string
	if p.enc != render.UTF8 && !p.hex {
		b += " · " + p.enc.String()
	}
	if !p.showSent {
		b += " · " + p.c.Text.View.SentHidden
	}
	if p.selecting {
		b += " · " + p.c.Text.View.Selecting
	}
	return b
}

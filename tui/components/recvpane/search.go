package recvpane

import (
	"context"
	"errors"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/compose"
	"github.com/netassist/netassist/netassist/search"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/searchfield"
)

// Search (issue 15 item 6): `/` opens a field; enter finds the newest
// match at or above the bottom of the view, n the next one back in time,
// N the one after it. The engine (netassist/search) reads everything the
// store still holds, each connection's direction as one stream in the
// pane's encoding, in a Cmd off the UI goroutine; a newer search cancels
// the one running and a result of a replaced search is dropped by its
// generation. What is drawn shows every match in it (highlight.go) and
// the current one, even across reads, in its own style.

// searchState is the pane's search.
type searchState struct {
	field   searchfield.Model
	typed   string // the query in force, as typed ("" none)
	q       search.Query
	pat     []byte // what highlight.go looks for: the shown text (folded) or the bytes
	gen     uint64
	cancel  context.CancelFunc
	running bool
	cur     search.Match
	has     bool // cur is a match of the query in force
	curRow  int  // the row of cur's first byte in its piece, set when drawn
}

// SearchMsg is a search's result for the receive pane of Tab; the tab
// hands it to its pane (tabframe.Frame.Update).
type SearchMsg struct {
	Tab      netassist.Tab
	res      search.Result
	backward bool
}

// Route delivers the result to the tab whose pane asked.
func (m SearchMsg) Route() netassist.Tab { return m.Tab }

// Searching reports whether a query is in force (n and N apply).
func (p *Model) Searching() bool { return p.srch.typed != "" }

// openSearch shows the field.
func (p *Model) openSearch() tea.Cmd { return p.srch.field.Open() }

// searchKey gives msg to the open field; enter finds what was typed.
func (p *Model) searchInput(msg tea.Msg) tea.Cmd {
	cmd, typed, ok := p.srch.field.Update(msg)
	if !ok {
		return cmd
	}
	return p.setQuery(typed)
}

// setQuery puts typed in force and finds its newest match at or above the
// bottom of the view; "" ends the search.
func (p *Model) setQuery(typed string) tea.Cmd {
	p.stopSearch()
	p.srch.typed, p.srch.has, p.srch.pat = "", false, nil
	p.invalidate()
	if typed == "" {
		return nil
	}
	sq := searchfield.Parse(typed)
	q := search.Query{Text: sq.Text, Hex: sq.Hex, IgnoreCase: sq.IgnoreCase}
	if q.Hex {
		b, err := compose.Hex(q.Text)
		if err != nil {
			return common.Status(fmt.Sprintf(p.c.Text.Recv.SearchBad, err), true)
		}
		p.srch.pat = b
	} else {
		pat := []byte(strings.NewReplacer("\r", "", "\n", "").Replace(q.Text))
		if q.IgnoreCase {
			foldASCII(pat)
		}
		p.srch.pat = pat
	}
	if len(p.srch.pat) == 0 {
		return nil
	}
	p.srch.typed, p.srch.q = typed, q
	return p.findFrom(p.searchOrigin(), true)
}

// searchOrigin is where a new search starts: the bottom of the view.
func (p *Model) searchOrigin() search.Pos {
	switch {
	case p.paused && p.follow:
		return search.Pos{Seq: p.pauseSeq + 1}
	case p.follow || len(p.shown) == 0:
		return search.End
	}
	return search.Pos{Seq: p.shown[len(p.shown)-1] + 1}
}

// nextMatch finds the match before the current one (older) or after it.
func (p *Model) nextMatch(older bool) tea.Cmd {
	if !p.srch.has {
		return p.findFrom(p.searchOrigin(), true)
	}
	from := p.srch.cur.Start
	if !older {
		from.Off++
	}
	return p.findFrom(from, older)
}

// findFrom starts a search from from, cancelling the one running.
func (p *Model) findFrom(from search.Pos, backward bool) tea.Cmd {
	p.stopSearch()
	q := p.srch.q
	q.Enc, q.SkipOut = p.enc, !p.showSent
	p.srch.gen++
	ctx, cancel := context.WithCancel(p.c.Context())
	p.srch.cancel, p.srch.running = cancel, true
	req := search.Request{Gen: p.srch.gen, Filter: p.filter, Query: q, From: from, Backward: backward}
	st, tab := p.store, p.filter.Tab
	return func() tea.Msg {
		defer cancel()
		return SearchMsg{Tab: tab, res: req.Run(ctx, st), backward: backward}
	}
}

// stopSearch cancels the search running, if any.
func (p *Model) stopSearch() {
	if p.srch.cancel != nil {
		p.srch.cancel()
		p.srch.cancel = nil
	}
	p.srch.running = false
}

// searchResult takes a search's result: a stale one is dropped; a match
// becomes the current one and is scrolled into view.
func (p *Model) searchResult(m SearchMsg) tea.Cmd {
	r := m.res
	if r.Gen != p.srch.gen || p.srch.typed == "" {
		return nil
	}
	p.srch.running, p.srch.cancel = false, nil
	rt := &p.c.Text.Recv
	typed := common.Typed(p.srch.typed)
	switch {
	case errors.Is(r.Err, context.Canceled):
		return nil
	case r.Err != nil:
		return common.Status(fmt.Sprintf(rt.SearchBad, r.Err), true)
	case !r.Found && !p.srch.has:
		return common.Status(fmt.Sprintf(rt.SearchNone, typed), true)
	case !r.Found && m.backward:
		return common.Status(fmt.Sprintf(rt.SearchNoOlder, typed), true)
	case !r.Found:
		return common.Status(fmt.Sprintf(rt.SearchNoNewer, typed), true)
	case r.Match.Start.Seq <= p.floor || (p.paused && r.Match.Start.Seq > p.pauseSeq):
		return common.Status(fmt.Sprintf(rt.SearchHidden, typed), true)
	}
	p.srch.cur, p.srch.has = r.Match, true
	p.invalidate()
	p.scrollToMatch()
	return common.Status(fmt.Sprintf(rt.SearchFound, r.Match.Conn, p.dirLabel(r.Match.Dir, false), r.Match.Offset), false)
}

// scrollToMatch puts the current match's first row near the top of the
// view (one row of what comes before it above).
func (p *Model) scrollToMatch() {
	m := p.srch.cur
	c, ok := p.nextChunk(m.Start.Seq, nil)
	if !ok || c.Seq != m.Start.Seq {
		return
	}
	starts := p.pieceStarts(&c)
	k := 0
	for i, s := range starts {
		if s <= m.Start.Off {
			k = i
		}
	}
	p.srch.curRow = 0
	p.lines(c, k) // draws the piece, which notes curRow
	p.follow = false
	p.top = anchor{seq: c.Seq, piece: k, line: max(p.srch.curRow-1, 0)}
}

// searchChanged is called when what the pane shows changes under a search
// (another filter, encoding or sent data shown): the current match may
// not be one any more, so the next n starts from the view again.
func (p *Model) searchChanged() {
	p.stopSearch()
	p.srch.has = false
}

// searchBadge is the pane title's search part.
func (p *Model) searchBadge() string {
	if p.srch.typed == "" {
		return ""
	}
	b := " · " + fmt.Sprintf(p.c.Text.Recv.SearchTitle, common.Typed(p.srch.typed))
	if p.srch.running {
		b += " " + p.c.Text.Recv.Searching
	}
	return b
}

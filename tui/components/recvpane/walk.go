package recvpane

import (
	"math"

	"github.com/netassist/netassist/netassist"
)

// visible returns the lines to draw, exactly p.height of them or fewer,
// and records the data chunks drawn in p.shown.
func (p *Model) visible() []string {
	p.frame++
	p.shown = p.shown[:0]
	if p.height <= 0 {
		return nil
	}
	if p.follow {
		return p.followFrame()
	}
	p.endOK = false // catch-up (catchup.go) follows on from follow frames only
	lines, atEnd, _ := p.from(p.top, p.height+1, &p.shown)
	if atEnd && len(lines) <= p.height {
		// Everything from the anchor fits: show the newest data instead
		// of a half-empty pane, and follow it again.
		p.follow = true
		p.shown = p.shown[:0]
		return p.followFrame()
	}
	return lines[:min(len(lines), p.height)]
}

// nextBatch is how many chunks a walk asks the store for after asking
// for step: 1, 4, 16, 64, 256. The store copies every chunk's bytes out,
// and during a flood one 256 KiB chunk fills the screen: asking for a
// screen's worth of chunks at once copied 5 MB a frame, garbage that the
// collector let grow the process far past the capture budget (issue 13).
func nextBatch(step int) int { return min(step*4, 256) }

// bottom collects the newest p.height lines, walking back from the newest
// chunk the pane may draw, and remembers where the top line is (bottomTop)
// and the bottom one (bottomEnd; bottomOK is false when nothing was
// drawn). shown, if not nil, gets the Seqs of the data chunks drawn.
func (p *Model) bottom(shown *[]uint64) []string {
	var chunks [][]string
	var keys []pieceKey
	var data []bool
	need := p.height
	before := p.hi()
	if before != math.MaxUint64 {
		before++
	}
	q := p.query()
	step := 1 // chunks asked for at a time, growing: see nextBatch
walk:
	for need > 0 {
		batch := p.store.Before(q, before, min(need, step))
		step = nextBatch(step)
		if len(batch) == 0 {
			break
		}
		for i := len(batch) - 1; i >= 0 && need > 0; i-- {
			c := batch[i]
			if c.Seq <= p.floor {
				break walk
			}
			if !p.keep(&c) {
				continue
			}
			for k := p.pieces(&c) - 1; k >= 0 && need > 0; k-- {
				l := p.drawn(c, k)
				chunks = append(chunks, l)
				keys = append(keys, pieceKey{seq: c.Seq, piece: k})
				data = append(data, c.Kind == netassist.KindData)
				need -= len(l)
			}
		}
		before = batch[0].Seq
	}
	p.bottomOK = len(chunks) > 0
	if p.bottomOK {
		p.bottomEnd = anchor{seq: keys[0].seq, piece: keys[0].piece, line: len(chunks[0]) - 1}
	}
	out := make([]string, 0, p.height)
	skip := max(-need, 0) // lines of the oldest chunk above the top
	for i := len(chunks) - 1; i >= 0; i-- {
		l := chunks[i]
		if i == len(chunks)-1 {
			p.bottomTop = anchor{seq: keys[i].seq, piece: keys[i].piece, line: skip}
			l = l[skip:]
		}
		out = append(out, l...)
		if shown != nil && data[i] && (len(*shown) == 0 || (*shown)[len(*shown)-1] != keys[i].seq) {
			*shown = append(*shown, keys[i].seq)
		}
	}
	return out
}

// from collects up to n lines starting at a (or a few more: the rest of
// the last piece); atEnd reports that the data the pane may draw ran out
// before n lines, and last is where the n-th line (or the last one, if
// fewer) is. shown, if not nil, gets the Seqs of the data chunks drawn.
func (p *Model) from(a anchor, n int, shown *[]uint64) (lines []string, atEnd bool, last anchor) {
	first := true
	seq := max(a.seq, p.floor+1)
	hi := p.hi()
	q := p.query()
	step := 1
	for len(lines) < n {
		batch := p.store.After(q, seq, min(n, step))
		step = nextBatch(step)
		if len(batch) == 0 {
			return lines, true, last
		}
		for _, c := range batch {
			if c.Seq > hi {
				return lines, true, last
			}
			if !p.keep(&c) {
				continue
			}
			k0, skip := 0, 0
			if first {
				if c.Seq == a.seq {
					k0, skip = a.piece, a.line
				}
				first = false
			}
			if shown != nil && c.Kind == netassist.KindData {
				*shown = append(*shown, c.Seq)
			}
			for k := min(k0, p.pieces(&c)-1); k < p.pieces(&c); k++ {
				l := p.drawn(c, k)
				first := 0
				if k == k0 {
					first = min(skip, len(l))
					l = l[first:]
				}
				if len(l) > 0 {
					// The n-th line if it is in this piece, else its last.
					at := min(len(l), n-len(lines)) - 1
					last = anchor{seq: c.Seq, piece: k, line: first + at}
				}
				lines = append(lines, l...)
				if len(lines) >= n {
					return lines, false, last
				}
			}
		}
		seq = batch[len(batch)-1].Seq + 1
	}
	return lines, false, last
}

// prevChunk returns the newest chunk the pane may draw with Seq < before
// that also satisfies want (nil: any), or false when there is none within
// the scan budget (which only chunks want refuses spend: hidden ones are
// skipped by the store).
func (p *Model) prevChunk(before uint64, want func(*netassist.Chunk) bool) (netassist.Chunk, bool) {
	if hi := p.hi(); hi != math.MaxUint64 {
		before = min(before, hi+1)
	}
	var budget scanBudget
	for n := 1; ; n = min(n*4, 256) {
		batch := p.store.Before(p.query(), before, n)
		if len(batch) == 0 {
			return netassist.Chunk{}, false
		}
		for i := len(batch) - 1; i >= 0; i-- {
			c := &batch[i]
			if c.Seq <= p.floor {
				return netassist.Chunk{}, false
			}
			if p.keep(c) && (want == nil || want(c)) {
				return *c, true
			}
		}
		before = batch[0].Seq
		if budget.spend(batch) {
			return netassist.Chunk{}, false
		}
	}
}

// nextChunk returns the oldest chunk the pane may draw with Seq >= from
// that also satisfies want (nil: any), or false when there is none within
// the scan budget.
func (p *Model) nextChunk(from uint64, want func(*netassist.Chunk) bool) (netassist.Chunk, bool) {
	from = max(from, p.floor+1)
	hi := p.hi()
	var budget scanBudget
	for n := 1; ; n = min(n*4, 256) {
		batch := p.store.After(p.query(), from, n)
		if len(batch) == 0 {
			return netassist.Chunk{}, false
		}
		for i := range batch {
			c := &batch[i]
			if c.Seq > hi {
				return netassist.Chunk{}, false
			}
			if p.keep(c) && (want == nil || want(c)) {
				return *c, true
			}
		}
		from = batch[len(batch)-1].Seq + 1
		if budget.spend(batch) {
			return netassist.Chunk{}, false
		}
	}
}

// scrollUp moves the view n lines towards older data.
func (p *Model) scrollUp(n int) {
	if p.follow {
		if p.caughtUp {
			p.top = p.frameTop // a catch-up frame: from what it showed
		} else {
			p.bottom(nil)
			p.top = p.bottomTop
		}
		p.follow = false
	}
	p.normalizeTop()
	for n > 0 {
		if p.top.line > 0 {
			d := min(n, p.top.line)
			p.top.line -= d
			n -= d
			continue
		}
		if p.top.piece > 0 {
			if cur, ok := p.nextChunk(p.top.seq, nil); ok && cur.Seq == p.top.seq {
				k := p.top.piece - 1
				p.top = anchor{seq: cur.Seq, piece: k, line: len(p.lines(cur, k)) - 1}
				n--
				continue
			}
		}
		prev, ok := p.prevChunk(p.top.seq, nil)
		if !ok {
			return
		}
		k := p.pieces(&prev) - 1
		p.top = anchor{seq: prev.Seq, piece: k, line: len(p.lines(prev, k)) - 1}
		n--
	}
}

// scrollDown moves the view n lines towards newer data; reaching the end
// follows new data again.
func (p *Model) scrollDown(n int) {
	if p.follow {
		return
	}
	p.normalizeTop()
	for n > 0 {
		cur, ok := p.nextChunk(p.top.seq, nil)
		if !ok {
			break
		}
		l := p.lines(cur, p.top.piece)
		if p.top.line+n < len(l) {
			p.top.line += n
			break
		}
		n -= len(l) - p.top.line
		if k := p.top.piece + 1; k < p.pieces(&cur) {
			p.top = anchor{seq: cur.Seq, piece: k}
			continue
		}
		next, ok := p.nextChunk(cur.Seq+1, nil)
		if !ok {
			p.top.line = len(l) - 1
			break
		}
		p.top = anchor{seq: next.Seq}
	}
	if _, atEnd, _ := p.from(p.top, p.height+1, nil); atEnd {
		p.follow = true
	}
}

// normalizeTop moves a top anchor whose chunk left memory, or is hidden
// now, to the next chunk the pane may draw.
func (p *Model) normalizeTop() {
	c, ok := p.nextChunk(p.top.seq, nil)
	switch {
	case ok && c.Seq != p.top.seq:
		p.top = anchor{seq: c.Seq}
	case ok && p.top.piece >= p.pieces(&c):
		// The pieces changed (hex or encoding switched).
		p.top = anchor{seq: c.Seq, piece: p.pieces(&c) - 1}
	case ok:
		// The lines may have changed too (width, hex, encoding).
		p.top.line = min(p.top.line, max(len(p.lines(c, p.top.piece))-1, 0))
	}
}

func (p *Model) gotoTop() {
	p.follow = false
	p.top = anchor{}
	p.normalizeTop()
	if _, atEnd, _ := p.from(p.top, p.height+1, nil); atEnd {
		p.follow = true
	}
}

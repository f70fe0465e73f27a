package recvpane

// Catch-up: follow mode never skips lines it could have shown. A frame
// that comes late (the machine busy, the UI behind a flood of other
// work), or a burst of several screens at once, would otherwise jump to
// the newest lines, and the ones in between would never be on screen
// (a probe's markers went missing so under a flood on another
// connection). When the lines that arrived since the last frame and were
// not shown are at most catchUpScreens screens, the frame shows the
// screen right after the last frame's bottom line instead, and the next
// frames go on from there until they reach the newest: frames coalesce,
// lines are not dropped. More than that is a flood the screen cannot
// follow: the pane jumps to the newest, as before (the skipped lines stay
// in the store, reached by scrolling).

// catchUpScreens bounds what follow mode catches up on, in screens. At 60
// frames a second it catches up a screen a frame, so a lag of this many
// screens is gone in a few frames; a sustained rate above a screen a
// frame makes the lag grow past it, and the pane jumps.
const catchUpScreens = 4

// followFrame draws a follow-mode frame: the newest lines, or the next
// screen after the last frame's when a catch-up is due. It records the
// frame's bottom line for the next one.
func (p *Model) followFrame() []string {
	lines := p.bottom(&p.shown)
	p.caughtUp = false
	if p.endOK && p.bottomOK {
		next := p.lineAfter(p.end)
		if before(next, p.bottomTop) {
			if n, ok := p.linesBetween(next, p.bottomTop, catchUpScreens*p.height); ok && n > 0 {
				p.shown = p.shown[:0]
				cu, _, last := p.from(next, p.height, &p.shown)
				if len(cu) > 0 {
					p.caughtUp, p.frameTop, p.end = true, next, last
					// The next screen is due even if no byte comes.
					p.c.AskFrame()
					return cu[:min(len(cu), p.height)]
				}
				p.shown = p.shown[:0]
				lines = p.bottom(&p.shown)
			}
		}
	}
	p.end, p.endOK = p.bottomEnd, true
	if !p.bottomOK {
		// Nothing to show yet: what comes is all new, from the top.
		p.end = anchor{seq: p.floor}
	}
	return lines
}

// before reports whether line position a comes before b.
func before(a, b anchor) bool {
	if a.seq != b.seq {
		return a.seq < b.seq
	}
	if a.piece != b.piece {
		return a.piece < b.piece
	}
	return a.line < b.line
}

// lineAfter is the position of the line after a: the next line of its
// piece, the next piece, or the start of the next chunk the pane may draw
// (anchor{seq: a.seq+1}: from and normalizeTop go on from the first chunk
// at or after it).
func (p *Model) lineAfter(a anchor) anchor {
	c, ok := p.nextChunk(a.seq, nil)
	if !ok || c.Seq != a.seq {
		return anchor{seq: a.seq + 1} // it left memory or is hidden now
	}
	if a.line+1 < len(p.lines(c, a.piece)) {
		return anchor{seq: c.Seq, piece: a.piece, line: a.line + 1}
	}
	if a.piece+1 < p.pieces(&c) {
		return anchor{seq: c.Seq, piece: a.piece + 1}
	}
	return anchor{seq: c.Seq + 1}
}

// linesBetween counts the lines from a up to b (not included), and
// reports false, without rendering, as soon as they are more than limit:
// the chunks' bytes are checked first (a line holds at most 2*width
// bytes of text, so more bytes than that per line cannot fit), so a flood
// costs a look at a chunk or two, not a render.
func (p *Model) linesBetween(a, b anchor, limit int) (int, bool) {
	maxBytes := limit * 2 * max(p.width, 16)
	if p.hex {
		maxBytes = limit * 16
	}
	seq := max(a.seq, p.floor+1)
	hi, q := p.hi(), p.query()
	n, size := 0, 0
	first := true
	for step := 1; ; step = nextBatch(step) {
		batch := p.store.After(q, seq, step)
		if len(batch) == 0 {
			return n, true
		}
		for i := range batch {
			c := &batch[i]
			if c.Seq > hi || c.Seq > b.seq {
				return n, true
			}
			if !p.keep(c) {
				continue
			}
			if size += len(c.Data); size > maxBytes {
				return n, false
			}
			k0, skip := 0, 0
			if first && c.Seq == a.seq {
				k0, skip = a.piece, a.line
			}
			first = false
			for k := k0; k < p.pieces(c); k++ {
				l := len(p.lines(*c, k))
				if c.Seq == b.seq && k == b.piece {
					l = min(l, b.line)
				}
				if k == k0 {
					l -= min(skip, l)
				}
				if n += max(l, 0); n > limit {
					return n, false
				}
				if c.Seq == b.seq && k == b.piece {
					return n, true
				}
			}
		}
		seq = batch[len(batch)-1].Seq + 1
	}
}

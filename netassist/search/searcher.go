package search

import (
	"context"
	"math"
	"slices"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/render"
)

// Window sizes, in chunks: a window is one copy out of the store (one
// hold of its lock). It grows while windows carry little data and shrinks
// when they carry much, aiming at a few MiB.
const (
	firstWindow = 256
	minWindow   = 16
	maxWindow   = 4096
	windowLow   = 1 << 20
	windowHigh  = 8 << 20
	// cancelEvery is how many occurrences are placed between checks of
	// the context.
	cancelEvery = 256
)

// searcher runs one query over one store.
type searcher struct {
	st *netassist.Store
	p  *pattern
}

// adapt is the next window size after one that carried size bytes in n
// chunks.
func adapt(n int, size int64) int {
	switch {
	case size > windowHigh && n > minWindow:
		return n / 2
	case size < windowLow && n < maxWindow:
		return n * 2
	}
	return n
}

func dataBytes(chunks []netassist.Chunk) int64 {
	var n int64
	for i := range chunks {
		n += int64(len(chunks[i].Data))
	}
	return n
}

func (s *searcher) forward(ctx context.Context, f netassist.Filter, from Pos) (Match, bool, error) {
	seq, n := from.Seq, firstWindow
	for {
		if err := ctx.Err(); err != nil {
			return Match{}, false, err
		}
		chunks := s.st.After(f, seq, n)
		if len(chunks) == 0 {
			return Match{}, false, nil
		}
		var best *Match
		placed := 0
		for _, r := range s.window(chunks, false) {
			occurrences(r.flat, s.p.pat, func(x int) bool {
				if placed++; placed%cancelEvery == 0 && ctx.Err() != nil {
					return false
				}
				st, _ := r.locate(x)
				if r.roleAt(st) != roleIn || r.pos(st).Less(from) {
					return true
				}
				if p := r.pos(st); best == nil || p.Less(best.Start) {
					m, _, _ := r.match(x, len(s.p.pat))
					best = &m
				}
				return false // the run's first is its earliest
			})
		}
		if best != nil {
			return *best, true, nil
		}
		seq = chunks[len(chunks)-1].Seq + 1
		n = adapt(n, dataBytes(chunks))
	}
}

func (s *searcher) backward(ctx context.Context, f netassist.Filter, from Pos) (Match, bool, error) {
	before, n := from.Seq, firstWindow
	if before != math.MaxUint64 {
		before++ // the chunk of from: its bytes before from.Off count
	}
	for {
		if err := ctx.Err(); err != nil {
			return Match{}, false, err
		}
		chunks := s.st.Before(f, before, n)
		if len(chunks) == 0 {
			return Match{}, false, nil
		}
		var best *Match
		placed := 0
		for _, r := range s.window(chunks, false) {
			occurrencesBack(r.flat, s.p.pat, func(x int) bool {
				if placed++; placed%cancelEvery == 0 && ctx.Err() != nil {
					return false
				}
				st, _ := r.locate(x)
				if r.roleAt(st) != roleIn || !r.pos(st).Less(from) {
					return true
				}
				if p := r.pos(st); best == nil || best.Start.Less(p) {
					m, _, _ := r.match(x, len(s.p.pat))
					best = &m
				}
				return false // the run's last is its latest
			})
		}
		if best != nil {
			return *best, true, nil
		}
		before = chunks[0].Seq
		n = adapt(n, dataBytes(chunks))
	}
}

func (s *searcher) visible(ctx context.Context, chunks []netassist.Chunk, limit int) ([]Match, error) {
	var out []Match
	placed := 0
	for _, r := range s.window(chunks, true) {
		firstIn := len(r.flat)
		for i := range r.pieces {
			if r.pieces[i].role == roleIn {
				firstIn = r.pieces[i].flat
				break
			}
		}
		occurrences(r.flat, s.p.pat, func(x int) bool {
			if x+len(s.p.pat) <= firstIn {
				return true // all before the window
			}
			if placed++; placed%cancelEvery == 0 && ctx.Err() != nil {
				return false
			}
			m, rs, re := r.match(x, len(s.p.pat))
			if rs == roleIn || re == roleIn || (rs == rolePre && re == rolePost) {
				out = append(out, m)
			}
			return rs != rolePost
		})
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	slices.SortFunc(out, func(a, b Match) int {
		switch {
		case a.Start.Less(b.Start):
			return -1
		case b.Start.Less(a.Start):
			return 1
		}
		return 0
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// window makes the runs of chunks, consecutive chunks of some filter:
// one run per connection and direction (a new one after bytes went
// missing), each continued past the window far enough to complete an
// occurrence its end starts; with pre, each also starts with the bytes
// before the window that an occurrence ending in it may start with.
func (s *searcher) window(chunks []netassist.Chunk, pre bool) []*run {
	cur := make(map[streamKey]*run)
	var runs []*run
	end := func(k streamKey, seq uint64) {
		if r := cur[k]; r != nil && !r.ended {
			r.flush(seq, roleIn)
			r.ended = true
		}
	}
	for i := range chunks {
		c := &chunks[i]
		switch c.Kind {
		case netassist.KindData:
			if s.p.q.SkipOut && c.Dir == netassist.Out {
				continue
			}
			k := streamKey{c.Conn, c.Dir}
			r := cur[k]
			if r != nil && (r.broken || r.ended || r.end != c.Offset) {
				r = nil // bytes went missing between: nothing joins across
			}
			if r == nil {
				r = s.start(c, pre)
				cur[k] = r
				runs = append(runs, r)
			}
			r.add(c, roleIn)
		case netassist.KindEOF:
			end(streamKey{c.Conn, c.Dir}, c.Seq)
		case netassist.KindClose:
			end(streamKey{c.Conn, netassist.In}, c.Seq)
			end(streamKey{c.Conn, netassist.Out}, c.Seq)
		}
	}
	for _, r := range runs {
		r.lastIn = len(r.flat)
		if r.needsMore(s.p.pat) {
			s.follow(r)
		}
	}
	return runs
}

// start begins the run of data chunk c's stream: the renderer in the
// state the stream's earlier bytes leave it, and with pre, those bytes
// themselves as context pieces.
func (s *searcher) start(c *netassist.Chunk, pre bool) *run {
	need, preNeed := 0, 0
	if !s.p.q.Hex {
		need = render.LookBack(s.p.q.Enc)
	}
	if pre {
		// The shown form is never shorter than its bytes (but for the
		// end of a held character): len-1 bytes of text come from at most
		// len-1+3 bytes.
		preNeed = len(s.p.pat) + 4
	}
	prev := s.before(c.Conn, c.Dir, c.Seq, c.Offset, need+preNeed)
	split, got := len(prev), 0
	for split > 0 && got < preNeed {
		split--
		got += len(prev[split].Data)
	}
	off := c.Offset
	if split < len(prev) {
		off = prev[split].Offset
	}
	var tail []byte
	for _, p := range prev[:split] {
		tail = append(tail, p.Data...)
	}
	if len(tail) > need {
		tail = tail[len(tail)-need:]
	}
	r := newRun(streamKey{c.Conn, c.Dir}, s.p, off, tail)
	for i := split; i < len(prev); i++ {
		r.add(&prev[i], rolePre)
	}
	return r
}

// before returns the data chunks of conn's direction dir just before the
// chunk seq (whose stream offset is off), oldest first and contiguous, at
// least need bytes of them if the store has them.
func (s *searcher) before(conn netassist.ConnID, dir netassist.Dir, seq uint64, off int64, need int) []netassist.Chunk {
	if need <= 0 {
		return nil
	}
	var out []netassist.Chunk
	got, expect := 0, off
	for cur := seq; got < need; {
		batch := s.st.Before(netassist.Filter{Conn: conn}, cur, 32)
		if len(batch) == 0 {
			break
		}
		for i := len(batch) - 1; i >= 0 && got < need; i-- {
			c := batch[i]
			if c.Kind == netassist.KindOpen || (c.Kind == netassist.KindEOF && c.Dir == dir) {
				got = need // the stream starts (or ended) here
				break
			}
			if c.Kind != netassist.KindData || c.Dir != dir {
				continue
			}
			if c.Omitted > 0 || c.Offset+int64(len(c.Data)) != expect {
				got = need // bytes missing: what came before does not join
				break
			}
			out = append(out, c)
			expect, got = c.Offset, got+len(c.Data)
		}
		cur = batch[0].Seq
	}
	slices.Reverse(out)
	return out
}

// follow continues r past the window with the stream's next chunks until
// an occurrence its end starts is complete (or cannot be).
func (s *searcher) follow(r *run) {
	want := r.lastIn + len(s.p.pat) - 1
	for cur := r.last + 1; len(r.flat) < want && !r.ended && !r.broken; {
		batch := s.st.After(netassist.Filter{Conn: r.key.conn}, cur, 16)
		if len(batch) == 0 {
			return
		}
		for i := range batch {
			c := &batch[i]
			switch {
			case c.Kind == netassist.KindData && c.Dir == r.key.dir:
				if c.Offset != r.end {
					r.broken = true
					return
				}
				r.add(c, rolePost)
			case c.Kind == netassist.KindClose || (c.Kind == netassist.KindEOF && c.Dir == r.key.dir):
				r.flush(c.Seq, rolePost)
				r.ended = true
				return
			}
			if len(r.flat) >= want {
				return
			}
		}
		cur = batch[len(batch)-1].Seq + 1
	}
}

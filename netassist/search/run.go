package search

import (
	"sort"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/render"
)

// A run is one connection's direction as a search sees it: consecutive
// chunks (pieces) of the stream, rendered one after the other into one
// flat text (the shown form without its real line breaks; the bytes
// themselves for a hex query), so an occurrence is found wherever the
// reads were cut. Pieces before and after the window being searched
// (pre, post) give the context of matches at its edges.

// role says where a piece lies relative to the window searched.
type role uint8

const (
	rolePre  role = iota // before the window: context only
	roleIn               // in the window
	rolePost             // after it: the end of matches that start in it
)

type streamKey struct {
	conn netassist.ConnID
	dir  netassist.Dir
}

// piece is one chunk of a run (or, data nil, the flush of an ended
// stream: the bytes it held shown as escapes).
type piece struct {
	seq  uint64
	off  int64  // stream offset of data[0]
	data []byte // nil for a flush
	role role
	flat int // where its text starts in run.flat
	// Text queries: the renderer's state before this piece, to render it
	// again when an occurrence must be placed in it, and how many bytes it
	// held then (the end of the previous data piece, prevData).
	snap     render.Stream
	held     int
	prevData int // index of the previous data piece, -1
}

type run struct {
	key    streamKey
	text   bool
	fold   bool
	st     *render.Stream // text queries
	pieces []piece
	flat   []byte
	end    int64 // stream offset after the last byte added
	ended  bool  // the stream ended (FIN or close): nothing follows
	broken bool  // bytes after end are missing (omitted): nothing can join
	last   uint64
	lastIn int // len(flat) after the last window piece
}

// newRun starts a run of key at stream offset off. For text, tail is the
// stream's bytes just before off (render.ResumeAt), so the first piece
// renders as the pane renders it.
func newRun(key streamKey, p *pattern, off int64, tail []byte) *run {
	r := &run{key: key, text: !p.q.Hex, fold: p.q.IgnoreCase, end: off}
	if r.text {
		r.st = render.ResumeAt(p.q.Enc, off, tail)
	}
	return r
}

// add appends chunk c (a data chunk of the run's stream at r.end) in role.
func (r *run) add(c *netassist.Chunk, ro role) {
	if len(c.Data) > 0 {
		pi := piece{seq: c.Seq, off: c.Offset, data: c.Data, role: ro, flat: len(r.flat), prevData: r.lastData()}
		if r.text {
			pi.snap, pi.held = *r.st, r.st.Held()
			r.flat = appendFlat(r.flat, r.st.String(c.Data), r.fold)
		} else {
			r.flat = append(r.flat, c.Data...)
		}
		r.pieces = append(r.pieces, pi)
	}
	r.end = c.Offset + int64(len(c.Data)) + c.Omitted
	r.last = c.Seq
	if c.Omitted > 0 {
		r.flush(c.Seq, ro) // what would complete a held character was not kept
		r.broken = true
	}
}

// flush ends the stream: what the renderer holds is shown as escapes.
func (r *run) flush(seq uint64, ro role) {
	r.last = max(r.last, seq)
	if !r.text || r.st.Held() == 0 {
		return
	}
	pi := piece{seq: seq, role: ro, flat: len(r.flat), snap: *r.st, held: r.st.Held(), prevData: r.lastData()}
	r.flat = appendFlat(r.flat, r.st.FlushString(), r.fold)
	r.pieces = append(r.pieces, pi)
}

func (r *run) lastData() int {
	for i := len(r.pieces) - 1; i >= 0; i-- {
		if r.pieces[i].data != nil {
			return i
		}
	}
	return -1
}

// needsMore reports whether the text after the window could be the start
// of an occurrence of pat that the following pieces complete.
func (r *run) needsMore(pat []byte) bool {
	if r.ended || r.broken {
		return false
	}
	for l := min(len(pat)-1, len(r.flat)); l >= 1; l-- {
		if string(r.flat[len(r.flat)-l:]) == string(pat[:l]) {
			return true
		}
	}
	return false
}

// at is a byte of the run: piece index and offset in its data; pi -1
// means before the run's first piece.
type at struct {
	pi  int
	off int
}

// locate returns where the first byte of the text at flat offset x comes
// from, and where the last byte of the text at x ends (exclusive): the
// bytes of the character (or escape) holding x.
func (r *run) locate(x int) (start, end at) {
	k := sort.Search(len(r.pieces), func(i int) bool { return r.pieces[i].flat > x }) - 1
	p := &r.pieces[k]
	if !r.text {
		return at{k, x - p.flat}, at{k, x - p.flat + 1}
	}
	if p.data == nil {
		// A flush: `\xHH` for each byte held, at the end of the data
		// before it.
		a := r.at(k, (x-p.flat)/4-p.held)
		return a, at{a.pi, a.off + 1}
	}
	// Render the piece again from its snapshot, in halving steps, to find
	// the byte j whose feeding emits the text at x.
	cur := p.snap
	data := p.data
	emitted, pos, step := p.flat, 0, len(data)
	for pos < len(data) {
		n := min(step, len(data)-pos)
		save := cur
		text := cur.String(data[pos : pos+n])
		out := flatLen(text)
		if emitted+out <= x {
			emitted += out
			pos += n
			continue
		}
		if n == 1 {
			// Byte pos completes the text at x; it may begin with the
			// bytes held before it, shown as escapes when they formed no
			// character: place x among them.
			lo := pos - save.Held()
			text = string(appendFlat(nil, text, false))
			for d := x - emitted; lo < pos && len(text) >= 4 && text[:4] == escape(r.byteAt(k, lo)); lo++ {
				if d < 4 {
					a := r.at(k, lo)
					return a, at{a.pi, a.off + 1}
				}
				d, text = d-4, text[4:]
			}
			return r.at(k, lo), at{k, pos + 1}
		}
		cur, step = save, max(n/2, 1)
	}
	// Not reached: x lies in this piece's text.
	return at{k, len(data) - 1}, at{k, len(data)}
}

// at is byte i of piece k, where a negative i counts back from the end
// of the data pieces before it (bytes the renderer held across joins).
func (r *run) at(k, i int) at {
	for i < 0 {
		k = r.pieces[k].prevData
		if k < 0 {
			return at{-1, 0}
		}
		i += len(r.pieces[k].data)
	}
	return at{k, i}
}

// byteAt is the byte r.at(k, i) names (0 if it is not in the run).
func (r *run) byteAt(k, i int) byte {
	a := r.at(k, i)
	if a.pi < 0 {
		return 0
	}
	return r.pieces[a.pi].data[a.off]
}

// escape is the shown form of a byte shown as an escape: `\xHH`.
func escape(c byte) string {
	const hex = "0123456789ABCDEF"
	return string([]byte{'\\', 'x', hex[c>>4], hex[c&15]})
}

// pos is the capture position of a.
func (r *run) pos(a at) Pos {
	if a.pi < 0 {
		return Pos{}
	}
	return Pos{Seq: r.pieces[a.pi].seq, Off: a.off}
}

// role of the piece holding a (rolePre before the first piece).
func (r *run) roleAt(a at) role {
	if a.pi < 0 {
		return rolePre
	}
	return r.pieces[a.pi].role
}

// match builds the Match of the occurrence at flat offset x.
func (r *run) match(x, n int) (Match, role, role) {
	s, _ := r.locate(x)
	_, e := r.locate(x + n - 1)
	m := Match{Conn: r.key.conn, Dir: r.key.dir, Start: r.pos(s), End: r.pos(e)}
	if s.pi >= 0 && e.pi >= 0 {
		m.Offset = r.pieces[s.pi].off + int64(s.off)
		m.Len = r.pieces[e.pi].off + int64(e.off) - m.Offset
	}
	return m, r.roleAt(s), r.roleAt(e)
}

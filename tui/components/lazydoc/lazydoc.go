// Package lazydoc is a document drawn lazily (breaker report 1 #1): a list
// of parts (rows laid out already, bytes through the sanitizer, hexdumps),
// each drawn in pieces that are rendered and wrapped only when a frame or
// a scroll step reaches them, and cached within a budget that follows the
// visible size. So what one frame costs, in time and memory, is bounded
// by the rows shown, not by the document: a 4 MiB body on one line draws
// as fast as 4 KiB. The receive pane draws the store's chunks the same
// way (its pieces are Cuts'); the docpane (the Web tab's raw, parsed,
// lab and diff views) and the Client tab's decoded body are built on it.
//
// The scroll position is an anchor (a piece and a row in it), so moving
// never needs the rows above. Row numbers ("12-30/400") need every
// piece's row count: they are counted at once for a document of a few
// pieces, and otherwise shown once known; until then Position says how
// far down the anchor is in percent.
package lazydoc

import (
	"fmt"
	"sort"
)

// eagerPieces is how many pieces a document may have for its rows to be
// counted at once (the whole of it rendered once): about 256 KiB of
// bytes, what the Web tab's panes hold at most.
const eagerPieces = 16

// minCacheBytes is the cache's budget for a small view: a few pieces of
// binary data, so scrolling back a little renders nothing again.
const minCacheBytes = 2 << 20

// pos is a row of the document: row of flat piece piece.
type pos struct{ piece, row int }

// entry is one rendered piece in the cache.
type entry struct {
	rows []string
	size int    // bytes of rows
	used uint64 // the frame that last drew it
}

// Model is the document and where it is scrolled to. The zero value is
// not ready: use New.
type Model struct {
	parts  []Part
	starts []int // each part's first piece in the flat list
	n      int   // pieces in all

	width, height int
	top           pos

	counts     []int // rows of each piece at width; -1: not yet known
	cache      map[int]entry
	cacheBytes int
	frame      uint64
}

// New returns an empty document.
func New() *Model { return &Model{cache: map[int]entry{}} }

// SetDoc replaces the document. keep holds the scroll position (the same
// document laid out again: a new mode, new styles); otherwise the view
// starts at the top.
func (m *Model) SetDoc(parts []Part, keep bool) {
	m.parts, m.starts, m.n = parts, make([]int, len(parts)), 0
	for i, p := range parts {
		m.starts[i] = m.n
		m.n += p.Pieces()
	}
	m.reset()
	if !keep {
		m.top = pos{}
	}
	m.top.piece = min(m.top.piece, max(m.n-1, 0))
}

// Clear empties the document.
func (m *Model) Clear() { m.SetDoc(nil, false) }

// Empty reports whether the document has no parts.
func (m *Model) Empty() bool { return len(m.parts) == 0 }

// reset forgets every rendered piece and row count.
func (m *Model) reset() {
	m.counts = make([]int, m.n)
	for i := range m.counts {
		m.counts[i] = -1
	}
	clear(m.cache)
	m.cacheBytes = 0
}

// SetSize sets the rows area: w cells wide, h rows. A new width lays the
// document out again (the anchor's piece stays at the top).
func (m *Model) SetSize(w, h int) {
	w, h = max(w, 1), max(h, 0)
	if w != m.width {
		m.width = w
		m.reset()
	}
	m.height = h
}

// Width is the width the rows are laid out at.
func (m *Model) Width() int { return m.width }

// View returns the visible rows: the height's worth from the top, fewer
// only when the document is shorter.
func (m *Model) View() []string {
	m.frame++
	m.clamp()
	out := make([]string, 0, m.height)
	for i, r := m.top.piece, m.top.row; i < m.n && len(out) < m.height; i, r = i+1, 0 {
		rows := m.rows(i)
		if r < len(rows) {
			out = append(out, rows[r:min(len(rows), r+m.height-len(out))]...)
		}
	}
	return out
}

// piece is the part and its piece for flat piece i.
func (m *Model) piece(i int) (Part, int) {
	p := sort.Search(len(m.starts), func(k int) bool { return m.starts[k] > i }) - 1
	return m.parts[p], i - m.starts[p]
}

// rows renders piece i (from the cache when it can) and keeps it.
func (m *Model) rows(i int) []string {
	if e, ok := m.cache[i]; ok {
		e.used = m.frame
		m.cache[i] = e
		return e.rows
	}
	rows := m.render(i)
	m.remember(i, rows)
	return rows
}

// render renders piece i without caching it, and counts its rows.
func (m *Model) render(i int) []string {
	p, k := m.piece(i)
	rows := p.Piece(k, m.width)
	m.counts[i] = len(rows)
	return rows
}

// count is how many rows piece i has, rendering it if that is not known
// yet (the pieces counted are those about to be drawn, so they are
// cached).
func (m *Model) count(i int) int {
	if m.counts[i] < 0 {
		m.rows(i)
	}
	return m.counts[i]
}

// budget is what the cache may hold: 64 bytes a cell of the view (a
// styled escape is about 20 bytes a cell; the rest is room to scroll), at
// least minCacheBytes.
func (m *Model) budget() int { return max(minCacheBytes, 64*m.width*m.height) }

// remember caches rows for piece i, first dropping the pieces the last
// frame and this one did not draw if the cache is over its budget.
func (m *Model) remember(i int, rows []string) {
	size := 0
	for _, r := range rows {
		size += len(r) + 16
	}
	if m.cacheBytes+size > m.budget() {
		for k, e := range m.cache {
			if e.used+1 < m.frame {
				m.cacheBytes -= e.size
				delete(m.cache, k)
			}
		}
	}
	m.cache[i] = entry{rows: rows, size: size, used: m.frame}
	m.cacheBytes += size
}

// clamp keeps the top on a row that exists and the view full: the last
// page shows as many rows as fit, not a half-empty box.
func (m *Model) clamp() {
	if m.n == 0 {
		m.top = pos{}
		return
	}
	m.top.piece = min(max(m.top.piece, 0), m.n-1)
	m.top.row = max(m.top.row, 0)
	// Past the end of its piece: the next rows down.
	for m.top.row >= m.count(m.top.piece) && m.top.piece+1 < m.n {
		m.top = pos{m.top.piece + 1, m.top.row - m.count(m.top.piece)}
	}
	if m.top.row >= m.count(m.top.piece) {
		m.top.row = max(m.count(m.top.piece)-1, 0)
	}
	if m.below(m.top, m.height) < m.height {
		m.top = m.bottom()
	}
}

// below is how many rows there are from p down, counting up to need.
func (m *Model) below(p pos, need int) int {
	n := 0
	for i, r := p.piece, p.row; i < m.n && n < need; i, r = i+1, 0 {
		n += max(m.count(i)-r, 0)
	}
	return n
}

// bottom is the top that shows the last page.
func (m *Model) bottom() pos {
	need := m.height
	for i := m.n - 1; i >= 0; i-- {
		c := m.count(i)
		if c >= need {
			return pos{i, c - need}
		}
		need -= c
	}
	return pos{}
}

// MoveBy scrolls n rows down (up when negative).
func (m *Model) MoveBy(n int) {
	if m.n == 0 {
		return
	}
	m.clamp()
	p := m.top
	for n > 0 {
		c := m.count(p.piece)
		if p.row+n < c {
			p.row += n
			break
		}
		if p.piece+1 >= m.n {
			p.row = max(c-1, 0)
			break
		}
		n -= c - p.row
		p = pos{p.piece + 1, 0}
	}
	for n < 0 {
		if p.row >= -n {
			p.row += n
			break
		}
		n += p.row
		if p.piece == 0 {
			p.row = 0
			break
		}
		p.piece--
		p.row = m.count(p.piece)
	}
	m.top = p
	m.clamp()
}

// MoveToTop shows the first rows.
func (m *Model) MoveToTop() { m.top = pos{} }

// MoveToBottom shows the last rows.
func (m *Model) MoveToBottom() {
	if m.n > 0 {
		m.top = m.bottom()
	}
}

// known reports whether every piece's row count is known, counting them
// when the document is small enough.
func (m *Model) known() bool {
	unknown := false
	for _, c := range m.counts {
		if c < 0 {
			unknown = true
			break
		}
	}
	if unknown && m.n <= eagerPieces {
		for i := range m.n {
			m.count(i)
		}
		return true
	}
	return !unknown
}

// Total is how many rows the document has, when known (see known).
func (m *Model) Total() (int, bool) {
	if !m.known() {
		return 0, false
	}
	t := 0
	for _, c := range m.counts {
		t += c
	}
	return t, true
}

// TopRow is the number of the first row shown (from 0), when the rows
// above it are counted.
func (m *Model) TopRow() (int, bool) {
	m.clamp()
	r := m.top.row
	for i := 0; i < m.top.piece; i++ {
		if m.counts[i] < 0 {
			if !m.known() {
				return 0, false
			}
		}
		r += m.counts[i]
	}
	return r, true
}

// ScrollTo puts row (from 0) at the top, or as near as the last page
// allows.
func (m *Model) ScrollTo(row int) {
	m.top = pos{}
	m.MoveBy(row)
}

// TopPart is the part the top row belongs to.
func (m *Model) TopPart() int {
	m.clamp()
	return sort.Search(len(m.starts), func(k int) bool { return m.starts[k] > m.top.piece }) - 1
}

// Position says which rows are shown: "12-30/400" when the rows are
// counted, "~37%" (how far down the top is) until then; "" when the
// whole document fits.
func (m *Model) Position() string {
	if m.n == 0 || m.height <= 0 {
		return ""
	}
	if total, ok := m.Total(); ok {
		if total <= m.height {
			return ""
		}
		top, _ := m.TopRow()
		return fmt.Sprintf("%d-%d/%d", top+1, min(top+m.height, total), total)
	}
	m.clamp()
	frac := (float64(m.top.piece) + float64(m.top.row)/float64(max(m.count(m.top.piece), 1))) / float64(m.n)
	return fmt.Sprintf("~%d%%", int(frac*100))
}

// All returns every row of the document (rendering what is not cached,
// without caching it): for a search over a document of bounded size.
func (m *Model) All() []string {
	var out []string
	for i := range m.n {
		if e, ok := m.cache[i]; ok {
			out = append(out, e.rows...)
			continue
		}
		out = append(out, m.render(i)...)
	}
	return out
}

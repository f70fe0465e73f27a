package tui

import (
	"bytes"
	"fmt"
	"math"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/render"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/keymap"
	"github.com/netassist/netassist/tui/styles"
)

// recvPane shows the chunks of one filter (a tab, or one connection) as
// text or hex. It never holds the capture: each frame it asks the store
// for the chunks it will draw, and renders each chunk once (cached by
// sequence number), so its cost follows the screen size, not the amount
// captured.
//
// Display options narrow what is drawn without touching the store: chunks
// at or below floor are cleared from the display, chunks above pauseSeq
// wait while paused, and sent chunks are skipped when showSent is off.
// Walking past skipped chunks is bounded per call (see scanBudget), so a
// capture that is all sent data cannot make a frame slow.
type recvPane struct {
	store  *netassist.Store
	styles *styles.Styles
	text   *i18n.Text

	filter     netassist.Filter
	width      int // inner width (cells)
	height     int // lines
	hex        bool
	timestamps bool
	enc        render.Encoding // text view decoding
	showSent   bool

	// follow keeps the newest data in view; when false, top is the first
	// visible line.
	follow bool
	top    anchor
	// bottomTop is where the top line was in the last follow frame, so
	// scrolling up starts from what the user saw.
	bottomTop anchor

	// floor hides chunks with Seq <= floor (clear display).
	floor uint64
	// paused freezes the display at pauseSeq; baseIn and baseOut are the
	// filter's byte counters then, for the "waiting" badge.
	paused          bool
	pauseSeq        uint64
	baseIn, baseOut int64

	// Chunk selection: sel is the selected chunk's Seq; sums the lines of
	// its checksum box while shown.
	selecting bool
	sel       uint64
	sums      []string
	// shown is the data chunks drawn in the last frame, oldest first.
	shown []uint64

	cache   map[pieceKey][]string // rendered lines by chunk Seq and piece
	cuts    map[uint64][]int      // where each big chunk's pieces start
	remotes map[netassist.ConnID]string
}

// anchor is a line position: line number within a piece of the chunk with
// this Seq.
type anchor struct {
	seq   uint64
	piece int
	line  int
}

// A chunk larger than pieceBytes (a flood reads 256 KiB at a time) is
// drawn in pieces, each rendered and cached on its own, so what one frame
// or one scroll step renders is bounded by the screen, not by the size of
// a chunk. Text pieces end at a line feed, where rendering the pieces one
// by one gives exactly the lines of the whole; hex pieces are whole rows.
const pieceBytes = 16 << 10

type pieceKey struct {
	seq   uint64
	piece int
}

// maxCachedChunks bounds the render cache; past it the cache starts over
// (only what is visible is rendered again).
const maxCachedChunks = 2048

// Bounds on the chunks one walk through the store may look at while
// skipping hidden ones (sent data with show-sent off): past them the pane
// shows what it found so far.
const (
	maxScanChunks = 4096
	maxScanBytes  = 8 << 20
)

// scanBudget counts what a walk through the store has fetched.
type scanBudget struct{ chunks, bytes int }

// spend charges batch and reports whether the budget is exhausted.
func (b *scanBudget) spend(batch []netassist.Chunk) bool {
	b.chunks += len(batch)
	for i := range batch {
		b.bytes += len(batch[i].Data)
	}
	return b.chunks >= maxScanChunks || b.bytes >= maxScanBytes
}

func newRecvPane(st *netassist.Store, styles *styles.Styles, text *i18n.Text, tab netassist.Tab) recvPane {
	return recvPane{
		store: st, styles: styles, text: text,
		filter:     netassist.Filter{Tab: tab},
		follow:     true,
		timestamps: true,
		showSent:   true,
		cache:      make(map[pieceKey][]string),
		cuts:       make(map[uint64][]int),
		remotes:    make(map[netassist.ConnID]string),
	}
}

func (p *recvPane) invalidate() { clear(p.cache); clear(p.cuts) }

func (p *recvPane) setSize(w, h int) {
	w, h = max(w, 1), max(h, 0)
	if w != p.width {
		p.invalidate()
	}
	p.width, p.height = w, h
}

func (p *recvPane) setFilter(f netassist.Filter) {
	if f != p.filter {
		p.filter = f
		p.follow = true
		p.leaveSelect()
		if p.paused {
			// The new selection is paused from now: its badge counts
			// what arrives after this.
			p.pause()
		}
	}
}

func (p *recvPane) toggleHex()        { p.hex = !p.hex; p.invalidate() }
func (p *recvPane) toggleTimestamps() { p.timestamps = !p.timestamps; p.invalidate() }

// hi is the newest Seq the pane may draw.
func (p *recvPane) hi() uint64 {
	if p.paused {
		return p.pauseSeq
	}
	return math.MaxUint64
}

// keep reports whether the display options let c be drawn (the Seq bounds
// aside).
func (p *recvPane) keep(c *netassist.Chunk) bool {
	return p.showSent || c.Kind != netassist.KindData || c.Dir != netassist.Out
}

// pieceStarts returns where c's pieces start in c.Data: {0} unless c is
// larger than pieceBytes.
func (p *recvPane) pieceStarts(c *netassist.Chunk) []int {
	if len(c.Data) <= pieceBytes {
		return []int{0}
	}
	if st, ok := p.cuts[c.Seq]; ok {
		return st
	}
	if len(p.cuts) >= maxCachedChunks {
		clear(p.cuts)
	}
	st := cutPieces(c.Data, p.hex, p.enc)
	p.cuts[c.Seq] = st
	return st
}

// cutPieces splits d for drawing: hex at every pieceBytes; text just after
// a line feed near every pieceBytes (a line feed is one byte in every
// encoding shown, never part of another character). A run with no line
// feed for twice pieceBytes is cut anyway in UTF-8 and Latin-1, before a
// character (the cut then shows as a wrapped line), and left whole in the
// two-byte encodings, which cannot be resynchronised there.
func cutPieces(d []byte, hex bool, enc render.Encoding) []int {
	starts := []int{0}
	for start := 0; len(d)-start > pieceBytes; {
		limit := start + pieceBytes
		cut := limit
		if !hex {
			half := start + pieceBytes/2
			if i := bytes.LastIndexByte(d[half:limit], '\n'); i >= 0 {
				cut = half + i + 1
			} else if i := bytes.IndexByte(d[limit:min(len(d), limit+pieceBytes)], '\n'); i >= 0 {
				cut = limit + i + 1
			} else if enc == render.UTF8 || enc == render.Latin1 {
				for k := 0; k < utf8.UTFMax-1 && enc == render.UTF8 && !utf8.RuneStart(d[cut]); k++ {
					cut--
				}
			} else {
				break
			}
		}
		if cut >= len(d) {
			break
		}
		starts = append(starts, cut)
		start = cut
	}
	return starts
}

// pieces is how many pieces c is drawn in.
func (p *recvPane) pieces(c *netassist.Chunk) int { return len(p.pieceStarts(c)) }

// lines returns the rendered lines of piece k of c, from the cache when
// possible.
func (p *recvPane) lines(c netassist.Chunk, k int) []string {
	starts := p.pieceStarts(&c)
	k = max(min(k, len(starts)-1), 0)
	key := pieceKey{c.Seq, k}
	if l, ok := p.cache[key]; ok {
		return l
	}
	if len(p.cache) >= maxCachedChunks {
		clear(p.cache)
	}
	end := len(c.Data)
	if k+1 < len(starts) {
		end = starts[k+1]
	}
	l := p.render(c, k, starts[k], end)
	p.cache[key] = l
	return l
}

// drawn is lines(c, k) as drawn now: the selected chunk's header
// highlighted (on a copy: the cache keeps the plain lines).
func (p *recvPane) drawn(c netassist.Chunk, k int) []string {
	l := p.lines(c, k)
	if p.selecting && k == 0 && c.Seq == p.sel && len(l) > 0 {
		hl := make([]string, len(l))
		copy(hl, l)
		hl[0] = p.styles.Selected.Render(ansi.Strip(l[0]))
		return hl
	}
	return l
}

func (p *recvPane) remote(id netassist.ConnID) string {
	if r, ok := p.remotes[id]; ok {
		return r
	}
	info, _ := p.store.Conn(id)
	r := common.Safe(info.Remote)
	p.remotes[id] = r
	return r
}

// render draws piece k of a chunk, c.Data[start:end]: the first piece
// begins with a header line; the bytes go through the one sanitizer (text,
// in the receive encoding) or make a hexdump (hex).
func (p *recvPane) render(c netassist.Chunk, k, start, end int) []string {
	s, w := p.styles, p.width
	if k > 0 {
		return p.renderData(c, start, end)
	}
	stamp := ""
	if p.timestamps {
		stamp = c.Time.Format("15:04:05.000") + " "
	}
	switch c.Kind {
	case netassist.KindOpen:
		line := stamp + fmt.Sprintf(p.text.ConnOpenedLine, c.Conn, p.remote(c.Conn))
		return []string{s.ConnEvent.Render(ansi.Truncate(line, w, "…"))}
	case netassist.KindClose:
		line := stamp + fmt.Sprintf(p.text.ConnClosedLine, c.Conn, common.Safe(c.Note))
		return []string{s.ConnEvent.Render(ansi.Truncate(line, w, "…"))}
	case netassist.KindEOF:
		format := p.text.ConnFINInLine
		if c.Dir == netassist.Out {
			format = p.text.ConnFINOutLine
		}
		line := stamp + fmt.Sprintf(format, c.Conn)
		return []string{s.ConnEvent.Render(ansi.Truncate(line, w, "…"))}
	}
	arrow, hs := "◀ in ", s.HeaderIn
	if c.Dir == netassist.Out {
		arrow, hs = "▶ out", s.HeaderOut
	}
	head := fmt.Sprintf("%s#%d %s %s %s", stamp, c.Conn, p.remote(c.Conn), arrow, common.FormatSize(int64(len(c.Data))))
	if c.Omitted > 0 {
		head += fmt.Sprintf(" (+%s sent, not kept)", common.FormatSize(c.Omitted))
	}
	out := []string{hs.Render(ansi.Truncate(head, w, "…"))}
	return append(out, p.renderData(c, start, end)...)
}

// renderData draws c.Data[start:end].
func (p *recvPane) renderData(c netassist.Chunk, start, end int) []string {
	var out []string
	if p.hex {
		for _, l := range render.HexLines(c.Data[start:end], c.Offset+int64(start)) {
			out = append(out, ansi.Truncate(l, p.width, "…"))
		}
		return out
	}
	for _, l := range render.LinesEnc(c.Data[start:end], p.enc) {
		for _, piece := range render.Wrap(l, p.width) {
			out = append(out, piece.Render(p.styles.Segment))
		}
	}
	return out
}

// visible returns the lines to draw, exactly p.height of them or fewer,
// and records the data chunks drawn in p.shown.
func (p *recvPane) visible() []string {
	p.shown = p.shown[:0]
	if p.height <= 0 {
		return nil
	}
	if p.follow {
		return p.bottom(&p.shown)
	}
	lines, atEnd := p.from(p.top, p.height+1, &p.shown)
	if atEnd && len(lines) <= p.height {
		// Everything from the anchor fits: show the newest data instead
		// of a half-empty pane, and follow it again.
		p.follow = true
		p.shown = p.shown[:0]
		return p.bottom(&p.shown)
	}
	return lines[:min(len(lines), p.height)]
}

// bottom collects the newest p.height lines, walking back from the newest
// chunk the pane may draw, and remembers where the top line is. shown, if
// not nil, gets the Seqs of the data chunks drawn.
func (p *recvPane) bottom(shown *[]uint64) []string {
	var chunks [][]string
	var keys []pieceKey
	var data []bool
	need := p.height
	before := p.hi()
	if before != math.MaxUint64 {
		before++
	}
	var budget scanBudget
walk:
	for need > 0 {
		batch := p.store.Before(p.filter, before, min(need, 256))
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
				keys = append(keys, pieceKey{c.Seq, k})
				data = append(data, c.Kind == netassist.KindData)
				need -= len(l)
			}
		}
		before = batch[0].Seq
		if budget.spend(batch) {
			break
		}
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

// from collects up to n lines starting at a; atEnd reports that the data
// the pane may draw ran out before n lines. shown, if not nil, gets the
// Seqs of the data chunks drawn.
func (p *recvPane) from(a anchor, n int, shown *[]uint64) (lines []string, atEnd bool) {
	first := true
	seq := max(a.seq, p.floor+1)
	hi := p.hi()
	var budget scanBudget
	for len(lines) < n {
		batch := p.store.After(p.filter, seq, min(n, 256))
		if len(batch) == 0 {
			return lines, true
		}
		for _, c := range batch {
			if c.Seq > hi {
				return lines, true
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
				if k == k0 {
					l = l[min(skip, len(l)):]
				}
				lines = append(lines, l...)
				if len(lines) >= n {
					return lines, false
				}
			}
		}
		seq = batch[len(batch)-1].Seq + 1
		if budget.spend(batch) {
			return lines, false
		}
	}
	return lines, false
}

// prevChunk returns the newest chunk the pane may draw with Seq < before
// that also satisfies want (nil: any), or false when there is none within
// the scan budget.
func (p *recvPane) prevChunk(before uint64, want func(*netassist.Chunk) bool) (netassist.Chunk, bool) {
	if hi := p.hi(); hi != math.MaxUint64 {
		before = min(before, hi+1)
	}
	var budget scanBudget
	for n := 1; ; n = min(n*4, 256) {
		batch := p.store.Before(p.filter, before, n)
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
func (p *recvPane) nextChunk(from uint64, want func(*netassist.Chunk) bool) (netassist.Chunk, bool) {
	from = max(from, p.floor+1)
	hi := p.hi()
	var budget scanBudget
	for n := 1; ; n = min(n*4, 256) {
		batch := p.store.After(p.filter, from, n)
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
func (p *recvPane) scrollUp(n int) {
	if p.follow {
		p.bottom(nil)
		p.top = p.bottomTop
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
func (p *recvPane) scrollDown(n int) {
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
	if _, atEnd := p.from(p.top, p.height+1, nil); atEnd {
		p.follow = true
	}
}

// normalizeTop moves a top anchor whose chunk left memory, or is hidden
// now, to the next chunk the pane may draw.
func (p *recvPane) normalizeTop() {
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

func (p *recvPane) gotoTop() {
	p.follow = false
	p.top = anchor{}
	p.normalizeTop()
	if _, atEnd := p.from(p.top, p.height+1, nil); atEnd {
		p.follow = true
	}
}

func (p *recvPane) gotoBottom() { p.follow = true }

// key handles the receive pane's own keys (when it has focus) and reports
// whether msg was one of them, with the Cmd it asks for (a status
// message, a clipboard write, a save).
func (p *recvPane) key(msg tea.KeyPressMsg, k *keymap.KeyMap) (tea.Cmd, bool) {
	if p.selecting {
		if cmd, ok := p.selectKey(msg, k); ok {
			return cmd, true
		}
	}
	if cmd, ok := p.optionKey(msg, k); ok {
		return cmd, true
	}
	vk := &k.View
	switch {
	case common.ScrollKey(msg, k, p):
	case key.Matches(msg, k.ViewHexPlain):
		p.toggleHex()
	case key.Matches(msg, k.TimesPlain):
		p.toggleTimestamps()
	case key.Matches(msg, vk.PausePlain):
		return p.togglePause(), true
	case key.Matches(msg, vk.ShowSentPlain):
		return p.toggleSent(), true
	case key.Matches(msg, vk.EncodingPlain):
		return p.cycleEncoding(), true
	case key.Matches(msg, vk.ClearView):
		return p.clearDisplay(), true
	case key.Matches(msg, vk.Select):
		return p.enterSelect(), true
	case key.Matches(msg, vk.Save):
		return p.saveConnCmd(), true
	case key.Matches(msg, vk.SaveSession):
		return p.saveSessionCmd(), true
	default:
		return nil, false
	}
	return nil, true
}

// position describes the scroll position for the pane title.
func (p *recvPane) position() string {
	if p.paused {
		if w := p.waiting(); w > 0 {
			return fmt.Sprintf(p.text.View.PausedWaiting, common.FormatSize(w))
		}
		return p.text.View.Paused
	}
	if p.follow {
		return p.text.Following
	}
	n, pos := p.store.Count(p.filter, p.top.seq)
	if p.floor > 0 {
		_, f := p.store.Count(p.filter, p.floor+1)
		n, pos = n-f, pos-f
	}
	return fmt.Sprintf(p.text.Scrolled, max(pos+1, 1), max(n, 0))
}

// view renders the pane body: exactly height lines of width cells, or
// fewer.
func (p *recvPane) view(empty string) []string {
	lines := p.visible()
	if len(lines) == 0 && p.height > 0 {
		if p.floor > 0 {
			empty = p.text.View.ClearedEmpty
		}
		lines = []string{p.styles.Dim.Render(ansi.Truncate(empty, p.width, "…"))}
	}
	return p.overlaySums(lines)
}

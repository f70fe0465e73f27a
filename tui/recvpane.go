package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"math"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/render"
)

// recvPane shows the chunks of one filter (a tab, or one connection) as
// text or hex. It never holds the capture: each frame it asks the store
// for the chunks it will draw, and renders each chunk once (cached by
// sequence number), so its cost follows the screen size, not the amount
// captured.
type recvPane struct {
	store  *netassist.Store
	styles *Styles
	text   *Text

	filter     netassist.Filter
	width      int // inner width (cells)
	height     int // lines
	hex        bool
	timestamps bool

	// follow keeps the newest data in view; when false, top is the first
	// visible line.
	follow bool
	top    anchor
	// bottomTop is where the top line was in the last follow frame, so
	// scrolling up starts from what the user saw.
	bottomTop anchor

	cache   map[uint64][]string // rendered lines by chunk Seq
	remotes map[netassist.ConnID]string
}

// anchor is a line position: line number within the chunk with this Seq.
type anchor struct {
	seq  uint64
	line int
}

// maxCachedChunks bounds the render cache; past it the cache starts over
// (only what is visible is rendered again).
const maxCachedChunks = 2048

func newRecvPane(st *netassist.Store, styles *Styles, text *Text, tab string) recvPane {
	return recvPane{
		store: st, styles: styles, text: text,
		filter:     netassist.Filter{Tab: tab},
		follow:     true,
		timestamps: true,
		cache:      make(map[uint64][]string),
		remotes:    make(map[netassist.ConnID]string),
	}
}

func (p *recvPane) invalidate() { clear(p.cache) }

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
	}
}

func (p *recvPane) toggleHex()        { p.hex = !p.hex; p.invalidate() }
func (p *recvPane) toggleTimestamps() { p.timestamps = !p.timestamps; p.invalidate() }

// lines returns the rendered lines of c, from the cache when possible.
func (p *recvPane) lines(c netassist.Chunk) []string {
	if l, ok := p.cache[c.Seq]; ok {
		return l
	}
	if len(p.cache) >= maxCachedChunks {
		p.invalidate()
	}
	l := p.render(c)
	p.cache[c.Seq] = l
	return l
}

func (p *recvPane) remote(id netassist.ConnID) string {
	if r, ok := p.remotes[id]; ok {
		return r
	}
	info, _ := p.store.Conn(id)
	r := safe(info.Remote)
	p.remotes[id] = r
	return r
}

// render draws one chunk: a header line, then its bytes through the one
// sanitizer (text) or as a hexdump (hex).
func (p *recvPane) render(c netassist.Chunk) []string {
	s, w := p.styles, p.width
	stamp := ""
	if p.timestamps {
		stamp = c.Time.Format("15:04:05.000") + " "
	}
	switch c.Kind {
	case netassist.KindOpen:
		line := stamp + fmt.Sprintf(p.text.ConnOpenedLine, c.Conn, p.remote(c.Conn))
		return []string{s.ConnEvent.Render(ansi.Truncate(line, w, "…"))}
	case netassist.KindClose:
		line := stamp + fmt.Sprintf(p.text.ConnClosedLine, c.Conn, safe(c.Note))
		return []string{s.ConnEvent.Render(ansi.Truncate(line, w, "…"))}
	}
	arrow, hs := "◀ in ", s.HeaderIn
	if c.Dir == netassist.Out {
		arrow, hs = "▶ out", s.HeaderOut
	}
	head := fmt.Sprintf("%s#%d %s %s %s", stamp, c.Conn, p.remote(c.Conn), arrow, formatSize(int64(len(c.Data))))
	if c.Omitted > 0 {
		head += fmt.Sprintf(" (+%s sent, not kept)", formatSize(c.Omitted))
	}
	out := []string{hs.Render(ansi.Truncate(head, w, "…"))}
	if p.hex {
		for _, l := range render.HexLines(c.Data, c.Offset) {
			out = append(out, ansi.Truncate(l, w, "…"))
		}
		return out
	}
	for _, l := range render.Lines(c.Data) {
		for _, piece := range render.Wrap(l, w) {
			out = append(out, piece.Render(s.segment))
		}
	}
	return out
}

// visible returns the lines to draw, exactly p.height of them or fewer.
func (p *recvPane) visible() []string {
	if p.height <= 0 {
		return nil
	}
	if p.follow {
		return p.bottom()
	}
	lines, atEnd := p.from(p.top, p.height+1)
	if atEnd && len(lines) <= p.height {
		// Everything from the anchor fits: show the newest data instead
		// of a half-empty pane, and follow it again.
		p.follow = true
		return p.bottom()
	}
	return lines[:min(len(lines), p.height)]
}

// bottom collects the newest p.height lines, walking back from the newest
// chunk, and remembers where the top line is.
func (p *recvPane) bottom() []string {
	var chunks [][]string
	var seqs []uint64
	need := p.height
	before := uint64(math.MaxUint64)
	for need > 0 {
		batch := p.store.Before(p.filter, before, min(need, 256))
		if len(batch) == 0 {
			break
		}
		for i := len(batch) - 1; i >= 0 && need > 0; i-- {
			l := p.lines(batch[i])
			chunks = append(chunks, l)
			seqs = append(seqs, batch[i].Seq)
			need -= len(l)
		}
		before = batch[0].Seq
	}
	out := make([]string, 0, p.height)
	skip := max(-need, 0) // lines of the oldest chunk above the top
	for i := len(chunks) - 1; i >= 0; i-- {
		l := chunks[i]
		if i == len(chunks)-1 {
			p.bottomTop = anchor{seq: seqs[i], line: skip}
			l = l[skip:]
		}
		out = append(out, l...)
	}
	return out
}

// from collects up to n lines starting at a; atEnd reports that the data
// ran out before n lines.
func (p *recvPane) from(a anchor, n int) (lines []string, atEnd bool) {
	first := true
	seq := a.seq
	for len(lines) < n {
		batch := p.store.After(p.filter, seq, min(n, 256))
		if len(batch) == 0 {
			return lines, true
		}
		for _, c := range batch {
			l := p.lines(c)
			if first {
				if c.Seq == a.seq {
					l = l[min(a.line, len(l)):]
				}
				first = false
			}
			lines = append(lines, l...)
			if len(lines) >= n {
				return lines, false
			}
		}
		seq = batch[len(batch)-1].Seq + 1
	}
	return lines, false
}

// scrollUp moves the view n lines towards older data.
func (p *recvPane) scrollUp(n int) {
	if p.follow {
		p.bottom()
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
		prev := p.store.Before(p.filter, p.top.seq, 1)
		if len(prev) == 0 {
			return
		}
		l := p.lines(prev[0])
		p.top = anchor{seq: prev[0].Seq, line: len(l) - 1}
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
		cur := p.store.After(p.filter, p.top.seq, 1)
		if len(cur) == 0 {
			break
		}
		l := p.lines(cur[0])
		if p.top.line+n < len(l) {
			p.top.line += n
			break
		}
		n -= len(l) - p.top.line
		next := p.store.After(p.filter, cur[0].Seq+1, 1)
		if len(next) == 0 {
			p.top.line = len(l) - 1
			break
		}
		p.top = anchor{seq: next[0].Seq}
	}
	if _, atEnd := p.from(p.top, p.height+1); atEnd {
		p.follow = true
	}
}

// normalizeTop moves a top anchor whose chunk left memory to the oldest
// chunk still there.
func (p *recvPane) normalizeTop() {
	c := p.store.After(p.filter, p.top.seq, 1)
	if len(c) > 0 && c[0].Seq != p.top.seq {
		p.top = anchor{seq: c[0].Seq}
	}
}

func (p *recvPane) gotoTop() {
	p.follow = false
	p.top = anchor{}
	p.normalizeTop()
	if _, atEnd := p.from(p.top, p.height+1); atEnd {
		p.follow = true
	}
}

func (p *recvPane) gotoBottom() { p.follow = true }

// key handles the receive pane's own keys (when it has focus) and reports
// whether msg was one of them.
func (p *recvPane) key(msg tea.KeyPressMsg, k *KeyMap) bool {
	page := max(p.height-1, 1)
	switch {
	case key.Matches(msg, k.ViewHexPlain):
		p.toggleHex()
	case key.Matches(msg, k.TimesPlain):
		p.toggleTimestamps()
	case key.Matches(msg, k.Up):
		p.scrollUp(1)
	case key.Matches(msg, k.Down):
		p.scrollDown(1)
	case key.Matches(msg, k.PageUp):
		p.scrollUp(page)
	case key.Matches(msg, k.PageDown):
		p.scrollDown(page)
	case key.Matches(msg, k.Top):
		p.gotoTop()
	case key.Matches(msg, k.Bottom):
		p.gotoBottom()
	default:
		return false
	}
	return true
}

// position describes the scroll position for the pane title.
func (p *recvPane) position() string {
	if p.follow {
		return p.text.Following
	}
	n, pos := p.store.Count(p.filter, p.top.seq)
	return fmt.Sprintf(p.text.Scrolled, pos+1, n)
}

// view renders the pane body: exactly height lines of width cells.
func (p *recvPane) view(empty string) []string {
	lines := p.visible()
	if len(lines) == 0 && p.height > 0 {
		lines = []string{p.styles.Dim.Render(ansi.Truncate(empty, p.width, "…"))}
	}
	return lines
}

// formatSize prints a byte count for people: 78 B, 1.5 KiB, 64.0 MiB.
func formatSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 4; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTP"[exp])
}

// padLine truncates or pads s (which may hold styles) to exactly w cells.
func padLine(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := ansi.StringWidth(s)
	if sw > w {
		s = ansi.Truncate(s, w, "")
		sw = ansi.StringWidth(s)
	}
	if sw < w {
		s += strings.Repeat(" ", w-sw)
	}
	return s
}

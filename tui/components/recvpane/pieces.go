package recvpane

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/lazydoc"
	"github.com/netassist/netassist/tui/i18n"
)

// A chunk larger than pieceBytes (a flood reads 256 KiB at a time) is
// drawn in pieces, each rendered and cached on its own, so what one frame
// or one scroll step renders is bounded by the screen, not by the size of
// a chunk. Text pieces end at a line feed, where rendering the pieces one
// by one gives exactly the lines of the whole; hex pieces are whole rows.
const pieceBytes = lazydoc.PieceBytes

type pieceKey struct {
	seq   uint64
	piece int
	fresh bool // drawn as new bytes (present.go)
}

// maxCachedChunks bounds the pieces the render cache holds (cache.go) and
// the big chunks whose cuts are kept.
const maxCachedChunks = 2048

// Bounds on the chunks one look for a chunk of some kind (prevChunk,
// nextChunk: the next data chunk for the selection) may fetch and pass
// over. Hidden chunks (sent data with show-sent off) are not among them:
// the store skips those (Filter.HideSent), and a frame's walk has no bound
// but the screen.
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

// pieceStarts returns where c's pieces start in c.Data: {0} unless c is
// larger than pieceBytes.
func (p *Model) pieceStarts(c *netassist.Chunk) []int {
	if len(c.Data) <= p.piece {
		return []int{0}
	}
	if st, ok := p.cuts[c.Seq]; ok {
		return st
	}
	if len(p.cuts) >= maxCachedChunks {
		clear(p.cuts)
	}
	st := lazydoc.Cuts(c.Data, p.piece, p.hex, p.enc)
	p.cuts[c.Seq] = st
	return st
}

// pieces is how many pieces c is drawn in.
func (p *Model) pieces(c *netassist.Chunk) int { return len(p.pieceStarts(c)) }

// lines returns the rendered lines of piece k of c, from the cache when
// possible.
func (p *Model) lines(c netassist.Chunk, k int) []string {
	starts := p.pieceStarts(&c)
	k = max(min(k, len(starts)-1), 0)
	key := pieceKey{c.Seq, k, p.isNew(&c)}
	if l, ok := p.cached(key); ok {
		return l
	}
	p.fresh = key.fresh
	end := len(c.Data)
	if k+1 < len(starts) {
		end = starts[k+1]
	}
	l := p.render(c, k, starts[k], end)
	p.remember(key, l)
	return l
}

// drawn is lines(c, k) as drawn now: the selected chunk's header
// highlighted (on a copy: the cache keeps the plain lines).
func (p *Model) drawn(c netassist.Chunk, k int) []string {
	l := p.lines(c, k)
	if p.selecting && k == 0 && c.Seq == p.sel && len(l) > 0 {
		hl := make([]string, len(l))
		copy(hl, l)
		hl[0] = p.c.Styles.Selected.Render(ansi.Strip(l[0]))
		return hl
	}
	return l
}

func (p *Model) remote(id netassist.ConnID) string {
	if r, ok := p.remotes[id]; ok {
		return r
	}
	info, _ := p.store.Conn(id)
	r := common.Safe(info.Remote)
	if len(p.remotes) >= maxCachedChunks {
		clear(p.remotes) // 100,000 connections: kept for what is drawn
	}
	p.remotes[id] = r
	return r
}

// render draws piece k of a chunk, c.Data[start:end]: the first piece
// begins with a header line; the bytes go through the one sanitizer (text,
// decoding the connection's stream in the receive encoding: see stream.go)
// or make a hexdump (hex).
func (p *Model) render(c netassist.Chunk, k, start, end int) []string {
	s, w := p.c.Styles, p.width
	if k > 0 {
		return p.renderData(c, start, end, 0)
	}
	stamp := ""
	if p.timestamps {
		stamp = c.Time.Format("15:04:05.000") + " "
	}
	switch c.Kind {
	case netassist.KindOpen:
		// Who opened it: a peer (Server, Web) or we (Client).
		info, _ := p.store.Conn(c.Conn)
		dialed := info.Tab == netassist.TabClient
		format := p.c.Text.ConnOpenedLine
		switch {
		case info.Proto == netassist.ProtoUDP && dialed:
			format = p.c.Text.Transport.PeerDialedLine
		case info.Proto == netassist.ProtoUDP:
			format = p.c.Text.Transport.PeerOpenedLine
		case dialed:
			format = p.c.Text.ConnDialedLine
		}
		line := stamp + fmt.Sprintf(format, c.Conn, p.remote(c.Conn))
		return []string{s.ConnEvent.Render(ansi.Truncate(line, w, "…"))}
	case netassist.KindClose:
		line := stamp + fmt.Sprintf(p.c.Text.ConnClosedLine, c.Conn, common.Safe(p.closeNote(c)))
		out := []string{s.ConnEvent.Render(ansi.Truncate(line, w, "…"))}
		out = append(out, p.endLines(c.Conn, netassist.In, c.Seq)...)
		return append(out, p.endLines(c.Conn, netassist.Out, c.Seq)...)
	case netassist.KindEOF:
		format := p.c.Text.ConnFINInLine
		if c.Dir == netassist.Out {
			format = p.c.Text.ConnFINOutLine
		}
		line := stamp + fmt.Sprintf(format, c.Conn)
		out := []string{s.ConnEvent.Render(ansi.Truncate(line, w, "…"))}
		return append(out, p.endLines(c.Conn, c.Dir, c.Seq)...)
	}
	hs := s.HeaderIn
	if c.Dir == netassist.Out {
		hs = s.HeaderOut
	}
	head := fmt.Sprintf("%s#%d %s %s %s", stamp, c.Conn, p.remote(c.Conn), p.dirLabel(c.Dir, true), common.FormatSize(int64(len(c.Data))))
	if c.Omitted > 0 {
		head += fmt.Sprintf(p.c.Text.Recv.NotKept, common.FormatSize(c.Omitted))
	}
	if c.Truncated {
		head += p.c.Text.Transport.Truncated
	}
	if !p.hex {
		if n := p.heldAtEnd(&c); n > 0 {
			head += fmt.Sprintf(p.c.Text.Recv.HeldNote, n)
		}
	}
	if p.fresh {
		hs = hs.Bold(true)
	}
	out := []string{hs.Render(ansi.Truncate(head, w, "…"))}
	return append(out, p.renderData(c, start, end, 1)...)
}

// closeNote says who closed c's connection and why, in the UI's language:
// "peer: write: connection reset by peer (3 bytes shown as sent were not
// written)" / "对方：write: 连接被对方重置（3 字节显示为已发送但未写出）".
// The store's own note (English) when the connection is no longer known.
func (p *Model) closeNote(c netassist.Chunk) string {
	info, ok := p.store.Conn(c.Conn)
	if !ok || info.Closed.IsZero() || p.c.Lang == i18n.LangEnglish {
		return c.Note
	}
	note := common.CloseReason(p.c, info.ClosedBy, info.Err)
	if info.Unsent > 0 {
		note += fmt.Sprintf(p.c.Text.Recv.Unsent, info.Unsent)
	}
	return note
}

// dirLabel is dir's label in the UI's language ("◀ in", "▶ out" / "◀ 收",
// "▶ 发"); padded, the shorter one is filled to the longer's width so
// headers line up.
func (p *Model) dirLabel(dir netassist.Dir, padded bool) string {
	rt := &p.c.Text.Recv
	in, out := rt.DirIn, rt.DirOut
	l := in
	if dir == netassist.Out {
		l = out
	}
	if padded {
		l += strings.Repeat(" ", max(ansi.StringWidth(in), ansi.StringWidth(out))-ansi.StringWidth(l))
	}
	return l
}

// renderData draws c.Data[start:end], with the search's matches in it;
// head rows come before it in its piece (where curRow counts from).
func (p *Model) renderData(c netassist.Chunk, start, end, head int) []string {
	if p.hex {
		rows := common.HexRows(c.Data[start:end], c.Offset+int64(start), p.width)
		per := common.HexPer(c.Offset+int64(end), p.width)
		if p.startsHere(&c, start, end) {
			p.srch.curRow = head + (p.srch.cur.Start.Off-start)/per
		}
		rows = p.markHex(&c, start, end, rows, per)
		if p.fresh {
			for i, r := range rows {
				if !strings.Contains(r, "\x1b") { // rows with a match keep its styles
					rows[i] = p.newStyle().Render(r)
				}
			}
		}
		return rows
	}
	var out []string
	st := p.resume(&c, start)
	lines := st.Lines(c.Data[start:end])
	if end == len(c.Data) && c.Omitted == 0 && p.datagram(c.Conn) {
		// A datagram is whole: a character cut at its end never
		// completes, and shows as escapes at the end of its line.
		held := st.Held()
		fl := st.FlushLines()
		before := end - held - 1 // the last byte decoded, if in this piece
		if last := len(lines) - 1; len(fl) > 0 && last >= 0 && (before < start || c.Data[before] != '\n') {
			lines[last] = append(lines[last][:len(lines[last]):len(lines[last])], fl[0]...)
			fl = fl[1:]
		}
		lines = append(lines, fl...)
	}
	spans, curLine, curOff := p.textSpans(&c, start, end, lines)
	// A piece cut where no line feed was (see lazydoc.Cuts) continues the
	// line of the piece before it.
	cont := start > 0 && c.Data[start-1] != '\n'
	for i, l := range lines {
		var sp []common.Span
		if spans != nil {
			sp = spans[i]
		}
		seg := p.c.Styles.Segment
		if p.fresh {
			seg = p.segmentNew
		}
		rows := common.WrapWith(p.c.Styles, seg, l, p.width, cont && i == 0, sp)
		if i == curLine && p.startsHere(&c, start, end) {
			p.srch.curRow = head + len(out) + rowOf(rows, curOff)
		}
		out = append(out, rows...)
	}
	if c.Omitted > 0 && end == len(c.Data) {
		// What would complete a held character was not kept.
		for _, l := range st.FlushLines() {
			out = append(out, common.WrapLine(p.c.Styles, l, p.width)...)
		}
	}
	return out
}

// startsHere reports whether the current match begins in c.Data[start:end].
func (p *Model) startsHere(c *netassist.Chunk, start, end int) bool {
	s := p.srch.cur.Start
	return p.srch.has && s.Seq == c.Seq && start <= s.Off && (s.Off < end || end == len(c.Data))
}

// rowOf is the row of rows (one line wrapped) that holds byte off of the
// line's text.
func rowOf(rows []string, off int) int {
	for i, r := range rows {
		n := len(strings.TrimPrefix(ansi.Strip(r), common.ContinuationMark))
		if off < n {
			return i
		}
		off -= n
	}
	return max(len(rows)-1, 0)
}

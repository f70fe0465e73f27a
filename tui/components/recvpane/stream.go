package recvpane

import (
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/render"
	"github.com/netassist/netassist/tui/common"
)

// Each connection's direction is decoded as one stream, not chunk by chunk
// (issue 12 item 3): a character split across two reads shows whole, under
// the read that completes it, and GBK never falls out of step. The pane
// renders only the chunks it shows, so each one starts from the decoder's
// state at its first byte, rebuilt from the bytes just before it
// (render.ResumeAt): the connection's earlier bytes in that direction, from
// the store (Store.Tail copies only those bytes), and for a piece of a big
// chunk the chunk's own bytes before it. Chunks of other connections in
// between do not matter: each stream is asked for by connection and
// direction. The rendering is cached with the chunk's, so this happens once
// per chunk drawn.
//
// The bytes of a character still incomplete at the end of a read are held:
// the read's header says how many, and the next read of the stream shows
// them (as the character, or as escapes if it does not complete). When the
// stream ends (a FIN, or the close) what is still held is shown, escaped,
// under that line.
//
// A UDP peer's datagrams are not a stream: each one is decoded alone
// (DESIGN §9, boundaries are never merged), as the headless text format
// does. A character cut at a datagram's end shows as escapes at that end,
// and the next datagram's first bytes as what they are.

// shortTail is what a first look back asks the store for; most streams
// settle within it (a line break, a space or any ASCII byte).
const shortTail = 512

// resume returns the decoder at byte start of data chunk c, in the state
// the connection's whole stream leaves it there.
func (p *Model) resume(c *netassist.Chunk, start int) *render.Stream {
	need := render.LookBack(p.enc)
	off := c.Offset + int64(start)
	local := c.Data[max(0, start-need):start]
	if len(local) >= need || settled(p.enc, local) || p.datagram(c.Conn) {
		return render.ResumeAt(p.enc, off, local)
	}
	tail, end, _ := p.tail(c.Conn, c.Dir, c.Seq, need-len(local))
	if end != c.Offset {
		// The bytes before c left memory (or were never kept): decode
		// from a best guess.
		return render.ResumeAt(p.enc, off, local)
	}
	return render.ResumeAt(p.enc, off, append(tail, local...))
}

// tail is Store.Tail of up to need bytes of conn's direction dir before
// event seq, asking for a short tail first: one that settles the decoder
// is as good as a longer one (see settled).
func (p *Model) tail(conn netassist.ConnID, dir netassist.Dir, seq uint64, need int) ([]byte, int64, bool) {
	if need > shortTail {
		t, end, ok := p.store.Tail(conn, dir, seq, shortTail)
		if len(t) < shortTail || settled(p.enc, t) {
			return t, end, ok
		}
	}
	return p.store.Tail(conn, dir, seq, need)
}

// settled reports whether decoding from the start of b's last byte that
// can only begin a character gives the state at b's end exactly, so that
// more bytes before b would change nothing: b holds an ASCII byte (UTF-8),
// or a byte below '0' (GBK and GB18030: never a trail byte, nor a GB18030
// digit). Latin-1 has no state.
func settled(enc render.Encoding, b []byte) bool {
	limit := byte(0x80)
	switch enc {
	case render.Latin1:
		return true
	case render.GBK, render.GB18030:
		limit = '0'
	}
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < limit {
			return true
		}
	}
	return false
}

// heldAtEnd is how many bytes of an incomplete character the end of data
// chunk c leaves held for the stream's next read.
func (p *Model) heldAtEnd(c *netassist.Chunk) int {
	if c.Omitted > 0 || len(c.Data) == 0 || p.datagram(c.Conn) {
		return 0
	}
	from := max(0, len(c.Data)-16)
	st := p.resume(c, from)
	st.String(c.Data[from:])
	return st.Held()
}

// endLines are the rows shown under the line where conn's direction dir
// ended (its FIN, or the close) at event seq: the bytes the stream still
// held then, as escapes; none in the hex view or when nothing was held.
func (p *Model) endLines(conn netassist.ConnID, dir netassist.Dir, seq uint64) []string {
	if p.hex || p.datagram(conn) {
		return nil
	}
	tail, end, ok := p.tail(conn, dir, seq, render.LookBack(p.enc))
	if !ok {
		return nil
	}
	st := render.ResumeAt(p.enc, end, tail)
	if st.Held() == 0 {
		return nil
	}
	line := append(render.Line{{Kind: render.Plain, Text: p.c.Text.Recv.HeldAtEnd}}, st.FlushLines()[0]...)
	return common.WrapLine(p.c.Styles, line, p.width)
}

// datagram reports whether conn is a UDP peer, whose chunks are whole
// datagrams, each decoded alone.
func (p *Model) datagram(conn netassist.ConnID) bool {
	info, ok := p.store.Conn(conn)
	return ok && info.Proto == netassist.ProtoUDP
}

package recvpane

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/render"
	"github.com/netassist/netassist/tui/common"
)

// bigChunk stores one chunk of data on a fresh connection and returns it.
func bigChunk(t testing.TB, st *netassist.Store, data []byte) netassist.Chunk {
	t.Helper()
	id := st.RecordOpen(netassist.TabServer, "l", "r")
	st.RecordData(id, netassist.In, data, 0)
	c := st.Last(netassist.Filter{Conn: id}, 1)
	if len(c) != 1 || !bytes.Equal(c[0].Data, data) {
		t.Fatal("chunk not stored whole")
	}
	return c[0]
}

// testPiece is the piece size of the piece tests: an eighth of pieceBytes,
// so the tests cut data an eighth as large into as many pieces.
const testPiece = pieceBytes / 8

// piecePane is testPane drawing big chunks in testPiece pieces.
func piecePane(st *netassist.Store) *Model {
	p := testPane(st)
	p.piece = testPiece
	return p
}

// pieceData is about 12 pieces of each kind of data.
func pieceData(seed uint64) map[string][]byte {
	const size = 12 * testPiece
	rng := rand.New(rand.NewPCG(seed, 7))
	random := make([]byte, size)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	var text bytes.Buffer
	for text.Len() < size {
		text.WriteString("GET /" + strings.Repeat("ab", rng.IntN(60)) + " HTTP/1.1\r\n你好\tx\x1b[2J\n")
	}
	noLF := bytes.Repeat([]byte("é你a\x00"), size/8+100) // multibyte runes, no line feed
	gbk := bytes.Repeat([]byte("\xc4\xe3\xba\xc3 \xd6\xd0\xce\xc4\r\n"), size/12+100)
	return map[string][]byte{"random": random, "text": text.Bytes(), "noLF": noLF, "gbk": gbk}
}

// Drawing a big chunk in pieces gives the lines of drawing it whole, in
// every view: text in each encoding (cuts after a line feed) and hex.
func TestBigChunkPiecesDrawLikeTheWhole(t *testing.T) {
	for name, data := range pieceData(1) {
		for _, mode := range []struct {
			hex bool
			enc render.Encoding
		}{{true, render.UTF8}, {false, render.UTF8}, {false, render.Latin1}, {false, render.GBK}, {false, render.GB18030}} {
			st := netassist.NewStore(1 << 30)
			c := bigChunk(t, st, data)
			p := piecePane(st)
			p.hex, p.enc = mode.hex, mode.enc
			n := p.pieces(&c)
			if name != "noLF" || mode.hex || mode.enc == render.UTF8 || mode.enc == render.Latin1 {
				if n < len(data)/testPiece {
					t.Fatalf("%s hex=%v %v: %d pieces for %d bytes", name, mode.hex, mode.enc, n, len(data))
				}
			}
			var got []string
			for k := range n {
				got = append(got, p.lines(c, k)...)
			}
			whole := p.render(c, 0, 0, len(c.Data))
			if name == "noLF" && !mode.hex {
				// Cut without a line feed: the same text, broken at the
				// cuts as a wrap would break it; no character split.
				join := func(l []string) string {
					return strings.ReplaceAll(ansi.Strip(strings.Join(l[1:], "")), common.ContinuationMark, "")
				}
				if join(got) != join(whole) {
					t.Fatalf("%s %v: pieces draw other text than the whole", name, mode.enc)
				}
				continue
			}
			if !slices.Equal(got, whole) {
				t.Fatalf("%s hex=%v %v: %d lines in pieces, %d whole", name, mode.hex, mode.enc, len(got), len(whole))
			}
		}
	}
}

// A frame that follows a new chunk of a dozen pieces renders only the
// pieces it shows; scrolling up through the chunk line by line and back down visits
// exactly the lines of the whole chunk.
func TestBigChunkScrollsPieceByPiece(t *testing.T) {
	st := netassist.NewStore(1 << 30)
	c := bigChunk(t, st, pieceData(2)["text"])
	p := piecePane(st)
	p.body()
	if len(p.cache) > 2 {
		t.Errorf("following the chunk rendered %d pieces", len(p.cache))
	}
	whole := append([]string{}, p.render(c, 0, 0, len(c.Data))...)
	// The open line comes first in the tab view.
	all := append(p.lines(st.After(netassist.Filter{Tab: netassist.TabServer}, 0, 1)[0], 0), whole...)
	bottom := len(all) - p.height
	if got := p.body(); !slices.Equal(got, all[bottom:]) {
		t.Fatal("the bottom frame is not the chunk's last lines")
	}
	for i := bottom - 1; i >= 0; i-- {
		p.scrollUp(1)
		if got := p.body(); !slices.Equal(got, all[i:i+p.height]) {
			t.Fatalf("scrolled up to line %d: frame differs", i)
		}
	}
	p.scrollUp(1)
	if got := p.body(); !slices.Equal(got, all[:p.height]) {
		t.Fatal("scrolling past the top moved the frame")
	}
	for i := 1; i < bottom; i += 7 {
		p.scrollDown(7)
		if p.follow {
			break
		}
		if got := p.body(); !slices.Equal(got, all[i+6:i+6+p.height]) {
			t.Fatalf("scrolled down to line %d: frame differs", i+6)
		}
	}
}

// BenchmarkViewNewBigChunk draws a frame following a flood that reads
// 256 KiB at a time (binary data, text view).
func BenchmarkViewNewBigChunk(b *testing.B) {
	st := netassist.NewStore(1 << 30)
	id := st.RecordOpen(netassist.TabServer, "l", "r")
	data := make([]byte, 256<<10)
	rand.NewChaCha8([32]byte{}).Read(data)
	p := testPane(st)
	for b.Loop() {
		st.RecordData(id, netassist.In, data, 0)
		p.body()
	}
}

// After the view changes under a scrolled pane (here, a wider pane wraps
// into fewer lines), one step up moves the frame by one line rather than
// spending the step on a line that no longer exists.
func TestScrollAfterTheLinesChanged(t *testing.T) {
	st := netassist.NewStore(1 << 30)
	bigChunk(t, st, bytes.Repeat([]byte("abcdefghijklmnopqrstuvwxyz"), 160)) // one long line, wrapped
	bigChunk(t, st, []byte(strings.Repeat("a short line\n", 50)))
	p := testPane(st)
	p.SetSize(22, 7)
	p.body()
	p.scrollUp(60) // top line is far into the first chunk's 208 wrapped lines
	if p.top.line < 100 {
		t.Fatalf("top %+v", p.top)
	}
	p.SetSize(202, 7)
	before := paneText(p)
	p.scrollUp(1)
	if paneText(p) == before {
		t.Fatal("scrolling up one line did not move the frame")
	}
}

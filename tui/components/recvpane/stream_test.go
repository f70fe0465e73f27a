package recvpane

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/render"
	"github.com/netassist/netassist/tui/common"
)

// flatBody is what the pane draws for conn's chunks, every line of every
// piece after the header, unstyled and joined without the row breaks: the
// shown form, as render.StringEnc shows the whole stream (less its line
// breaks).
func flatBody(p *Model, st *netassist.Store, conn netassist.ConnID) string {
	var sb strings.Builder
	for _, c := range st.After(netassist.Filter{Conn: conn}, 0, 1<<20) {
		if c.Kind != netassist.KindData {
			continue
		}
		for k := range p.pieces(&c) {
			l := p.lines(c, k)
			if k == 0 {
				l = l[1:]
			}
			sb.WriteString(strings.ReplaceAll(ansi.Strip(strings.Join(l, "")), common.ContinuationMark, ""))
		}
	}
	return sb.String()
}

// Any split of two interleaved streams into reads renders, read by read,
// exactly as each stream rendered whole: in every encoding, with big reads
// drawn in pieces and reads of one byte.
func TestStreamSplitsRenderLikeTheWhole(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	texts := []string{"你好世界, 中文 text\r\n", "é😀a\u0301\u0302 ", "\xc4\xe3\xba\xc3\xca\xc0\xbd\xe7 ", "\x81\x30\x81\x30\x94\x39\xfc\x36"}
	for _, enc := range render.Encodings() {
		var whole [2][]byte
		for i := range whole {
			for whole[i] = nil; len(whole[i]) < 3*testPiece; {
				whole[i] = append(whole[i], texts[rng.IntN(len(texts))]...)
				if rng.IntN(50) == 0 {
					whole[i] = append(whole[i], byte(rng.Uint32()))
				}
			}
		}
		st := netassist.NewStore(1 << 30)
		ids := [2]netassist.ConnID{st.RecordOpen(netassist.TabServer, "l", "a"), st.RecordOpen(netassist.TabServer, "l", "b")}
		var pos [2]int
		for pos[0] < len(whole[0]) || pos[1] < len(whole[1]) {
			i := rng.IntN(2)
			if pos[i] >= len(whole[i]) {
				i = 1 - i
			}
			n := 1 + rng.IntN(7)
			if rng.IntN(20) == 0 {
				n = 2*testPiece + rng.IntN(testPiece) // a big read, drawn in pieces
			}
			n = min(n, len(whole[i])-pos[i])
			st.RecordData(ids[i], netassist.In, whole[i][pos[i]:pos[i]+n], 0)
			pos[i] += n
		}
		p := piecePane(st)
		p.enc = enc
		p.SetSize(40, 12)
		for i, id := range ids {
			// The pane holds what the stream has not completed: compare
			// with the whole less its end (a held character shows later).
			want := strings.ReplaceAll(render.StringEnc(whole[i], enc), "\n", "")
			got := flatBody(p, st, id)
			if !strings.HasPrefix(want, got) || len(want)-len(got) > 4*4 {
				t.Fatalf("%v conn %d: pieces differ from the whole\n got %.200q\nwant %.200q", enc, i, got, want)
			}
		}
	}
}

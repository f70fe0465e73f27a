package wire

import (
	"bufio"
	"bytes"
	"io"
	"net/http/httputil"
	"testing"
)

// FuzzFraming: wherever net/http accepts a request, wire ends it at the
// same byte; and wire's framing does not depend on how the stream is cut
// into reads.
func FuzzFraming(f *testing.F) {
	for _, s := range variants() {
		if len(s) < 2000 {
			f.Add([]byte(s), uint8(3))
		}
	}
	f.Fuzz(func(t *testing.T, b []byte, step uint8) {
		want := netHTTPEnds(b)
		whole := wireEnds(b, 0)
		split := wireEnds(b, int(step%16)+1)
		if len(whole) != len(split) {
			t.Fatalf("%d requests whole, %d split by %d", len(whole), len(split), step%16+1)
		}
		for i := range whole {
			if whole[i] != split[i] {
				t.Fatalf("request %d ends at %d whole, %d split", i, whole[i], split[i])
			}
		}
		if len(whole) < len(want) {
			t.Fatalf("net/http framed %v, wire %v", want, whole)
		}
		for i := range want {
			if whole[i] != want[i] {
				t.Fatalf("request %d ends at %d for wire, %d for net/http", i, whole[i], want[i])
			}
		}
	})
}

// decodeSteps runs a ChunkDecoder over b in reads of step bytes and
// returns the data, the offset where the last chunk's line ended (-1 if
// never) and where the body ended (-1 if it did not).
func decodeSteps(b []byte, step int) (data []byte, last, end int64, d *ChunkDecoder) {
	d = &ChunkDecoder{}
	last, end = -1, -1
	for i := 0; i < len(b) && !d.Done(); i += step {
		piece := b[i:min(i+step, len(b))]
		for len(piece) > 0 {
			p := d.Next(piece)
			if p.N == 0 {
				break
			}
			if p.Kind == PieceData {
				data = append(data, piece[:p.N]...)
			}
			piece = piece[p.N:]
			if last < 0 && d.LastChunk() {
				last = d.Offset()
			}
		}
	}
	if d.Done() {
		end = d.Offset()
	}
	return data, last, end, d
}

// FuzzChunkDecoder: wherever net/http's chunked reader decodes a body to
// its last chunk, the decoder gives the same data and finds the last chunk
// at the same byte; and its output does not depend on how the input is
// cut.
func FuzzChunkDecoder(f *testing.F) {
	f.Add([]byte("3\r\nabc\r\n0\r\n\r\n"), uint8(1))
	f.Add([]byte("a;x=1\r\n0123456789\r\n0\r\nT: 1\r\n\r\n"), uint8(2))
	f.Add([]byte("3\nabc\n0\n\n"), uint8(3))
	f.Add([]byte("3 ;e\r\nabc\r\n0\r\n\r\n"), uint8(4))
	f.Add([]byte("ffffffffffffffff\r\nx"), uint8(5))
	f.Fuzz(func(t *testing.T, b []byte, step uint8) {
		data, last, end, d := decodeSteps(b, len(b)+1)
		sdata, slast, send, sd := decodeSteps(b, int(step%16)+1)
		if !bytes.Equal(data, sdata) || last != slast || end != send || d.Broken() != sd.Broken() || d.Chunks() != sd.Chunks() {
			t.Fatalf("split by %d: data %q/%q last %d/%d end %d/%d", step%16+1, data, sdata, last, slast, end, send)
		}
		cr := &countReader{r: bytes.NewReader(b)}
		br := bufio.NewReader(cr)
		want, err := io.ReadAll(httputil.NewChunkedReader(br))
		if err != nil {
			return // net/http refuses it
		}
		wantLast := cr.n - int64(br.Buffered())
		if !bytes.Equal(data, want) || last != wantLast {
			t.Fatalf("data %q last chunk at %d; net/http %q at %d", data, last, want, wantLast)
		}
	})
}

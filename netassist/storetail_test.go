package netassist

import (
	"errors"
	"math"
	"testing"
)

func TestStoreTail(t *testing.T) {
	st := NewStore(0)
	a := st.RecordOpen(TabServer, "l", "ra")
	b := st.RecordOpen(TabServer, "l", "rb")
	st.RecordData(a, In, []byte("abc"), 0)
	st.RecordData(b, In, []byte("XYZ"), 0) // another connection: not a's stream
	st.RecordData(a, Out, []byte("out"), 0)
	st.RecordData(a, In, []byte("def"), 0)
	last := st.Last(Filter{Conn: a}, 1)[0]
	st.RecordData(a, In, []byte("ghi"), 0)

	check := func(name string, id ConnID, dir Dir, before uint64, n int, want string, wantEnd int64, wantOK bool) {
		t.Helper()
		tail, end, ok := st.Tail(id, dir, before, n)
		if string(tail) != want || end != wantEnd || ok != wantOK {
			t.Errorf("%s: Tail = %q, %d, %v; want %q, %d, %v", name, tail, end, ok, want, wantEnd, wantOK)
		}
	}
	check("all", a, In, math.MaxUint64, 100, "abcdefghi", 9, true)
	check("last 4", a, In, math.MaxUint64, 4, "fghi", 9, true)
	check("before a chunk", a, In, last.Seq+1, 100, "abcdef", 6, true)
	check("before def", a, In, last.Seq, 100, "abc", 3, true)
	check("out", a, Out, math.MaxUint64, 100, "out", 3, true)
	check("nothing yet", a, In, 3, 100, "", 0, false)
	check("n 0", a, In, math.MaxUint64, 0, "", 9, true)
	check("unknown", 99, In, math.MaxUint64, 10, "", 0, false)

	// A FIN ends the stream: what follows (nothing can, but the walk must
	// not cross it) is not joined to it. An omitted stretch breaks it.
	st.RecordData(b, Out, []byte("12"), 5)
	st.RecordData(b, Out, []byte("34"), 0)
	check("after omitted", b, Out, math.MaxUint64, 100, "34", 9, true)
	st.RecordEOF(b, In)
	fin := st.Last(Filter{Conn: b}, 1)[0]
	check("FIN of the other direction", b, Out, math.MaxUint64, 100, "34", 9, true)
	check("up to the FIN", b, In, fin.Seq, 100, "XYZ", 3, true)
	check("past the FIN", b, In, math.MaxUint64, 100, "", 0, false)
	st.RecordClose(b, ByPeer, errors.New("x"))
	check("at the close", b, Out, math.MaxUint64, 100, "34", 9, true)
}

package netassist

import (
	"math"
	"testing"
)

// HideSent skips sent data in both spans (one connection, a whole tab),
// keeps every other kind of chunk, and walks past any number of sent
// chunks to the n asked for.
func TestStoreHideSent(t *testing.T) {
	s := NewStore(1 << 30)
	a := s.RecordOpen(TabServer, "l", "a")
	b := s.RecordOpen(TabServer, "l", "b")
	s.RecordData(a, In, []byte("in-a"), 0)
	for range 10_000 {
		s.RecordData(a, Out, []byte("o"), 0)
		s.RecordData(b, Out, []byte("o"), 0)
	}
	s.RecordData(b, In, []byte("in-b"), 0)
	s.RecordEOF(a, In)
	for _, f := range []Filter{{Tab: TabServer, HideSent: true}, {Conn: a, HideSent: true}} {
		var got []string
		for _, c := range s.Before(f, math.MaxUint64, 100) {
			if c.Kind == KindData && c.Dir == Out {
				t.Fatalf("%+v: a sent chunk: %+v", f, c)
			}
			got = append(got, c.Kind.String()+":"+string(c.Data))
		}
		want := []string{"open:", "open:", "data:in-a", "data:in-b", "eof:"}
		if f.Conn != 0 {
			want = []string{"open:", "data:in-a", "eof:"}
		}
		if len(got) != len(want) {
			t.Fatalf("%+v: Before got %q, want %q", f, got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%+v: Before got %q, want %q", f, got, want)
			}
		}
		after := s.After(f, 0, 100)
		if len(after) != len(want) {
			t.Fatalf("%+v: After got %d chunks, want %d", f, len(after), len(want))
		}
	}
	// Without HideSent the sent chunks are there.
	if n := len(s.Before(Filter{Conn: a}, math.MaxUint64, 5)); n != 5 {
		t.Fatalf("Before without HideSent: %d chunks", n)
	}
	if c := s.Before(Filter{Conn: a}, math.MaxUint64, 2); c[0].Dir != Out {
		t.Fatalf("Before without HideSent: %+v", c[0])
	}
}

package search

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/compose"
	"github.com/netassist/netassist/netassist/render"
)

// capture is a store filled by hand: reads on connections, in order.
type capture struct {
	st    *netassist.Store
	conns map[int]netassist.ConnID
}

func newCapture() *capture {
	return &capture{st: netassist.NewStore(0), conns: map[int]netassist.ConnID{}}
}

// read records b as read (in) or written (out) on connection n (opened on
// first use) and returns the chunk's sequence number.
func (c *capture) read(n int, dir netassist.Dir, b string) uint64 {
	id, ok := c.conns[n]
	if !ok {
		id = c.st.RecordOpen(netassist.TabServer, "127.0.0.1:7890", fmt.Sprintf("127.0.0.1:%d", 5000+n))
		c.conns[n] = id
	}
	c.st.RecordData(id, dir, []byte(b), 0)
	return c.st.Seq()
}

var tab = netassist.Filter{Tab: netassist.TabServer}

func find(t *testing.T, st *netassist.Store, f netassist.Filter, q Query, from Pos, back bool) (Match, bool) {
	t.Helper()
	m, ok, err := Find(context.Background(), st, f, q, from, back)
	if err != nil {
		t.Fatal(err)
	}
	return m, ok
}

// The shown form is what is searched: markers and escapes as typed, a
// match across reads of one connection (whatever came between from
// others), a character split across reads, and the bytes it covers.
func TestFindShownForm(t *testing.T) {
	c := newCapture()
	s1 := c.read(1, netassist.In, "xx GE")
	s2 := c.read(2, netassist.In, "GET from another connection")
	s3 := c.read(1, netassist.In, "T / HTTP/1.1\r\n\x1b[2J \\ \xe4")
	s4 := c.read(1, netassist.In, "\xbd\xa0好 end")

	tests := []struct {
		q          string
		conn       int
		start, end Pos
	}{
		{"GET /", 1, Pos{s1, 3}, Pos{s3, 3}}, // across reads, conn 2's GET in between is not "GET /"
		{`HTTP/1.1\r\n`, 1, Pos{s3, 4}, Pos{s3, 14}},
		{`\x1B[2J`, 1, Pos{s3, 14}, Pos{s3, 18}},
		{`x1B`, 1, Pos{s3, 14}, Pos{s3, 15}}, // inside an escape: its byte
		{` \\ `, 1, Pos{s3, 18}, Pos{s3, 21}},
		{"你好", 1, Pos{s3, 21}, Pos{s4, 5}}, // E4 | BD A0 split across reads
		{"from another", 2, Pos{s2, 4}, Pos{s2, 16}},
	}
	for _, tt := range tests {
		m, ok := find(t, c.st, tab, Query{Text: tt.q}, Pos{}, false)
		if !ok || m.Conn != c.conns[tt.conn] || m.Start != tt.start || m.End != tt.end {
			t.Errorf("%q: %+v %v, want conn %d %v–%v", tt.q, m, ok, tt.conn, tt.start, tt.end)
		}
	}
	// The same in hex, and offsets in the stream.
	m, ok := find(t, c.st, tab, Query{Text: "47 45 54 20 2f", Hex: true}, Pos{}, false)
	if !ok || m.Start != (Pos{s1, 3}) || m.End != (Pos{s3, 3}) || m.Offset != 3 || m.Len != 5 {
		t.Errorf("hex: %+v %v", m, ok)
	}
	if _, ok := find(t, c.st, tab, Query{Text: "GET\\r"}, Pos{}, false); ok {
		t.Error("found a CR that is not there")
	}
	// The part of each chunk a match covers.
	chunks := c.st.After(netassist.Filter{Conn: c.conns[1]}, 0, 10)
	var parts []string
	for i := range chunks {
		if lo, hi, ok := m.In(&chunks[i]); ok {
			parts = append(parts, string(chunks[i].Data[lo:hi]))
		}
	}
	if fmt.Sprint(parts) != "[GE T /]" {
		t.Errorf("In: %q", parts)
	}
}

// n and N: forward from just after a match finds the next, backward from
// a match finds the one before, from End the last; the order is the
// order of arrival across connections.
func TestFindNextPrevious(t *testing.T) {
	c := newCapture()
	a := c.read(1, netassist.In, "ping ping")
	b := c.read(2, netassist.In, "ping")
	d := c.read(1, netassist.Out, "PING")
	q := Query{Text: "ping"}
	want := []Pos{{a, 0}, {a, 5}, {b, 0}}
	var got []Pos
	for from := (Pos{}); ; {
		m, ok := find(t, c.st, tab, q, from, false)
		if !ok {
			break
		}
		got = append(got, m.Start)
		from = Pos{m.Start.Seq, m.Start.Off + 1}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("forward %v, want %v", got, want)
	}
	got = nil
	for from := End; ; {
		m, ok := find(t, c.st, tab, q, from, true)
		if !ok {
			break
		}
		got = append(got, m.Start)
		from = m.Start
	}
	if fmt.Sprint(got) != fmt.Sprint([]Pos{{b, 0}, {a, 5}, {a, 0}}) {
		t.Errorf("backward %v", got)
	}
	// Case, and what the pane hides.
	if m, ok := find(t, c.st, tab, Query{Text: "PING", IgnoreCase: true}, End, true); !ok || m.Start != (Pos{d, 0}) {
		t.Errorf("ignore case: %+v", m)
	}
	if m, ok := find(t, c.st, tab, Query{Text: "PING", IgnoreCase: true, SkipOut: true}, End, true); !ok || m.Start != (Pos{b, 0}) {
		t.Errorf("skip out: %+v", m)
	}
	// One connection only.
	if m, ok := find(t, c.st, netassist.Filter{Conn: c.conns[2]}, q, Pos{}, false); !ok || m.Start != (Pos{b, 0}) {
		t.Errorf("conn 2: %+v", m)
	}
}

// GBK text is found as the pane shows it in GBK, even split across reads.
func TestFindGBK(t *testing.T) {
	c := newCapture()
	s1 := c.read(1, netassist.In, "\xc4\xe3\xba") // 你 and half of 好
	s2 := c.read(1, netassist.In, "\xc3 ok")
	m, ok := find(t, c.st, tab, Query{Text: "你好 ok", Enc: render.GBK}, Pos{}, false)
	if !ok || m.Start != (Pos{s1, 0}) || m.End != (Pos{s2, 4}) {
		t.Errorf("GBK: %+v %v", m, ok)
	}
	if _, ok := find(t, c.st, tab, Query{Text: "你好"}, Pos{}, false); ok {
		t.Error("UTF-8 search found GBK text")
	}
	if m, ok := find(t, c.st, tab, Query{Text: `\xC4\xE3`}, Pos{}, false); !ok || m.Start != (Pos{s1, 0}) || m.End != (Pos{s1, 2}) || m.Len != 2 {
		t.Errorf("UTF-8 view of GBK bytes: %+v %v", m, ok)
	}
}

// Visible finds what a pane shows, including matches that begin before
// its first chunk or end after its last.
func TestVisible(t *testing.T) {
	c := newCapture()
	c.read(1, netassist.In, "abc mar")
	s2 := c.read(1, netassist.In, "ker x marker y mar")
	s3 := c.read(1, netassist.In, "ker")
	chunks := c.st.After(tab, s2, 1)
	ms, err := Visible(context.Background(), c.st, Query{Text: "marker"}, chunks, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range ms {
		got = append(got, fmt.Sprintf("%d:%d-%d:%d", m.Start.Seq, m.Start.Off, m.End.Seq, m.End.Off))
	}
	want := fmt.Sprintf("[%d:4-%d:3 %d:6-%d:12 %d:15-%d:3]", s2-1, s2, s2, s2, s2, s3)
	if fmt.Sprint(got) != want {
		t.Errorf("Visible = %v, want %v", got, want)
	}
}

func TestQueryErrors(t *testing.T) {
	c := newCapture()
	c.read(1, netassist.In, "x")
	var ce *compose.Error
	if _, _, err := Find(context.Background(), c.st, tab, Query{Text: "4g", Hex: true}, Pos{}, false); !errors.As(err, &ce) {
		t.Errorf("bad hex: %v", err)
	}
	if _, _, err := Find(context.Background(), c.st, tab, Query{Text: "\n"}, Pos{}, false); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty query: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := Find(ctx, c.st, tab, Query{Text: "x"}, Pos{}, false); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	r := Request{Gen: 7, Filter: tab, Query: Query{Text: "x"}}.Run(context.Background(), c.st)
	if r.Gen != 7 || !r.Found || r.Err != nil {
		t.Errorf("Run: %+v", r)
	}
}

// Placing a match: against the whole stream rendered at once, a match of
// any piece of the shown text starts at or just before the byte that
// completes its first character and ends by the byte that completes its
// last, however the stream was cut into reads.
func TestPlacementRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("ab\\\r\n\x1b\xe4\xbd\xa0\xc4\xe3\xff\x80 ")
	for _, enc := range render.Encodings() {
		for iter := 0; iter < 300; iter++ {
			all := make([]byte, 1+rng.IntN(40))
			for i := range all {
				all[i] = alphabet[rng.IntN(len(alphabet))]
			}
			c := newCapture()
			for i := 0; i < len(all); {
				n := 1 + rng.IntN(6)
				n = min(n, len(all)-i)
				c.read(1, netassist.In, string(all[i:i+n]))
				i += n
			}
			// L[i]: the shown length once i bytes were read (held bytes
			// not shown yet).
			L := make([]int, len(all)+1)
			for i := range L {
				L[i] = flatLen(render.NewStream(enc).String(all[:i]))
			}
			flat := appendFlat(nil, render.NewStream(enc).String(all), false)
			if len(flat) == 0 {
				continue
			}
			x := rng.IntN(len(flat))
			y := min(len(flat), x+1+rng.IntN(6))
			q := string(flat[x:y])
			m, ok := find(t, c.st, tab, Query{Text: q, Enc: enc}, Pos{}, false)
			if !ok {
				t.Fatalf("%s %q: %q not found", enc, all, q)
			}
			// The first occurrence is the one found.
			x = strings.Index(string(flat), q)
			y = x + len(q)
			first := sort.Search(len(L), func(i int) bool { return L[i] > x }) - 1 // byte completing x
			last := sort.Search(len(L), func(i int) bool { return L[i] > y-1 }) - 1
			// (An escape of a held byte is placed on its byte, before
			// the byte that completed the emission.)
			end := m.Offset + m.Len
			if m.Offset > int64(first) || m.Offset < int64(first-3) || end > int64(last+1) || end < int64(last-2) || m.Len < 1 {
				t.Fatalf("%s %q, query %q at %d: match %d+%d, want start in [%d,%d], end in [%d,%d]", enc, all, q, x, m.Offset, m.Len, first-3, first, last-2, last+1)
			}
		}
	}
}

// occurrencesBack finds what occurrences finds, in reverse, across its
// blocks.
func TestOccurrencesBack(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	flat := make([]byte, 200<<10)
	for i := range flat {
		flat[i] = "ab"[rng.IntN(2)]
	}
	for _, pat := range []string{"a", "aba", "bbbbbbbbbbbb"} {
		var fwd, back []int
		occurrences(flat, []byte(pat), func(x int) bool { fwd = append(fwd, x); return true })
		occurrencesBack(flat, []byte(pat), func(x int) bool { back = append(back, x); return true })
		slices.Reverse(back)
		if !slices.Equal(fwd, back) || len(fwd) == 0 {
			t.Errorf("%q: %d forward, %d backward, differ", pat, len(fwd), len(back))
		}
	}
}

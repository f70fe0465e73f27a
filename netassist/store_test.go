package netassist

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"net"
	"slices"
	"testing"
)

// checkStore verifies the store's bookkeeping against its contents: what
// each connection is charged, the heap of connections by charge, and each
// tab's index.
func checkStore(t *testing.T, s *Store) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	var total int64
	for id, cs := range s.conns {
		var want int64
		for i := range cs.slabs.len() {
			want += int64(cap((*cs.slabs.at(i)).buf))
		}
		for i := range cs.chunks.len() {
			c := cs.chunks.at(i)
			want += chunkOverhead
			if c.slab == nil {
				want += int64(len(c.Data))
			}
			if i > 0 && cs.chunks.at(i-1).Seq >= c.Seq {
				t.Fatalf("conn %d: chunks out of order", id)
			}
		}
		if cs.charge != want {
			t.Fatalf("conn %d charged %d, holds %d", id, cs.charge, want)
		}
		if (cs.heapAt >= 0) != (cs.charge > 0) || (cs.heapAt >= 0 && s.heavy[cs.heapAt] != cs) {
			t.Fatalf("conn %d: heap position %d with charge %d", id, cs.heapAt, cs.charge)
		}
		total += cs.charge
	}
	if total != s.kept {
		t.Fatalf("kept %d, connections charged %d", s.kept, total)
	}
	for i := 1; i < len(s.heavy); i++ {
		if s.heavy[(i-1)/2].charge < s.heavy[i].charge {
			t.Fatalf("heap out of order at %d", i)
		}
	}
	for name, tb := range s.tabs {
		live := 0
		for i := range tb.index.len() {
			e := tb.index.at(i)
			if i > 0 && tb.index.at(i-1).seq() >= e.seq() {
				t.Fatalf("tab %s: index out of order", name)
			}
			if e.alive() {
				live++
			}
		}
		want := 0
		for _, cs := range tb.conns {
			want += cs.chunks.len()
		}
		if live != tb.live || live != want {
			t.Fatalf("tab %s: %d live entries, live says %d, connections hold %d", name, live, tb.live, want)
		}
	}
}

func connBytes(s *Store, id ConnID) []byte {
	var b []byte
	for _, c := range s.After(Filter{Conn: id}, 0, math.MaxInt) {
		b = append(b, c.Data...)
	}
	return b
}

// A flood on one connection evicts its own oldest bytes, not what a quiet
// connection sent before it (the budget is shared fairly).
func TestFloodEvictsItsOwnPastFirst(t *testing.T) {
	const budget = 1 << 20
	s := NewStore(budget)
	quiet := s.RecordOpen(TabServer, "l", "quiet")
	req := []byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	s.RecordData(quiet, In, req, 0)
	flood := s.RecordOpen(TabServer, "l", "flood")
	block := bytes.Repeat([]byte("0123456789abcdef"), 1<<10) // 16 KiB
	for i := range 1000 {
		block[0] = byte(i)
		r := s.reserve(flood, len(block))
		n := copy(r.buf(), block)
		s.dataReserved(flood, In, r, n)
	}
	later := []byte("still here")
	s.RecordData(quiet, In, later, 0)
	for range 100 {
		s.RecordData(flood, In, block, 0) // the copying path too
	}
	checkStore(t, s)

	if got := connBytes(s, quiet); !bytes.Equal(got, append(req, later...)) {
		t.Errorf("quiet connection keeps %q", got)
	}
	q, _ := s.Conn(quiet)
	f, _ := s.Conn(flood)
	if q.DroppedBytes != 0 || f.DroppedBytes == 0 {
		t.Errorf("dropped: quiet %d, flood %d", q.DroppedBytes, f.DroppedBytes)
	}
	kept := connBytes(s, flood)
	if f.BytesIn != 1100*int64(len(block)) || int64(len(kept))+f.DroppedBytes != f.BytesIn {
		t.Errorf("flood: %d in, %d kept, %d dropped", f.BytesIn, len(kept), f.DroppedBytes)
	}
	if !bytes.HasSuffix(kept, block) || len(kept) < budget/2 {
		t.Errorf("flood keeps %d bytes, want its newest, at least half the budget", len(kept))
	}
	if k, d := s.Kept(); k > budget || d != f.DroppedBytes {
		t.Errorf("kept %d (budget %d), dropped %d", k, budget, d)
	}

	// The tab's view is both connections in arrival order, the quiet
	// request first, then the flood's newest chunks (and "later" among
	// them), with nothing evicted in it.
	all := s.After(Filter{Tab: TabServer}, 0, math.MaxInt)
	if len(all) < 3 || all[0].Conn != quiet || all[0].Kind != KindOpen || string(all[1].Data) != string(req) {
		for _, c := range all[:min(3, len(all))] {
			t.Logf("conn %d seq %d kind %v %d bytes", c.Conn, c.Seq, c.Kind, len(c.Data))
		}
		t.Fatal("the tab view does not start with the quiet request")
	}
	for i := 1; i < len(all); i++ {
		if all[i-1].Seq >= all[i].Seq {
			t.Fatalf("tab view out of order at %d", i)
		}
	}
	n, pos := s.Count(Filter{Tab: TabServer}, all[len(all)-1].Seq)
	if n != len(all) || pos != len(all)-1 {
		t.Errorf("Count = %d, %d; view has %d", n, pos, len(all))
	}
	last := s.Before(Filter{Tab: TabServer}, all[3].Seq, 10)
	if len(last) != 3 || last[0].Seq != all[0].Seq || last[2].Seq != all[2].Seq {
		t.Errorf("Before the 4th chunk: %d chunks", len(last))
	}
}

// Two floods share the budget about equally.
func TestFloodsShareTheBudget(t *testing.T) {
	const budget = 4 << 20
	s := NewStore(budget)
	a := s.RecordOpen(TabServer, "l", "a")
	b := s.RecordOpen(TabServer, "l", "b")
	block := make([]byte, 8<<10)
	for i := range 4000 {
		id := a
		if i%4 == 0 {
			id = b // b sends a quarter as much
		}
		s.RecordData(id, In, block, 0)
	}
	checkStore(t, s)
	ka, kb := len(connBytes(s, a)), len(connBytes(s, b))
	if ka < budget/3 || kb < budget/3 {
		t.Errorf("kept %d and %d bytes of a %d budget", ka, kb, budget)
	}
}

// Random traffic on many connections and tabs, with reads in flight,
// keeps the bookkeeping exact and every view in arrival order.
func TestStoreRandomTraffic(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, budget := range []int64{4 << 10, 64 << 10, 1 << 20} {
		t.Run(fmt.Sprint(budget), func(t *testing.T) {
			s := NewStore(budget)
			var ids []ConnID
			sent := map[ConnID][]byte{}
			pending := map[ConnID]reservation{}
			for step := range 5000 {
				switch op := rng.IntN(20); {
				case op == 0 || len(ids) == 0:
					tab := []Tab{TabServer, TabWeb}[rng.IntN(2)]
					ids = append(ids, s.RecordOpen(tab, "l", fmt.Sprint(step)))
				case op == 1:
					s.RecordClose(ids[rng.IntN(len(ids))], ByPeer, nil)
				case op < 5:
					id := ids[rng.IntN(len(ids))]
					if r, ok := pending[id]; ok {
						n := rng.IntN(len(r.buf()) + 1)
						for i := range n {
							r.buf()[i] = byte(step + i)
						}
						s.dataReserved(id, In, r, n)
						sent[id] = append(sent[id], r.buf()[:n]...)
						delete(pending, id)
					} else {
						pending[id] = s.reserve(id, 1+rng.IntN(64<<10))
					}
				default:
					id := ids[rng.IntN(len(ids))]
					b := make([]byte, 1+rng.IntN(1<<uint(rng.IntN(17))))
					for i := range b {
						b[i] = byte(step * i)
					}
					dir := Dir(rng.IntN(2))
					s.RecordData(id, dir, b, 0)
					if dir == In {
						sent[id] = append(sent[id], b...)
					}
				}
				if step%97 == 0 {
					checkStore(t, s)
				}
			}
			for id, r := range pending {
				s.dataReserved(id, In, r, 0)
			}
			checkStore(t, s)
			for _, id := range ids {
				var in []byte
				for _, c := range s.After(Filter{Conn: id}, 0, math.MaxInt) {
					if c.Kind == KindData && c.Dir == In {
						in = append(in, c.Data...)
					}
				}
				if !bytes.HasSuffix(sent[id], in) {
					t.Fatalf("conn %d keeps %d bytes that are not the end of what it received", id, len(in))
				}
			}
			for _, tab := range []Tab{TabServer, TabWeb} {
				view := s.After(Filter{Tab: tab}, 0, math.MaxInt)
				var merged []Chunk
				for _, id := range ids {
					if info, _ := s.Conn(id); info.Tab == tab {
						merged = append(merged, s.After(Filter{Conn: id}, 0, math.MaxInt)...)
					}
				}
				slices.SortFunc(merged, func(a, b Chunk) int { return int(a.Seq) - int(b.Seq) })
				if len(view) != len(merged) {
					t.Fatalf("tab %s shows %d chunks, its connections hold %d", tab, len(view), len(merged))
				}
				for i := range view {
					if view[i].Seq != merged[i].Seq || !bytes.Equal(view[i].Data, merged[i].Data) {
						t.Fatalf("tab %s: chunk %d differs", tab, i)
					}
				}
			}
			if k, _ := s.Kept(); k > budget+int64(s.maxSlab)+64<<10 {
				t.Errorf("kept %d, budget %d", k, budget)
			}
		})
	}
}

// BenchmarkStoreKeepAlive is the store's part of a keep-alive web load:
// 64 connections, a 120-byte request and a 2300-byte reply each, through
// a full default budget (so every op also evicts).
func BenchmarkStoreKeepAlive(b *testing.B) {
	s := NewStore(0)
	var ids []ConnID
	for range 64 {
		ids = append(ids, s.RecordOpen(TabWeb, "l", "r"))
	}
	req, resp := make([]byte, 120), make([]byte, 2300)
	i := 0
	for b.Loop() {
		id := ids[i%len(ids)]
		i++
		s.RecordData(id, In, req, 0)
		s.RecordData(id, Out, resp, 0)
	}
}

// Several clients flood at once through a small budget while views read
// the tab and each connection: counters stay exact, every view is in
// order, each connection keeps the end of its own stream, and the
// bookkeeping is consistent afterwards.
func TestConcurrentFloodsAndReaders(t *testing.T) {
	st := NewStore(2 << 20)
	_, addr := newTestServer(t, st)
	const clients, each = 4, 8 << 20
	done := make(chan struct{})
	readerErr := make(chan string, 1)
	go func() {
		defer close(readerErr)
		for {
			select {
			case <-done:
				return
			default:
			}
			for _, f := range []Filter{{Tab: TabServer}, {Conn: 1}, {Conn: 3}} {
				for _, batch := range [][]Chunk{st.After(f, 0, 64), st.Last(f, 64)} {
					for i := 1; i < len(batch); i++ {
						if batch[i-1].Seq >= batch[i].Seq {
							readerErr <- "a view out of order"
							return
						}
					}
				}
				st.Count(f, 0)
			}
		}
	}()
	conns := make([]net.Conn, clients)
	for i := range conns {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		conns[i] = c
	}
	errs := make(chan error, clients)
	for i, c := range conns {
		go func() {
			block := bytes.Repeat([]byte{byte('a' + i)}, 64<<10)
			for sent := 0; sent < each; sent += len(block) {
				if _, err := c.Write(block); err != nil {
					errs <- err
					return
				}
			}
			errs <- c.Close()
		}()
	}
	for range clients {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "every FIN", func() bool {
		for id := ConnID(1); id <= clients; id++ {
			if in, ok := st.Conn(id); !ok || !in.PeerFinished {
				return false
			}
		}
		return true
	})
	close(done)
	if msg := <-readerErr; msg != "" {
		t.Fatal(msg)
	}
	checkStore(t, st)
	if tt := st.Totals(TabServer); tt.BytesIn != clients*each {
		t.Errorf("BytesIn %d, want %d", tt.BytesIn, clients*each)
	}
	for id := ConnID(1); id <= clients; id++ {
		info, _ := st.Conn(id)
		kept := connBytes(st, id)
		if int64(len(kept))+info.DroppedBytes != each || len(kept) == 0 {
			t.Errorf("conn %d: %d kept + %d dropped, want %d", id, len(kept), info.DroppedBytes, each)
		}
		if len(kept) > 0 && len(bytes.Trim(kept, string(kept[:1]))) != 0 {
			t.Errorf("conn %d keeps bytes of another stream", id)
		}
	}
	if k, _ := st.Kept(); k > 2<<20 {
		t.Errorf("kept %d over the budget", k)
	}
}

package netassist

import (
	"math"
	"slices"
)

// Queries: what views read. Each takes the store's lock once and copies
// out only what was asked for, so a view's cost follows what it draws, not
// what was captured.

// Seq is the sequence number of the latest event; a view can compare it
// with the last one it drew to know whether anything changed.
func (s *Store) Seq() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.seq
}

// Kept is the number of bytes the store holds now and Dropped the number it
// evicted because of the budget.
func (s *Store) Kept() (kept, dropped int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.kept, s.dropped
}

// Totals returns tab's counters.
func (s *Store) Totals(tab Tab) Totals {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.tabs[tab]; t != nil {
		return t.totals
	}
	return Totals{}
}

// Conn returns what is known of connection id.
func (s *Store) Conn(id ConnID) (ConnInfo, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if cs := s.conns[id]; cs != nil {
		return cs.info, true
	}
	return ConnInfo{}, false
}

// LastSender is the connection of tab whose bytes arrived last (0 when
// none has sent anything): the one a conversation is with, which the
// Server tab's follow mode answers. It stays the same after that
// connection closes.
func (s *Store) LastSender(tab Tab) ConnID {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.tabs[tab]; t != nil {
		return t.lastIn
	}
	return 0
}

// ConnCount is the number of connections tab ever had.
func (s *Store) ConnCount(tab Tab) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.tabs[tab]; t != nil {
		return len(t.conns)
	}
	return 0
}

// Conns returns up to n of tab's connections, in ID order, starting at
// position off (so a list view copies only the rows it shows).
func (s *Store) Conns(tab Tab, off, n int) []ConnInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tabs[tab]
	if t == nil || off >= len(t.conns) || n <= 0 {
		return nil
	}
	off = max(off, 0)
	end := min(off+n, len(t.conns))
	out := make([]ConnInfo, 0, end-off)
	for _, cs := range t.conns[off:end] {
		out = append(out, cs.info)
	}
	return out
}

// ConnIndex returns the position of connection id in its tab's list, or -1.
func (s *Store) ConnIndex(id ConnID) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.conns[id]
	if cs == nil {
		return -1
	}
	conns := cs.tab.conns
	lo, hi := 0, len(conns)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if conns[mid].info.ID < id {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// span is where a view reads: one connection's chunks, or a tab's index.
type span struct {
	cs *connState
	t  *tabState
}

// view returns what f reads; ok is false when there is nothing. Called
// with s.mu held.
func (s *Store) view(f Filter) (span, bool) {
	if f.Conn != 0 {
		cs := s.conns[f.Conn]
		return span{cs: cs}, cs != nil
	}
	t := s.tabs[f.Tab]
	return span{t: t}, t != nil
}

// find returns the position of the first chunk with Seq >= seq.
func (v span) find(seq uint64) int {
	if v.cs != nil {
		return v.cs.chunks.search(func(c *storedChunk) bool { return c.Seq < seq })
	}
	return v.t.index.search(func(e *tabEntry) bool { return e.seq() < seq })
}

func (v span) len() int {
	if v.cs != nil {
		return v.cs.chunks.len()
	}
	return v.t.index.len()
}

// at returns the chunk at position i, or nil if it was evicted or, with
// hideSent, is data we sent.
func (v span) at(i int, hideSent bool) *storedChunk {
	if v.cs != nil {
		c := v.cs.chunks.at(i)
		if hideSent && c.Kind == KindData && c.Dir == Out {
			return nil
		}
		return c
	}
	e := v.t.index.at(i)
	if (hideSent && e.sent()) || !e.alive() {
		return nil
	}
	cs, seq := e.cs, e.seq()
	j := cs.chunks.search(func(c *storedChunk) bool { return c.Seq < seq })
	return cs.chunks.at(j)
}

// copyOut returns chunks for a reader, giving slab bytes a copy of their
// own (slabs are reused once evicted), all in one allocation. Called with
// s.mu held.
func copyOut(cs []*storedChunk) []Chunk {
	out := make([]Chunk, len(cs))
	size := 0
	for i, c := range cs {
		if c.slab != nil {
			size += len(c.Data)
		}
		out[i] = c.Chunk
	}
	if size > 0 {
		buf := make([]byte, 0, size)
		for i, c := range cs {
			if c.slab != nil {
				start := len(buf)
				buf = append(buf, c.Data...)
				out[i].Data = buf[start:len(buf):len(buf)]
			}
		}
	}
	return out
}

// After returns up to n chunks of f with Seq >= from, oldest first. The
// chunks f hides (HideSent) are skipped without being copied: the walk is
// linear in what lies between, never bounded short of the n asked for.
func (s *Store) After(f Filter, from uint64, n int) []Chunk {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.view(f)
	if !ok || n <= 0 {
		return nil
	}
	var got []*storedChunk
	for i := v.find(from); i < v.len() && len(got) < n; i++ {
		if c := v.at(i, f.HideSent); c != nil {
			got = append(got, c)
		}
	}
	return copyOut(got)
}

// Before returns up to n chunks of f with Seq < before, the newest ones,
// oldest first. Before(f, math.MaxUint64, n) is the last n chunks.
func (s *Store) Before(f Filter, before uint64, n int) []Chunk {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.view(f)
	if !ok || n <= 0 {
		return nil
	}
	var got []*storedChunk
	for i := v.find(before) - 1; i >= 0 && len(got) < n; i-- {
		if c := v.at(i, f.HideSent); c != nil {
			got = append(got, c)
		}
	}
	slices.Reverse(got)
	return copyOut(got)
}

// Last returns the last n chunks of f, oldest first.
func (s *Store) Last(f Filter, n int) []Chunk { return s.Before(f, math.MaxUint64, n) }

// Count returns how many chunks of f are in memory and the position of the
// first one with Seq >= seq (for a scroll bar).
func (s *Store) Count(f Filter, seq uint64) (n, pos int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.view(f)
	if !ok {
		return 0, 0
	}
	if v.t != nil && v.t.index.len() != v.t.live {
		v.t.compact()
	}
	return v.len(), v.find(seq)
}

// DetailCount is the number of protocol records of tab in memory.
func (s *Store) DetailCount(tab Tab) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.tabs[tab]; t != nil {
		return t.details.len()
	}
	return 0
}

// Details returns up to n protocol records of tab starting at position off.
func (s *Store) Details(tab Tab, off, n int) []DetailRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tabs[tab]
	if t == nil || off < 0 || off >= t.details.len() || n <= 0 {
		return nil
	}
	end := min(off+n, t.details.len())
	out := make([]DetailRecord, 0, end-off)
	for i := off; i < end; i++ {
		d := t.details.at(i)
		out = append(out, DetailRecord{Seq: d.seq, Conn: d.conn, Time: d.time, Detail: d.detail})
	}
	return out
}

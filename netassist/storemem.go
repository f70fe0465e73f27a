package netassist

import "container/heap"

// Memory and eviction: where captured bytes live (slabs), what each
// connection is charged, and who gives up a chunk when the budget is full.

// chunkOverhead is what the store charges for each chunk beyond its bytes,
// so that a flood of one-byte reads cannot grow metadata without bound.
const chunkOverhead = 96

// Slab sizes. Each connection copies its captured bytes into slabs of its
// own, one allocation per slab instead of one per read, growing from
// 1 KiB to the store's largest slab (1 MiB, smaller for small budgets) as
// the connection holds more. A read larger than a quarter of the
// largest slab gets an allocation of its own.
const (
	minSlabShift = 10 // 1 KiB
	maxSlabShift = 20 // 1 MiB
	slabClasses  = maxSlabShift - minSlabShift + 1
	// freePerClass bounds the evicted slabs kept for reuse: this many
	// bytes of each size class, or two slabs of the large ones (about
	// 12 MiB in all).
	freePerClass = 1 << 20
)

// slab is a block that one connection's chunks are copied (or read) into.
// Once every chunk it holds has been evicted it is reused, so a flood
// through a full store allocates nothing and the heap stays near the
// budget (with fresh slabs the garbage collector let it grow to twice the
// budget). Readers get copies of slab bytes (After, Before), never the slab
// itself.
type slab struct {
	buf   []byte // bytes used so far; cap is a power of two
	live  int    // chunks in memory (and reservations) whose bytes are in buf
	class int    // log2(cap) - minSlabShift
}

// storedChunk is a chunk as the store holds it.
type storedChunk struct {
	Chunk
	slab *slab // where Data lives; nil if it has its own allocation (or none)
}

// chargeHeap orders connections by what they are charged, the heaviest
// first (heap.Interface; each connState keeps its position in heapAt).
type chargeHeap []*connState

func (h chargeHeap) Len() int           { return len(h) }
func (h chargeHeap) Less(i, j int) bool { return h[i].charge > h[j].charge }
func (h chargeHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].heapAt, h[j].heapAt = i, j
}

func (h *chargeHeap) Push(x any) {
	cs := x.(*connState)
	cs.heapAt = len(*h)
	*h = append(*h, cs)
}

func (h *chargeHeap) Pop() any {
	old := *h
	n := len(old) - 1
	cs := old[n]
	old[n] = nil
	*h = old[:n]
	cs.heapAt = -1
	return cs
}

// copyBytes copies b into cs's slab memory and returns the copy and its
// slab (nil when a large b gets an allocation of its own). Called with s.mu
// held.
func (s *Store) copyBytes(cs *connState, b []byte) ([]byte, *slab) {
	if len(b) == 0 {
		return nil, nil
	}
	if len(b) > s.maxSlab/4 {
		return append([]byte(nil), b...), nil // charged by addStored
	}
	sl := s.slabFor(cs, len(b))
	start := len(sl.buf)
	sl.buf = append(sl.buf, b...)
	sl.live++
	return sl.buf[start:len(sl.buf):len(sl.buf)], sl
}

// slabFor returns cs's newest slab if n more bytes fit in it, else a new
// one charged to cs. A new slab is about an eighth of what cs holds (1 KiB
// to the largest): unused and half-evicted slab space stays a small part of
// every connection's share, and eviction frees it a slab at a time.
// Called with s.mu held.
func (s *Store) slabFor(cs *connState, n int) *slab {
	if k := cs.slabs.len(); k > 0 {
		last := *cs.slabs.at(k - 1)
		if n <= cap(last.buf)-len(last.buf) {
			return last
		}
	}
	size := 1 << minSlabShift
	for size < s.maxSlab && int64(size) < cs.charge/8 {
		size *= 2
	}
	for size < n {
		size *= 2
	}
	class := 0
	for 1<<(minSlabShift+class) < size {
		class++
	}
	var sl *slab
	if k := len(s.free[class]); k > 0 {
		sl = s.free[class][k-1]
		s.free[class][k-1] = nil
		s.free[class] = s.free[class][:k-1]
		sl.buf = sl.buf[:0]
	} else {
		sl = &slab{buf: make([]byte, 0, size), class: class}
	}
	if cs.slabs == nil {
		cs.slabs = new(ring[*slab])
	}
	cs.slabs.push(sl)
	s.charge(cs, int64(size))
	return sl
}

// trimSlabs frees cs's oldest slabs that no longer hold a chunk in memory
// (or a reservation): connections evict oldest first, so these are at the
// front. Called with s.mu held.
func (s *Store) trimSlabs(cs *connState) {
	for cs.slabs.len() > 0 && (*cs.slabs.front()).live == 0 {
		sl := cs.slabs.popFront()
		size := cap(sl.buf)
		s.charge(cs, -int64(size))
		if f := s.free[sl.class]; len(f) < max(2, freePerClass/size) {
			s.free[sl.class] = append(f, sl)
		}
	}
}

// charge adds delta to what cs is charged, keeping the heap of
// connections by charge in order: a connection is in it while charged
// anything. Called with s.mu held.
func (s *Store) charge(cs *connState, delta int64) {
	cs.charge += delta
	s.kept += delta
	switch {
	case cs.heapAt < 0 && cs.charge > 0:
		heap.Push(&s.heavy, cs)
	case cs.heapAt >= 0 && cs.charge <= 0:
		heap.Remove(&s.heavy, cs.heapAt)
	case cs.heapAt >= 0 && delta != 0:
		heap.Fix(&s.heavy, cs.heapAt)
	}
}

// add appends c, which holds no slab bytes, to the indexes; see addStored.
func (s *Store) add(cs *connState, t *tabState, c Chunk) {
	s.addStored(cs, t, storedChunk{Chunk: c})
}

// addStored appends c to its connection and to the tab's index, then,
// while the budget is exceeded, evicts the oldest chunk of the connection
// charged the most. The chunk just added is never evicted: a view always
// has the newest bytes. Called with s.mu held.
func (s *Store) addStored(cs *connState, t *tabState, c storedChunk) {
	cs.chunks.push(c)
	t.index.push(newTabEntry(&c.Chunk, cs))
	t.live++
	over := int64(chunkOverhead)
	if c.slab == nil {
		over += int64(len(c.Data))
	}
	s.charge(cs, over)
	for s.kept > s.budget {
		v := s.victim(cs)
		if v == nil {
			break
		}
		s.evictOldest(v)
	}
}

// victim is the connection to evict from: the one charged the most that
// has a chunk to give (not counting the chunk just added to newest).
// Called with s.mu held.
func (s *Store) victim(newest *connState) *connState {
	ok := func(cs *connState) bool {
		return cs.chunks.len() > 1 || (cs != newest && cs.chunks.len() > 0)
	}
	h := s.heavy
	if len(h) == 0 {
		return nil
	}
	if ok(h[0]) {
		return h[0]
	}
	// Rare: the heaviest holds only the newest chunk (or only a read in
	// flight). Look further.
	var best *connState
	for _, cs := range h[1:] {
		if ok(cs) && (best == nil || cs.charge > best.charge) {
			best = cs
		}
	}
	return best
}

// evictOldest drops cs's oldest chunk, which must exist. Called with s.mu
// held.
func (s *Store) evictOldest(cs *connState) {
	old := cs.chunks.popFront()
	size := int64(len(old.Data))
	over := int64(chunkOverhead)
	if old.slab == nil {
		over += size
	}
	s.charge(cs, -over)
	s.dropped += size
	t := cs.tab
	t.totals.DroppedBytes += size
	cs.info.DroppedBytes += size
	if sl := old.slab; sl != nil {
		sl.live--
		s.trimSlabs(cs)
	}
	t.live--
	for t.index.len() > 0 && !t.index.front().alive() {
		t.index.popFront()
	}
	if t.index.len() > 2*t.live+64 {
		t.compact()
	}
}

// compact drops the evicted entries of t.index. Called with s.mu held.
func (t *tabState) compact() {
	t.index.filter(func(e *tabEntry) bool { return e.alive() })
}

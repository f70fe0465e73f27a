package netassist

import (
	"math"
	"slices"
	"sync"
	"time"
)

// DefaultMaxCapture is the default in-memory capture budget (DESIGN.md §1).
const DefaultMaxCapture = 64 << 20

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

// Chunk is one entry of a connection's capture: bytes that crossed the
// socket in one read or write, or the connection's opening or closing (so a
// view interleaves them in arrival order). Data is immutable once stored;
// it may alias memory shared with other chunks.
type Chunk struct {
	Seq     uint64 // event sequence number: arrival order across all tabs
	Conn    ConnID
	Time    time.Time
	Kind    Kind // KindOpen, KindData or KindClose
	Dir     Dir
	Data    []byte
	Omitted int64
	// Offset is how many bytes the connection had carried in direction Dir
	// before this chunk (the hex view's offset column).
	Offset int64
	// Note is the remote address (KindOpen) or the close reason and error
	// (KindClose, "peer" or "local: read: connection reset").
	Note string
}

// ConnInfo describes one connection; counters count every byte ever seen,
// whatever the capture budget dropped.
type ConnInfo struct {
	ID            ConnID
	Tab           string
	Local, Remote string
	Opened        time.Time
	Closed        time.Time // zero while open
	Open          bool
	ClosedBy      string // ByPeer or ByLocal once closed
	Err           string // why it closed, if not cleanly
	BytesIn       int64
	BytesOut      int64
	ChunksIn      int64
	ChunksOut     int64
	// DroppedBytes counts this connection's captured bytes that left memory
	// because of the capture budget.
	DroppedBytes int64
}

// Totals are a tab's counters.
type Totals struct {
	Conns        int // connections ever opened
	Open         int // connections open now
	BytesIn      int64
	BytesOut     int64
	DroppedBytes int64 // captured bytes of this tab evicted from memory
}

// Filter selects what a view shows: a tab's chunks, or one connection's.
type Filter struct {
	Tab  string
	Conn ConnID // 0: every connection of Tab
}

// Sink receives every event, in order, before it is visible in the store.
// Sinks are called with the store's lock held: they must not call back into
// the store, must not keep e (copy what they need), and should be quick
// (buffer, then write).
type Sink interface {
	WriteEvent(e *Event)
}

// SinkFunc adapts a function to Sink.
type SinkFunc func(e *Event)

// WriteEvent calls f(e).
func (f SinkFunc) WriteEvent(e *Event) { f(e) }

type connState struct {
	info   ConnInfo
	tab    *tabState
	chunks ring[storedChunk] // this connection's chunks in memory, oldest first
	slabs  ring[*slab]       // slabs holding their bytes, oldest first; the last takes new bytes
	charge int64             // memory charged to it: its slabs, own allocations, chunkOverhead per chunk
	heapAt int               // position in Store.heavy, -1 when charge is 0
}

// tabEntry locates a chunk of a tab: its connection holds it.
type tabEntry struct {
	seq uint64
	cs  *connState
}

// alive reports whether the chunk is still in memory: connections evict
// their own chunks oldest first, so it is unless older than the first.
func (e *tabEntry) alive() bool {
	return e.cs.chunks.len() > 0 && e.seq >= e.cs.chunks.front().Seq
}

type tabState struct {
	totals Totals
	conns  []*connState // every connection of the tab, by ID
	// index lists the tab's chunks in arrival order. Eviction takes chunks
	// from the middle (the heaviest connection's oldest), so it may also
	// hold evicted ones; live counts the others. Evicted entries are
	// dropped from the front at once and from elsewhere in batches.
	index   ring[tabEntry]
	live    int
	details ring[detailEntry]
}

type detailEntry struct {
	seq    uint64
	conn   ConnID
	time   time.Time
	detail Detail
}

// maxDetails bounds the protocol records kept per tab.
const maxDetails = 100_000

// Store is the capture store: the single source of truth for what was
// captured (DESIGN.md §1). It is safe for concurrent use. Writers are the
// engine's connection goroutines; readers are views that ask only for what
// they will draw. It never blocks on readers: it signals them through a
// coalescing channel.
//
// Memory is bounded by the budget, and shared fairly: when it is full, the
// connection charged the most gives up its oldest chunk. A flood therefore
// evicts its own past, not the request a quiet connection sent a moment
// ago. Each connection's bytes live in slabs of its own, so its chunks
// leave memory in order and free whole slabs; what a connection is charged
// is the memory it pins (whole slabs, not just the bytes in them).
type Store struct {
	budget  int64
	maxSlab int           // largest slab: 1 MiB, or budget/16 for small budgets
	changed chan struct{} // cap 1: "something changed since you last looked"

	mu        sync.Mutex // guards everything below
	seq       uint64     // last event sequence number handed out
	nextConn  ConnID
	kept      int64 // bytes charged, all connections
	dropped   int64 // captured bytes evicted, all tabs
	conns     map[ConnID]*connState
	tabs      map[string]*tabState
	sinks     []Sink
	dataEvent Event                // what record hands to the sinks
	heavy     []*connState         // max-heap of connections by charge
	free      [slabClasses][]*slab // evicted slabs by size class, reused before allocating
}

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

// NewStore returns a store that keeps at most budget bytes of captured data
// in memory (DefaultMaxCapture if budget <= 0).
func NewStore(budget int64) *Store {
	if budget <= 0 {
		budget = DefaultMaxCapture
	}
	maxSlab := 1 << maxSlabShift
	for maxSlab > 1<<(minSlabShift+2) && int64(maxSlab) > budget/16 {
		maxSlab >>= 1
	}
	return &Store{
		budget:  budget,
		maxSlab: maxSlab,
		changed: make(chan struct{}, 1),
		conns:   make(map[ConnID]*connState),
		tabs:    make(map[string]*tabState),
	}
}

// Budget is the in-memory capture budget in bytes.
func (s *Store) Budget() int64 { return s.budget }

// Changed is signalled (coalesced) after every change to the store. A view
// waits on it, then reads what it needs.
func (s *Store) Changed() <-chan struct{} { return s.changed }

// AddSink registers a sink for every later event.
func (s *Store) AddSink(k Sink) {
	s.mu.Lock()
	s.sinks = append(s.sinks, k)
	s.mu.Unlock()
}

func (s *Store) notify() {
	select {
	case s.changed <- struct{}{}:
	default:
	}
}

func (s *Store) tab(name string) *tabState {
	t := s.tabs[name]
	if t == nil {
		t = &tabState{}
		s.tabs[name] = t
	}
	return t
}

// emit hands e a sequence number and gives it to every sink. Called with
// s.mu held.
func (s *Store) emit(e *Event) {
	s.seq++
	e.Seq = s.seq
	for _, k := range s.sinks {
		k.WriteEvent(e)
	}
}

// Listen records that a tab's listener is bound to addr.
func (s *Store) Listen(tab, addr string) { s.tabEvent(tab, KindListen, addr, "") }

// Error records a failure that belongs to no connection (a refused dial, a
// port in use).
func (s *Store) Error(tab, msg string) { s.tabEvent(tab, KindError, "", msg) }

func (s *Store) tabEvent(tab string, k Kind, addr, msg string) {
	s.mu.Lock()
	s.tab(tab)
	e := Event{Time: time.Now(), Tab: tab, Kind: k, Addr: addr, Err: msg}
	s.emit(&e)
	s.mu.Unlock()
	s.notify()
}

// Open registers a new connection of tab and returns its ID.
func (s *Store) Open(tab, local, remote string) ConnID {
	now := time.Now()
	s.mu.Lock()
	s.nextConn++
	id := s.nextConn
	t := s.tab(tab)
	cs := &connState{info: ConnInfo{ID: id, Tab: tab, Local: local, Remote: remote, Opened: now, Open: true}, tab: t, heapAt: -1}
	s.conns[id] = cs
	t.conns = append(t.conns, cs)
	t.totals.Conns++
	t.totals.Open++
	e := Event{Time: now, Tab: tab, Kind: KindOpen, Conn: id, Local: local, Remote: remote}
	s.emit(&e)
	s.add(cs, t, Chunk{Seq: e.Seq, Conn: id, Time: now, Kind: KindOpen, Note: remote})
	s.mu.Unlock()
	s.notify()
	return id
}

// Data records bytes that crossed connection id's socket. The store copies
// b; the caller may reuse it. omitted counts bytes that were sent but are
// not in b (a body captured as a prefix).
func (s *Store) Data(id ConnID, dir Dir, b []byte, omitted int64) {
	if len(b) == 0 && omitted == 0 {
		return
	}
	now := time.Now()
	s.mu.Lock()
	cs := s.conns[id]
	if cs == nil {
		s.mu.Unlock()
		return
	}
	data, sl := s.copyBytes(cs, b)
	s.record(cs, now, dir, data, sl, omitted)
	s.mu.Unlock()
	s.notify()
}

// reservation is a region of a slab handed to one reader to read into, so
// a flooding connection's bytes reach the store without a copy.
type reservation struct {
	sl         *slab // nil: a buffer of its own (the connection is unknown)
	own        []byte
	start, end int // the region is sl.buf[start:end]
}

// buf is the region to read into.
func (r reservation) buf() []byte {
	if r.sl == nil {
		return r.own
	}
	return r.sl.buf[r.start:r.end:r.end]
}

// reserve sets aside up to n bytes (at most a quarter of the largest slab)
// of connection id's capture memory for its reader. The region counts as a
// chunk of its slab until dataReserved gives it back or turns it into one.
func (s *Store) reserve(id ConnID, n int) reservation {
	n = min(n, s.maxSlab/4)
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.conns[id]
	if cs == nil {
		return reservation{own: make([]byte, n), end: n}
	}
	sl := s.slabFor(cs, n)
	start := len(sl.buf)
	sl.buf = sl.buf[:start+n]
	sl.live++
	return reservation{sl: sl, start: start, end: start + n}
}

// dataReserved records the first n bytes of r, read by connection id, as
// Data would, without copying them; the rest of r is given back when
// nothing was reserved after it. n == 0 only gives r back.
func (s *Store) dataReserved(id ConnID, dir Dir, r reservation, n int) {
	if r.sl == nil {
		s.Data(id, dir, r.own[:n], 0)
		return
	}
	now := time.Now()
	s.mu.Lock()
	sl := r.sl
	if r.end == len(sl.buf) {
		sl.buf = sl.buf[:r.start+n] // the unused tail goes back to the slab
	}
	cs := s.conns[id]
	if n == 0 || cs == nil {
		sl.live--
		if cs != nil {
			s.trimSlabs(cs)
		}
		s.mu.Unlock()
		return
	}
	s.record(cs, now, dir, sl.buf[r.start:r.start+n:r.start+n], sl, 0)
	s.mu.Unlock()
	s.notify()
}

// record updates the counters, emits the data event and stores the chunk
// whose bytes are data (in slab sl, or nil). Called with s.mu held.
func (s *Store) record(cs *connState, now time.Time, dir Dir, data []byte, sl *slab, omitted int64) {
	id := cs.info.ID
	b := data
	t := s.tab(cs.info.Tab)
	n := int64(len(b)) + omitted
	off := cs.info.BytesOut
	if dir == In {
		off = cs.info.BytesIn
	}
	if dir == In {
		cs.info.BytesIn += n
		cs.info.ChunksIn++
		t.totals.BytesIn += n
	} else {
		cs.info.BytesOut += n
		cs.info.ChunksOut++
		t.totals.BytesOut += n
	}
	// The store's own Event, not a new one each time: sinks do not keep it
	// (an Event escaping to the heap per chunk was a third of the cost).
	e := &s.dataEvent
	*e = Event{Time: now, Tab: cs.info.Tab, Kind: KindData, Conn: id, Dir: dir, Data: data, Omitted: omitted}
	s.emit(e)
	seq := e.Seq
	*e = Event{}
	s.addStored(cs, t, storedChunk{Chunk{Seq: seq, Conn: id, Time: now, Kind: KindData, Dir: dir, Data: data, Omitted: omitted, Offset: off}, sl})
}

// Close records that connection id closed, by ByPeer or ByLocal, with an
// optional error. Closing twice is a no-op.
func (s *Store) Close(id ConnID, by string, err error) {
	now := time.Now()
	s.mu.Lock()
	cs := s.conns[id]
	if cs == nil || !cs.info.Open {
		s.mu.Unlock()
		return
	}
	cs.info.Open = false
	cs.info.Closed = now
	cs.info.ClosedBy = by
	note := by
	if err != nil {
		cs.info.Err = err.Error()
		note += ": " + cs.info.Err
	}
	t := s.tab(cs.info.Tab)
	t.totals.Open--
	e := Event{Time: now, Tab: cs.info.Tab, Kind: KindClose, Conn: id, By: by, Err: cs.info.Err}
	s.emit(&e)
	s.add(cs, t, Chunk{Seq: e.Seq, Conn: id, Time: now, Kind: KindClose, Note: note})
	s.mu.Unlock()
	s.notify()
}

// AddDetail records a protocol record (such as one HTTP exchange) of
// connection id.
func (s *Store) AddDetail(id ConnID, d Detail) {
	now := time.Now()
	s.mu.Lock()
	cs := s.conns[id]
	if cs == nil {
		s.mu.Unlock()
		return
	}
	t := s.tab(cs.info.Tab)
	e := Event{Time: now, Tab: cs.info.Tab, Kind: KindDetail, Conn: id, Detail: d}
	s.emit(&e)
	t.details.push(detailEntry{seq: e.Seq, conn: id, time: now, detail: d})
	if t.details.len() > maxDetails {
		t.details.popFront()
	}
	s.mu.Unlock()
	s.notify()
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
// connections by charge in order. Called with s.mu held.
func (s *Store) charge(cs *connState, delta int64) {
	cs.charge += delta
	s.kept += delta
	switch {
	case cs.heapAt < 0 && cs.charge > 0:
		cs.heapAt = len(s.heavy)
		s.heavy = append(s.heavy, cs)
		s.heapUp(cs.heapAt)
	case cs.heapAt >= 0 && cs.charge <= 0:
		i, last := cs.heapAt, len(s.heavy)-1
		s.heapSwap(i, last)
		s.heavy[last] = nil
		s.heavy = s.heavy[:last]
		cs.heapAt = -1
		if i < last {
			s.heapDown(i)
			s.heapUp(i)
		}
	case delta > 0:
		s.heapUp(cs.heapAt)
	case delta < 0:
		s.heapDown(cs.heapAt)
	}
}

func (s *Store) heapSwap(i, j int) {
	h := s.heavy
	h[i], h[j] = h[j], h[i]
	h[i].heapAt, h[j].heapAt = i, j
}

func (s *Store) heapUp(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if s.heavy[p].charge >= s.heavy[i].charge {
			return
		}
		s.heapSwap(i, p)
		i = p
	}
}

func (s *Store) heapDown(i int) {
	h := s.heavy
	for {
		c := 2*i + 1
		if c >= len(h) {
			return
		}
		if c+1 < len(h) && h[c+1].charge > h[c].charge {
			c++
		}
		if h[i].charge >= h[c].charge {
			return
		}
		s.heapSwap(i, c)
		i = c
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
	t.index.push(tabEntry{seq: c.Seq, cs: cs})
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
	if len(h) == 0 || ok(h[0]) {
		if len(h) == 0 {
			return nil
		}
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
func (s *Store) Totals(tab string) Totals {
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

// ConnCount is the number of connections tab ever had.
func (s *Store) ConnCount(tab string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.tabs[tab]; t != nil {
		return len(t.conns)
	}
	return 0
}

// Conns returns up to n of tab's connections, in ID order, starting at
// position off (so a list view copies only the rows it shows).
func (s *Store) Conns(tab string, off, n int) []ConnInfo {
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
	conns := s.tabs[cs.info.Tab].conns
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
	return v.t.index.search(func(e *tabEntry) bool { return e.seq < seq })
}

func (v span) len() int {
	if v.cs != nil {
		return v.cs.chunks.len()
	}
	return v.t.index.len()
}

// at returns the chunk at position i, or nil if it was evicted.
func (v span) at(i int) *storedChunk {
	if v.cs != nil {
		return v.cs.chunks.at(i)
	}
	e := v.t.index.at(i)
	if !e.alive() {
		return nil
	}
	cs := e.cs
	j := cs.chunks.search(func(c *storedChunk) bool { return c.Seq < e.seq })
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

// After returns up to n chunks of f with Seq >= from, oldest first.
func (s *Store) After(f Filter, from uint64, n int) []Chunk {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.view(f)
	if !ok || n <= 0 {
		return nil
	}
	var got []*storedChunk
	for i := v.find(from); i < v.len() && len(got) < n; i++ {
		if c := v.at(i); c != nil {
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
		if c := v.at(i); c != nil {
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

// DetailRecord is a protocol record as a view reads it.
type DetailRecord struct {
	Seq    uint64
	Conn   ConnID
	Time   time.Time
	Detail Detail
}

// DetailCount is the number of protocol records of tab in memory.
func (s *Store) DetailCount(tab string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.tabs[tab]; t != nil {
		return t.details.len()
	}
	return 0
}

// Details returns up to n protocol records of tab starting at position off.
func (s *Store) Details(tab string, off, n int) []DetailRecord {
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

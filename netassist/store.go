package netassist

import (
	"math"
	"sync"
	"time"
)

// DefaultMaxCapture is the default in-memory capture budget (DESIGN.md §1).
const DefaultMaxCapture = 64 << 20

// chunkOverhead is what the store charges for each chunk beyond its bytes,
// so that a flood of one-byte reads cannot grow metadata without bound.
const chunkOverhead = 96

// slabSize is the size of the blocks captured bytes are copied into: one
// allocation per slab instead of one per read (reads are tiny or large; a
// read larger than a quarter slab gets its own block).
const slabSize = 256 << 10

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
// the store and should be quick (buffer, then write).
type Sink interface {
	WriteEvent(e *Event)
}

// SinkFunc adapts a function to Sink.
type SinkFunc func(e *Event)

// WriteEvent calls f(e).
func (f SinkFunc) WriteEvent(e *Event) { f(e) }

type connState struct {
	info ConnInfo
	seqs ring[uint64] // seqs of this connection's chunks still in memory
}

type tabState struct {
	totals  Totals
	conns   []*connState // every connection of the tab, by ID
	seqs    ring[uint64] // seqs of this tab's chunks still in memory
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
type Store struct {
	budget  int64
	changed chan struct{} // cap 1: "something changed since you last looked"

	mu       sync.Mutex // guards everything below
	seq      uint64     // last event sequence number handed out
	nextConn ConnID
	chunks   ring[storedChunk] // every chunk in memory, oldest first
	kept     int64             // bytes charged for chunks in memory
	dropped  int64             // bytes evicted, all tabs
	conns    map[ConnID]*connState
	tabs     map[string]*tabState
	sinks    []Sink
	cur      *slab   // the slab small chunks are copied into now
	free     []*slab // evicted slabs, reused before allocating
}

// slab is a block that small chunks are copied into. Once every chunk it
// holds has been evicted it is reused, so a flood through a full store
// allocates nothing and the heap stays near the budget (with fresh slabs
// the garbage collector let it grow to twice the budget). Readers get
// copies of slab bytes (After, Before), never the slab itself.
type slab struct {
	buf  []byte // bytes used so far; cap slabSize
	live int    // chunks in memory whose bytes are in buf
}

// maxFreeSlabs bounds the slabs kept for reuse after a burst.
const maxFreeSlabs = 8

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
	return &Store{
		budget:  budget,
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
	cs := &connState{info: ConnInfo{ID: id, Tab: tab, Local: local, Remote: remote, Opened: now, Open: true}}
	s.conns[id] = cs
	t := s.tab(tab)
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
	data, sl := s.copyBytes(b)
	s.record(cs, now, dir, data, sl, omitted)
	s.mu.Unlock()
	s.notify()
}

// reservation is a region of a slab handed to one reader to read into, so
// a flooding connection's bytes reach the store without a copy.
type reservation struct {
	sl         *slab
	start, end int // the region is sl.buf[start:end]
}

// buf is the region to read into.
func (r reservation) buf() []byte { return r.sl.buf[r.start:r.end:r.end] }

// reserve sets aside n bytes (at most slabSize/4) of capture memory for
// one reader. The region counts as a chunk of its slab until
// dataReserved gives it back or turns it into one.
func (s *Store) reserve(n int) reservation {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur == nil || n > cap(s.cur.buf)-len(s.cur.buf) {
		old := s.cur
		s.cur = s.newSlab()
		if old != nil && old.live == 0 {
			s.release(old)
		}
	}
	sl := s.cur
	start := len(sl.buf)
	sl.buf = sl.buf[:start+n]
	sl.live++
	return reservation{sl: sl, start: start, end: start + n}
}

// dataReserved records the first n bytes of r, read by connection id, as
// Data would, without copying them; the rest of r is given back when
// nothing was reserved after it. n == 0 only gives r back.
func (s *Store) dataReserved(id ConnID, dir Dir, r reservation, n int) {
	now := time.Now()
	s.mu.Lock()
	sl := r.sl
	if sl == s.cur && r.end == len(sl.buf) {
		sl.buf = sl.buf[:r.start+n] // the unused tail goes back to the slab
	}
	cs := s.conns[id]
	if n == 0 || cs == nil {
		sl.live--
		if sl.live == 0 && sl != s.cur {
			s.release(sl)
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
	e := Event{Time: now, Tab: cs.info.Tab, Kind: KindData, Conn: id, Dir: dir, Data: data, Omitted: omitted}
	s.emit(&e)
	s.addStored(cs, t, storedChunk{Chunk{Seq: e.Seq, Conn: id, Time: now, Kind: KindData, Dir: dir, Data: data, Omitted: omitted, Offset: off}, sl})
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

// copyBytes copies b into slab memory and returns the copy and its slab
// (nil when a large b gets an allocation of its own). Called with s.mu held.
func (s *Store) copyBytes(b []byte) ([]byte, *slab) {
	if len(b) == 0 {
		return nil, nil
	}
	if len(b) > slabSize/4 {
		return append([]byte(nil), b...), nil
	}
	if s.cur == nil || len(b) > cap(s.cur.buf)-len(s.cur.buf) {
		old := s.cur
		s.cur = s.newSlab()
		if old != nil && old.live == 0 {
			s.release(old)
		}
	}
	sl := s.cur
	start := len(sl.buf)
	sl.buf = append(sl.buf, b...)
	sl.live++
	return sl.buf[start:len(sl.buf):len(sl.buf)], sl
}

// newSlab returns an empty slab, reusing a released one if there is one.
// Called with s.mu held.
func (s *Store) newSlab() *slab {
	if n := len(s.free); n > 0 {
		sl := s.free[n-1]
		s.free[n-1] = nil
		s.free = s.free[:n-1]
		sl.buf = sl.buf[:0]
		return sl
	}
	return &slab{buf: make([]byte, 0, slabSize)}
}

// release makes sl, which holds no chunk in memory and is not the current
// slab, available for reuse. Called with s.mu held.
func (s *Store) release(sl *slab) {
	if len(s.free) < maxFreeSlabs {
		s.free = append(s.free, sl)
	}
}

// add appends c, which holds no slab bytes, to the indexes; see addStored.
func (s *Store) add(cs *connState, t *tabState, c Chunk) {
	s.addStored(cs, t, storedChunk{Chunk: c})
}

// addStored appends c to the global, tab and connection indexes, then
// evicts the oldest chunks while the budget is exceeded. Called with s.mu
// held.
func (s *Store) addStored(cs *connState, t *tabState, c storedChunk) {
	s.chunks.push(c)
	t.seqs.push(c.Seq)
	cs.seqs.push(c.Seq)
	s.kept += int64(len(c.Data)) + chunkOverhead
	for s.kept > s.budget && s.chunks.len() > 1 {
		old := s.chunks.popFront()
		size := int64(len(old.Data))
		s.kept -= size + chunkOverhead
		s.dropped += size
		ocs := s.conns[old.Conn]
		ot := s.tabs[ocs.info.Tab]
		// The oldest chunk overall is also the oldest of its tab and of
		// its connection, so eviction is O(1) in every index.
		ot.seqs.popFront()
		ocs.seqs.popFront()
		ot.totals.DroppedBytes += size
		ocs.info.DroppedBytes += size
		if sl := old.slab; sl != nil {
			sl.live--
			if sl.live == 0 && sl != s.cur {
				s.release(sl)
			}
		}
	}
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

// index returns the seq index a filter reads. Called with s.mu held.
func (s *Store) index(f Filter) *ring[uint64] {
	if f.Conn != 0 {
		if cs := s.conns[f.Conn]; cs != nil {
			return &cs.seqs
		}
		return nil
	}
	if t := s.tabs[f.Tab]; t != nil {
		return &t.seqs
	}
	return nil
}

// chunk returns the chunk with sequence number seq, which must be in
// memory. Called with s.mu held.
func (s *Store) chunk(seq uint64) *storedChunk {
	// Sequence numbers in s.chunks increase but have gaps (events that are
	// not chunks), so search.
	i := s.chunks.search(func(c *storedChunk) bool { return c.Seq < seq })
	return s.chunks.at(i)
}

// copyOut returns chunks of s.chunks for a reader, giving slab bytes a copy
// of their own (slabs are reused once evicted), all in one allocation.
// Called with s.mu held.
func (s *Store) copyOut(idx *ring[uint64], start, end int) []Chunk {
	out := make([]Chunk, 0, max(end-start, 0))
	size := 0
	for i := start; i < end; i++ {
		c := s.chunk(*idx.at(i))
		if c.slab != nil {
			size += len(c.Data)
		}
		out = append(out, c.Chunk)
	}
	if size > 0 {
		buf := make([]byte, 0, size)
		for i := range out {
			// Slab bytes are exactly the non-empty chunks of at most
			// slabSize/4 bytes (larger ones have their own allocation).
			if d := out[i].Data; len(d) > 0 && len(d) <= slabSize/4 {
				start := len(buf)
				buf = append(buf, d...)
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
	idx := s.index(f)
	if idx == nil || n <= 0 {
		return nil
	}
	i := idx.search(func(q *uint64) bool { return *q < from })
	return s.copyOut(idx, i, min(i+n, idx.len()))
}

// Before returns up to n chunks of f with Seq < before, the newest ones,
// oldest first. Before(f, math.MaxUint64, n) is the last n chunks.
func (s *Store) Before(f Filter, before uint64, n int) []Chunk {
	s.mu.Lock()
	defer s.mu.Unlock()
	idx := s.index(f)
	if idx == nil || n <= 0 {
		return nil
	}
	end := idx.search(func(q *uint64) bool { return *q < before })
	return s.copyOut(idx, max(end-n, 0), end)
}

// Last returns the last n chunks of f, oldest first.
func (s *Store) Last(f Filter, n int) []Chunk { return s.Before(f, math.MaxUint64, n) }

// Count returns how many chunks of f are in memory and the position of the
// first one with Seq >= seq (for a scroll bar).
func (s *Store) Count(f Filter, seq uint64) (n, pos int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	idx := s.index(f)
	if idx == nil {
		return 0, 0
	}
	return idx.len(), idx.search(func(q *uint64) bool { return *q < seq })
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

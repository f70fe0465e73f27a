package netassist

import "sync"

// DefaultMaxCapture is the default in-memory capture budget (DESIGN.md §1).
const DefaultMaxCapture = 64 << 20

// Store is the capture store: the single source of truth for what was
// captured (DESIGN.md §1). It is safe for concurrent use. Writers are the
// engine's connection goroutines, through the Record methods
// (storewrite.go); readers are views that ask only for what they will draw
// (storequery.go). It never blocks on readers: it signals them through a
// coalescing channel.
//
// Memory is bounded by the budget, and shared fairly: when it is full, the
// connection charged the most gives up its oldest chunk (storemem.go). A
// flood therefore evicts its own past, not the request a quiet connection
// sent a moment ago. Each connection's bytes live in slabs of its own, so
// its chunks leave memory in order and free whole slabs; what a connection
// is charged is the memory it pins (whole slabs, not just the bytes in
// them).
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
	tabs      map[Tab]*tabState
	sinks     []Sink
	dataEvent Event                // what record hands to the sinks
	heavy     chargeHeap           // max-heap of connections by charge
	free      [slabClasses][]*slab // evicted slabs by size class, reused before allocating
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
		tabs:    make(map[Tab]*tabState),
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

// tab returns the state of tab name, creating it. Called with s.mu held.
func (s *Store) tab(name Tab) *tabState {
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

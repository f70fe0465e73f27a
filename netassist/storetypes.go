package netassist

import "time"

// Chunk is one entry of a connection's capture: bytes that crossed the
// socket in one read or write, or the connection's opening or closing (so a
// view interleaves them in arrival order). Data is immutable once stored;
// it may alias memory shared with other chunks.
type Chunk struct {
	Seq     uint64 // event sequence number: arrival order across all tabs
	Conn    ConnID
	Time    time.Time
	Kind    Kind // KindOpen, KindData, KindEOF or KindClose
	Dir     Dir
	Data    []byte
	Omitted int64
	// Truncated: a datagram larger than the read buffer; Data is its
	// first bytes (Event.Truncated).
	Truncated bool
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
	Tab           Tab
	Local, Remote string
	// TLS is the session of a TLS connection (version, cipher, SNI, ALPN;
	// on the client side the server certificate's fingerprint and
	// names); nil otherwise.
	TLS    *TLSInfo
	Opened time.Time
	// LastIn is when bytes last arrived (zero before any): a UDP peer's
	// last-seen time.
	LastIn time.Time
	Closed time.Time // zero while open
	// Proto is the transport: a UDP peer (ProtoUDP) is "open" from its
	// first datagram until it is forgotten (CloseConn, the socket closed).
	Proto Proto
	Open  bool
	// PeerFinished: the peer sent its FIN (an "eof" event, dir in). The
	// connection may still be open: we can still send.
	PeerFinished bool
	// Finished: we sent our FIN (a half-close; "eof", dir out).
	Finished bool
	ClosedBy CloseBy // zero while open
	Err      string  // why it closed, if not cleanly
	BytesIn  int64
	// BytesOut counts bytes written to the socket: the dir-out chunks'
	// bytes less Unsent.
	BytesOut  int64
	ChunksIn  int64
	ChunksOut int64
	// DroppedBytes counts this connection's captured bytes that left memory
	// because of the capture budget.
	DroppedBytes int64
	// Unsent counts the last bytes recorded as sent (dir out) that were
	// never written: a write cut short by a reset (the close event's
	// "unsent").
	Unsent int64
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
	Tab  Tab
	Conn ConnID // 0: every connection of Tab
	// HideSent makes After and Before skip data we sent (KindData, Out),
	// inside the store: a view with sent data hidden then gets the chunks
	// it draws however many sent ones lie between them, without their
	// bytes being copied out. Count ignores it.
	HideSent bool
}

// DetailRecord is a protocol record as a view reads it.
type DetailRecord struct {
	Seq    uint64
	Conn   ConnID
	Time   time.Time
	Detail Detail
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

// connState is a connection as the store holds it. Guarded by Store.mu.
type connState struct {
	info   ConnInfo
	tab    *tabState
	chunks ring[storedChunk] // this connection's chunks in memory, oldest first
	slabs  *ring[*slab]      // slabs holding their bytes, oldest first; the last takes new bytes (nil before the first: an idle connection has none)
	charge int64             // memory charged to it: its slabs, own allocations, chunkOverhead per chunk
	heapAt int               // position in Store.heavy, -1 when charge is 0
}

// tabEntry locates a chunk of a tab: its connection holds it. key is the
// chunk's Seq shifted left once, its low bit set for data we sent (so a
// view hiding sent data skips it without a look at the connection), which
// keeps the entry at 16 bytes.
type tabEntry struct {
	key uint64
	cs  *connState
}

func newTabEntry(c *Chunk, cs *connState) tabEntry {
	key := c.Seq << 1
	if c.Kind == KindData && c.Dir == Out {
		key |= 1
	}
	return tabEntry{key: key, cs: cs}
}

// seq is the chunk's Seq.
func (e *tabEntry) seq() uint64 { return e.key >> 1 }

// sent reports whether the chunk is data we sent.
func (e *tabEntry) sent() bool { return e.key&1 != 0 }

// alive reports whether the chunk is still in memory: connections evict
// their own chunks oldest first, so it is unless older than the first.
func (e *tabEntry) alive() bool {
	return e.cs.chunks.len() > 0 && e.seq() >= e.cs.chunks.front().Seq
}

// tabState is a tab as the store holds it. Guarded by Store.mu.
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
	// lastIn is the connection whose bytes arrived last (LastSender).
	lastIn ConnID
}

type detailEntry struct {
	seq    uint64
	conn   ConnID
	time   time.Time
	detail Detail
}

// maxDetails bounds the protocol records kept per tab.
const maxDetails = 100_000

package netassist

import (
	"strconv"
	"time"
)

// The write path: the engines record what happens through these methods.
// Each takes the store's lock once, hands the event to the sinks, stores
// what a view needs and signals the views.

// RecordListen records that a tab's listener is bound to addr.
func (s *Store) RecordListen(tab Tab, addr string) { s.RecordListenProto(tab, addr, ProtoTCP, nil) }

// RecordListenProto records that a tab's listener of transport p is bound
// to addr; ti, for TLS, carries the certificate's fingerprint.
func (s *Store) RecordListenProto(tab Tab, addr string, p Proto, ti *TLSInfo) {
	s.mu.Lock()
	s.tab(tab)
	e := Event{Time: time.Now(), Tab: tab, Kind: KindListen, Addr: addr, Proto: p, TLS: ti}
	s.emit(&e)
	s.mu.Unlock()
	s.notify()
}

// RecordError records a failure that belongs to no connection (a refused
// dial, a port in use, a recovered panic).
func (s *Store) RecordError(tab Tab, msg string) { s.tabEvent(tab, KindError, "", msg, false) }

// RecordUnaskedError records an error event that no action of the user's
// led to (Event.Unasked): a peer's failed TLS handshake, a datagram the
// system refused. The same JSON as RecordError's.
func (s *Store) RecordUnaskedError(tab Tab, msg string) { s.tabEvent(tab, KindError, "", msg, true) }

func (s *Store) tabEvent(tab Tab, k Kind, addr, msg string, unasked bool) {
	s.mu.Lock()
	s.tab(tab)
	e := Event{Time: time.Now(), Tab: tab, Kind: k, Addr: addr, Err: msg, Unasked: unasked}
	s.emit(&e)
	s.mu.Unlock()
	s.notify()
}

// RecordOpen registers a new TCP connection of tab and returns its ID.
func (s *Store) RecordOpen(tab Tab, local, remote string) ConnID {
	return s.RecordOpenProto(tab, local, remote, ProtoTCP, nil)
}

// RecordOpenProto registers a new connection (or UDP peer) of tab over
// transport p and returns its ID; ti is a TLS connection's session, after
// its handshake.
func (s *Store) RecordOpenProto(tab Tab, local, remote string, p Proto, ti *TLSInfo) ConnID {
	now := time.Now()
	s.mu.Lock()
	s.nextConn++
	id := s.nextConn
	t := s.tab(tab)
	cs := &connState{info: ConnInfo{ID: id, Tab: tab, Local: local, Remote: remote, Proto: p, TLS: ti, Opened: now, Open: true}, tab: t, heapAt: -1}
	s.conns[id] = cs
	t.conns = append(t.conns, cs)
	t.totals.Conns++
	t.totals.Open++
	e := Event{Time: now, Tab: tab, Kind: KindOpen, Conn: id, Local: local, Remote: remote, Proto: p, TLS: ti}
	s.emit(&e)
	s.add(cs, t, Chunk{Seq: e.Seq, Conn: id, Time: now, Kind: KindOpen, Note: remote})
	s.mu.Unlock()
	s.notify()
	return id
}

// RecordData records bytes that crossed connection id's socket. The store
// copies b; the caller may reuse it. omitted counts bytes that were sent
// but are not in b (a body captured as a prefix).
func (s *Store) RecordData(id ConnID, dir Dir, b []byte, omitted int64) {
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
	s.record(cs, now, dir, data, sl, omitted, false)
	s.mu.Unlock()
	s.notify()
}

// RecordDatagram records one datagram of UDP peer (or connection) id as
// one chunk, never merged with another; truncated says it was larger than
// the read buffer and b is its first bytes. An empty datagram is a data
// event of length 0. The store copies b.
func (s *Store) RecordDatagram(id ConnID, dir Dir, b []byte, truncated bool) {
	now := time.Now()
	s.mu.Lock()
	cs := s.conns[id]
	if cs == nil {
		s.mu.Unlock()
		return
	}
	data, sl := s.copyBytes(cs, b)
	s.record(cs, now, dir, data, sl, 0, truncated)
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
// RecordData would, without copying them; the rest of r is given back when
// nothing was reserved after it. n == 0 only gives r back.
func (s *Store) dataReserved(id ConnID, dir Dir, r reservation, n int) {
	if r.sl == nil {
		s.RecordData(id, dir, r.own[:n], 0)
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
	s.record(cs, now, dir, sl.buf[r.start:r.start+n:r.start+n], sl, 0, false)
	s.mu.Unlock()
	s.notify()
}

// record updates the counters, emits the data event and stores the chunk
// whose bytes are data (in slab sl, or nil). Called with s.mu held.
func (s *Store) record(cs *connState, now time.Time, dir Dir, data []byte, sl *slab, omitted int64, truncated bool) {
	id := cs.info.ID
	t := cs.tab
	n := int64(len(data)) + omitted
	var off int64
	if dir == In {
		off = cs.info.BytesIn
		cs.info.LastIn = now
		cs.info.BytesIn += n
		cs.info.ChunksIn++
		t.totals.BytesIn += n
		if n > 0 {
			t.lastIn = id
		}
	} else {
		off = cs.info.BytesOut
		cs.info.BytesOut += n
		cs.info.ChunksOut++
		t.totals.BytesOut += n
	}
	// The store's own Event, not a new one each time: sinks do not keep it
	// (an Event escaping to the heap per chunk was a third of the cost).
	e := &s.dataEvent
	*e = Event{Time: now, Tab: cs.info.Tab, Kind: KindData, Conn: id, Dir: dir, Data: data, Omitted: omitted, Truncated: truncated}
	s.emit(e)
	seq := e.Seq
	*e = Event{}
	s.addStored(cs, t, storedChunk{Chunk{Seq: seq, Conn: id, Time: now, Kind: KindData, Dir: dir, Data: data, Omitted: omitted, Truncated: truncated, Offset: off}, sl})
}

// RecordEOF records a FIN on open connection id: dir In, the peer
// finished sending; Out, we did (a half-close). The connection stays open
// in the other direction.
func (s *Store) RecordEOF(id ConnID, dir Dir) {
	now := time.Now()
	s.mu.Lock()
	cs := s.conns[id]
	if cs == nil || !cs.info.Open {
		s.mu.Unlock()
		return
	}
	if dir == In {
		cs.info.PeerFinished = true
	} else {
		cs.info.Finished = true
	}
	e := Event{Time: now, Tab: cs.info.Tab, Kind: KindEOF, Conn: id, Dir: dir}
	s.emit(&e)
	s.add(cs, cs.tab, Chunk{Seq: e.Seq, Conn: id, Time: now, Kind: KindEOF, Dir: dir})
	s.mu.Unlock()
	s.notify()
}

// RecordClose records that connection id closed, by whom, with an optional
// error (err's text becomes the event's "err"). Recording a close twice is
// a no-op.
func (s *Store) RecordClose(id ConnID, by CloseBy, err error) { s.RecordCloseUnsent(id, by, err, 0) }

// RecordCloseUnsent is RecordClose for a connection whose last unsent bytes
// recorded as sent (dir out) never left: a write cut short by a reset. The
// close event carries "unsent", ConnInfo.Unsent says it, and the BytesOut
// counters drop by it, so they count bytes written.
func (s *Store) RecordCloseUnsent(id ConnID, by CloseBy, err error, unsent int64) {
	now := time.Now()
	s.mu.Lock()
	cs := s.conns[id]
	if cs == nil || !cs.info.Open {
		s.mu.Unlock()
		return
	}
	t := cs.tab
	cs.info.Open = false
	cs.info.Closed = now
	cs.info.ClosedBy = by
	note := by.String()
	if err != nil {
		cs.info.Err = err.Error()
		note += ": " + cs.info.Err
	}
	if unsent > 0 {
		cs.info.Unsent = unsent
		cs.info.BytesOut -= unsent
		t.totals.BytesOut -= unsent
		note += " (" + strconv.FormatInt(unsent, 10) + " bytes shown as sent were not written)"
	}
	t.totals.Open--
	e := Event{Time: now, Tab: cs.info.Tab, Kind: KindClose, Conn: id, By: by, Err: cs.info.Err, Unsent: unsent}
	s.emit(&e)
	s.add(cs, t, Chunk{Seq: e.Seq, Conn: id, Time: now, Kind: KindClose, Note: note})
	s.mu.Unlock()
	s.notify()
}

// RecordDetail records a protocol record (such as one HTTP exchange) of
// connection id.
func (s *Store) RecordDetail(id ConnID, d Detail) {
	now := time.Now()
	s.mu.Lock()
	cs := s.conns[id]
	if cs == nil {
		s.mu.Unlock()
		return
	}
	t := cs.tab
	e := Event{Time: now, Tab: cs.info.Tab, Kind: KindDetail, Conn: id, Detail: d}
	s.emit(&e)
	t.details.push(detailEntry{seq: e.Seq, conn: id, time: now, detail: d})
	if t.details.len() > maxDetails {
		t.details.popFront()
	}
	s.mu.Unlock()
	s.notify()
}

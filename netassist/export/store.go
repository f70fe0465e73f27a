package export

import (
	"io"

	"github.com/netassist/netassist/netassist"
)

// storeBatch is how many chunks or records a store source copies out of
// the store at a time (each copy takes the store's lock once).
const storeBatch = 256

// AllTabs are the tabs FromStore reads when given none.
var AllTabs = []netassist.Tab{netassist.TabServer, netassist.TabClient, netassist.TabWeb}

// storeSource reads what a store holds, in event order: every tab's
// chunks (open, data, close) and protocol records, merged by sequence
// number.
type storeSource struct {
	st     *netassist.Store
	upto   uint64
	srcs   []*tabReader
	conns  map[netassist.ConnID]netassist.ConnInfo
	item   Item
	report Report
}

// FromStore reads, in the order they happened, the events st still holds
// up to event upto (st.Seq() when the export starts): connections
// opening and closing, data and protocol records of tabs (AllTabs if none
// are given). A store keeps no listen or error events, and past its
// budget only the newest bytes: Report().Dropped says how many are
// missing. Safe to run while capture goes on (a Cmd of the TUI): it reads
// in batches, each under the store's lock for one copy.
func FromStore(st *netassist.Store, upto uint64, tabs ...netassist.Tab) Source {
	if len(tabs) == 0 {
		tabs = AllTabs
	}
	s := &storeSource{st: st, upto: upto, conns: make(map[netassist.ConnID]netassist.ConnInfo), report: Report{Sessions: 1}}
	for _, tab := range tabs {
		s.srcs = append(s.srcs, &tabReader{st: st, tab: tab, upto: upto}, &tabReader{st: st, tab: tab, upto: upto, details: true})
		s.report.Dropped += st.Totals(tab).DroppedBytes
	}
	return s
}

func (s *storeSource) Report() Report { return s.report }

func (s *storeSource) Next() (*Item, error) {
	var best *tabReader
	for _, r := range s.srcs {
		if r.peek() && (best == nil || r.seq() < best.seq()) {
			best = r
		}
	}
	if best == nil {
		return nil, io.EOF
	}
	s.item = Item{Session: 1}
	best.pop(&s.item, s.info)
	s.report.Events++
	return &s.item, nil
}

// info is what the store knows of connection id, asked once.
func (s *storeSource) info(id netassist.ConnID) netassist.ConnInfo {
	ci, ok := s.conns[id]
	if !ok {
		ci, _ = s.st.Conn(id)
		s.conns[id] = ci
	}
	return ci
}

// tabReader reads one tab's chunks or protocol records in batches, in
// sequence order, up to upto.
type tabReader struct {
	st      *netassist.Store
	tab     netassist.Tab
	upto    uint64
	details bool

	next    uint64 // chunks: the next Seq to read
	off     int    // details: the next position to read
	chunks  []netassist.Chunk
	records []netassist.DetailRecord
	done    bool
}

// peek fills the batch if needed and reports whether an event is ready.
func (r *tabReader) peek() bool {
	if r.done {
		return false
	}
	if r.details {
		if len(r.records) == 0 {
			r.records = r.st.Details(r.tab, r.off, storeBatch)
			r.off += len(r.records)
		}
		r.done = len(r.records) == 0 || r.records[0].Seq > r.upto
	} else {
		if len(r.chunks) == 0 {
			r.chunks = r.st.After(netassist.Filter{Tab: r.tab}, r.next, storeBatch)
			if len(r.chunks) > 0 {
				r.next = r.chunks[len(r.chunks)-1].Seq + 1
			}
		}
		r.done = len(r.chunks) == 0 || r.chunks[0].Seq > r.upto
	}
	return !r.done
}

func (r *tabReader) seq() uint64 {
	if r.details {
		return r.records[0].Seq
	}
	return r.chunks[0].Seq
}

// pop moves the next event into it (peek must have reported one).
func (r *tabReader) pop(it *Item, info func(netassist.ConnID) netassist.ConnInfo) {
	e := &it.Event
	if r.details {
		d := r.records[0]
		r.records = r.records[1:]
		*e = netassist.Event{Seq: d.Seq, Time: d.Time, Tab: r.tab, Kind: netassist.KindDetail, Conn: d.Conn, Detail: d.Detail}
		return
	}
	c := r.chunks[0]
	r.chunks = r.chunks[1:]
	*e = netassist.Event{Seq: c.Seq, Time: c.Time, Tab: r.tab, Kind: c.Kind, Conn: c.Conn}
	switch c.Kind {
	case netassist.KindOpen:
		ci := info(c.Conn)
		e.Local, e.Remote, e.Proto, e.TLS = ci.Local, c.Note, ci.Proto, ci.TLS
	case netassist.KindData:
		e.Dir, e.Data, e.Omitted, e.Truncated = c.Dir, c.Data, c.Omitted, c.Truncated
		it.Offset = c.Offset
	case netassist.KindEOF:
		e.Dir = c.Dir
	case netassist.KindClose:
		ci := info(c.Conn)
		e.By, e.Err, e.Unsent = ci.ClosedBy, ci.Err, ci.Unsent
	}
}

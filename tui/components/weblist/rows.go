package weblist

import (
	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
)

// readBatch is how many records one copy out of the store takes.
const readBatch = 256

// rows mirrors the store's Web records as list rows, one per exchange. A
// held request is published twice (httpserve.ReplyHeld at once, the final
// record once answered, with the same exchange ID): the final record
// replaces the snapshot in place, so the row keeps its place and the
// selection stays on it. refresh reads only the records it has not seen,
// so a frame costs what the new records cost, not what the store holds.
// Only the UI goroutine touches it.
type rows struct {
	store *netassist.Store
	recs  []netassist.DetailRecord // recs[i] is row base+i
	base  int                      // rows dropped from the front: rows keep their number
	last  uint64                   // Seq of the newest record read
	held  map[uint64]int           // exchange ID → row of its held snapshot, until the final record
}

func newRows(st *netassist.Store) *rows {
	return &rows{store: st, held: make(map[uint64]int)}
}

// refresh reads the records added since the last call and drops the rows
// whose record left memory.
func (r *rows) refresh() {
	tab := netassist.TabWeb
	n := r.store.DetailCount(tab)
	if n == 0 {
		return
	}
	if top := r.store.Details(tab, n-1, 1); len(top) == 1 && top[0].Seq == r.last {
		return // nothing new (records only leave when new ones come)
	}
	// The first record newer than r.last: records are in Seq order.
	lo, hi := 0, n
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		d := r.store.Details(tab, mid, 1)
		if len(d) == 1 && d[0].Seq <= r.last {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	for pos := lo; pos < n; {
		batch := r.store.Details(tab, pos, readBatch)
		if len(batch) == 0 {
			break
		}
		for _, rec := range batch {
			r.add(rec)
		}
		pos += len(batch)
	}
	if first := r.store.Details(tab, 0, 1); len(first) == 1 {
		for len(r.recs) > 0 && r.recs[0].Seq < first[0].Seq {
			r.dropFront()
		}
	}
}

// add makes rec a row, or puts it in place of its held snapshot.
func (r *rows) add(rec netassist.DetailRecord) {
	r.last = rec.Seq
	ex, isEx := rec.Detail.(*httpserve.Exchange)
	if isEx && ex.Reply != httpserve.ReplyHeld {
		if at, ok := r.held[ex.ID]; ok {
			delete(r.held, ex.ID)
			if at >= r.base {
				r.recs[at-r.base] = rec
				return
			}
		}
	}
	r.recs = append(r.recs, rec)
	if isEx && ex.Reply == httpserve.ReplyHeld {
		r.held[ex.ID] = r.base + len(r.recs) - 1
	}
}

func (r *rows) dropFront() {
	if ex, ok := r.recs[0].Detail.(*httpserve.Exchange); ok && ex.Reply == httpserve.ReplyHeld {
		delete(r.held, ex.ID)
	}
	r.recs[0] = netassist.DetailRecord{}
	r.recs = r.recs[1:]
	r.base++
}

// len is the number of rows; rows are numbered [base, base+len).
func (r *rows) len() int { return len(r.recs) }

// at is row i (absolute number); ok is false for a row not in memory.
func (r *rows) at(i int) (netassist.DetailRecord, bool) {
	if i < r.base || i >= r.base+len(r.recs) {
		return netassist.DetailRecord{}, false
	}
	return r.recs[i-r.base], true
}

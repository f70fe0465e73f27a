package web

import (
	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
)

// maxRespShown bounds the response body bytes the raw pane renders; the
// rest is counted, not drawn (the capture and the exports keep it).
const maxRespShown = 64 << 10

// response is what the server wrote for one exchange, read back from the
// connection's captured outbound bytes: the record is added once its
// response is written, so the response is the last OutBytes bytes sent
// before the record (as the HAR export reads it). Interim 1xx responses
// are part of it, as they were on the wire.
type response struct {
	data    []byte // the bytes kept: the head, then at most the limit asked of body
	offset  int64  // offset of data[0] in the connection's outbound stream
	omitted int64  // sent but never captured (a file sent with sendfile is captured as a prefix)
	hidden  int64  // captured, beyond the limit asked
	evicted int64  // no longer in memory (the capture budget)
}

// readResponse reads ex's response from st, keeping at most limit bytes
// after the head; rec is ex's record. It walks back over the connection's
// chunks from the record, so it costs what the response's chunks cost,
// whatever else the store holds.
func readResponse(st *netassist.Store, rec netassist.DetailRecord, ex *httpserve.Exchange, limit int64) response {
	var r response
	want := ex.OutBytes
	if want <= 0 {
		return r
	}
	f := netassist.Filter{Tab: netassist.TabWeb, Conn: rec.Conn}
	var chunks []netassist.Chunk // newest first
	var got int64
	for before := rec.Seq; got < want; {
		batch := st.Before(f, before, 64)
		if len(batch) == 0 {
			break
		}
		before = batch[0].Seq
		for i := len(batch) - 1; i >= 0 && got < want; i-- {
			c := batch[i]
			if c.Kind != netassist.KindData || c.Dir != netassist.Out {
				continue
			}
			chunks = append(chunks, c)
			got += int64(len(c.Data)) + c.Omitted
		}
	}
	if got < want {
		r.evicted = want - got
	}
	skip := max(got-want, 0) // a first chunk that began before this exchange
	limit += int64(len(ex.RespHead))
	for i := len(chunks) - 1; i >= 0; i-- {
		c := chunks[i]
		data := c.Data
		off := c.Offset
		if skip > 0 {
			n := min(skip, int64(len(data)))
			data, off, skip = data[n:], off+n, skip-n
		}
		if len(r.data) == 0 && r.hidden == 0 {
			r.offset = off
		}
		room := max(limit-int64(len(r.data)), 0)
		keep := min(int64(len(data)), room)
		r.data = append(r.data, data[:keep]...)
		r.hidden += int64(len(data)) - keep
		r.omitted += c.Omitted
	}
	return r
}

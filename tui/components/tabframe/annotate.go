package tabframe

import (
	"github.com/netassist/netassist/tui/common"

	ann "github.com/netassist/netassist/httpserve/annotate"
	"github.com/netassist/netassist/httpserve/wire"
	"github.com/netassist/netassist/netassist"
)

// AnnotateSource is what the annotated view explains in a tab with a
// receive pane (common.Annotatable): the message that holds the receive
// pane's selected chunk and the messages after it in the same direction;
// with no chunk selected, the latest message conn received (conn 0:
// none). Responses come with the methods of the requests they answer.
func (f *Frame) AnnotateSource(st *netassist.Store, conn netassist.ConnID) (src common.AnnotateSrc, ok bool) {
	dir, from := netassist.In, int64(-1) // -1: the latest message
	if c, sel := f.Recv.Selected(); sel && c.Kind == netassist.KindData {
		conn, dir, from = c.Conn, c.Dir, c.Offset
	}
	if conn == 0 {
		return src, false
	}
	b, base, cut := stream(st, f.Name, conn, dir)
	if len(b) == 0 {
		return src, false
	}
	msgs, _, _ := wire.ParseAll(b)
	k := len(msgs) - 1 // the latest
	if from >= 0 {
		k = 0
		for i, m := range msgs {
			if int64(m.Off)+base <= from {
				k = i
			}
		}
	}
	start := 0
	if k >= 0 {
		start = msgs[k].Off
	}
	src = common.AnnotateSrc{Data: b[start:], Cut: cut}
	if wire.IsResponse(src.Data) {
		other := netassist.In
		if dir == netassist.In {
			other = netassist.Out
		}
		req, _, _ := stream(st, f.Name, conn, other)
		all := ann.Methods(req)
		// The k-th response answers the k-th request (of those kept).
		src.Methods = all[min(max(k, 0), len(all)):]
	}
	return src, true
}

// stream joins what conn carried in direction dir, as far as the store
// still holds it without a gap, at most common.MaxAnnotate bytes; base is
// the stream offset of its first byte; cut says the store holds more.
func stream(st *netassist.Store, tab netassist.Tab, conn netassist.ConnID, dir netassist.Dir) (b []byte, base int64, cut bool) {
	const maxAnnotate = common.MaxAnnotate
	f := netassist.Filter{Tab: tab, Conn: conn}
	var seq uint64
	base = -1
	for len(b) < maxAnnotate {
		page := st.After(f, seq, 64)
		if len(page) == 0 {
			break
		}
		for _, c := range page {
			seq = c.Seq + 1
			if c.Kind != netassist.KindData || c.Dir != dir {
				continue
			}
			if len(b) >= maxAnnotate {
				return b, max(base, 0), true // full, and more follows
			}
			if base < 0 {
				base = c.Offset
			} else if c.Offset != base+int64(len(b)) {
				// A gap (the capture budget took bytes): start again after it.
				b, base = b[:0], c.Offset
			}
			take := min(len(c.Data), maxAnnotate-len(b))
			b = append(b, c.Data[:take]...)
			if take < len(c.Data) {
				return b, max(base, 0), true
			}
		}
		if len(b) >= maxAnnotate {
			break
		}
	}
	// Full at a page's end: whether more follows is what the next chunks
	// in dir say (a few pages looked at, not the whole store).
	for range 16 {
		page := st.After(f, seq, 64)
		if len(b) < maxAnnotate || len(page) == 0 {
			break
		}
		for _, c := range page {
			seq = c.Seq + 1
			if c.Kind == netassist.KindData && c.Dir == dir {
				return b, max(base, 0), true
			}
		}
	}
	return b, max(base, 0), false
}

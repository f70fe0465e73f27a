package weblist

import (
	"fmt"
	"strconv"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
)

// rightW is the width of a row's right part: " status encoding  size"
// (the encoding as wide as "identity*!").
const rightW = 1 + 4 + 1 + 10 + 1 + 5

// row is one exchange: time it arrived, exchange ID (and connection when
// there is room), method, path, then status, encoding and bytes sent, or
// "held" and the seconds left while it waits. Everything from the network
// goes through common.Safe.
func (l *Model) row(r netassist.DetailRecord, width int, now time.Time) string {
	ex, ok := r.Detail.(*httpserve.Exchange)
	if !ok {
		return common.Safe(r.Detail.Summary())
	}
	when := r.Time
	if !ex.Start.IsZero() {
		when = ex.Start
	}
	method := ex.Method
	if method == "" {
		method = "?"
	}
	mark := " "
	if l.marked != 0 && ex.ID == l.marked {
		mark = "◆"
	}
	left := mark + fmt.Sprintf("%-*s ", max(l.idW, 4), "#"+strconv.FormatUint(ex.ID, 10))
	if width >= 70 {
		left += fmt.Sprintf("%-*s ", max(l.connW, 4), "c"+strconv.FormatUint(uint64(ex.Conn), 10))
	}
	left += fmt.Sprintf("%-6s ", common.Safe(method))
	if width >= 50 {
		left = when.Format("15:04:05") + left
	}
	right := l.right(ex, now)
	pathW := max(width-1-ansi.StringWidth(left)-ansi.StringWidth(right), 0)
	path := ansi.Truncate(common.Safe(ex.Target), pathW, "…")
	return " " + left + common.PadLine(path, pathW) + right
}

// columns sizes the ID and connection columns for the h rows from the
// offset and the newest row (the widest numbers: both grow with time), so
// "c1111" does not push the method out of its column (breaker report 1,
// nit 3) and the columns hold still while scrolling.
func (l *Model) columns(h int) {
	l.idW, l.connW = 4, 4
	widen := func(r netassist.DetailRecord) {
		if ex, ok := r.Detail.(*httpserve.Exchange); ok {
			l.idW = max(l.idW, 1+len(strconv.FormatUint(ex.ID, 10)))
			l.connW = max(l.connW, 1+len(strconv.FormatUint(uint64(ex.Conn), 10)))
		}
	}
	if r, ok := l.rows.at(l.rows.len() - 1); ok {
		widen(r)
	}
	for i := l.offset; i < l.offset+h; i++ {
		if r, ok := l.rows.at(i); ok {
			widen(r)
		}
	}
}

// right is the row's status part: " 200 gzip*     1.2K", or " held 57s FIN"
// while the request waits for a reply.
func (l *Model) right(ex *httpserve.Exchange, now time.Time) string {
	s, wt := l.c.Styles, &l.c.Text.Web
	if ex.Reply == httpserve.ReplyHeld {
		deadline := ex.Deadline
		h, waiting := l.held[ex.ID]
		if waiting {
			deadline = h.Deadline
		}
		left := max(int((deadline.Sub(now)+time.Second-1)/time.Second), 0)
		state := wt.ListHeld + " " + fmt.Sprintf(wt.TimeLeft, left)
		if waiting && h.HalfClosed {
			state += " " + wt.ListFIN
		}
		return common.PadLine(" "+s.Warning.Render(state), rightW)
	}
	status := "—"
	switch {
	case ex.Status != 0:
		status = strconv.Itoa(ex.Status)
	case ex.Reply == httpserve.ReplyGone:
		status = wt.ListGone
	case ex.Reply == httpserve.ReplyDropped:
		status = wt.ListDropped
	}
	st := s.OK
	switch {
	case ex.Status == 0 || ex.Status >= 500:
		st = s.Error
	case ex.Status >= 400:
		st = s.Warning
	case ex.Status >= 300:
		st = s.Dim
	}
	status = ansi.Truncate(status, 4, "")
	return fmt.Sprintf(" %s %-10s %5s", st.Render(common.PadLine(status, 4)), encodingMark(ex), common.CompactSize(ex.WireBytes))
}

// encodingMark is the coding sent, with * when the server's setting forced
// it and ! when the choice overrode the client (a coding it did not
// accept, or identity though it refused identity): both when both
// ("gzip*!": breaker report 1, nit 2, where the * was lost).
func encodingMark(ex *httpserve.Exchange) string {
	enc := common.Safe(ex.Encoding)
	if enc == "" {
		enc = string(httpserve.EncodingIdentity)
	}
	if ex.Forced {
		enc += "*"
	}
	if ex.Overrode || ex.Forced && !ex.Accepted {
		enc += "!"
	}
	return enc
}

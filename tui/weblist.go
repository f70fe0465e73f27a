package tui

import (
	"fmt"
	"strconv"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/styles"
)

// webList is the Web tab's request list: one row per HTTP exchange
// recorded in the store. Like connList it reads only the rows it shows
// (Store.Details(off, n)), so 100,000 records cost what a screenful does.
// It follows the newest record until the user moves the selection.
type webList struct {
	store  *netassist.Store
	styles *styles.Styles
	text   *i18n.Text

	follow bool
	sel    int    // selected position in the tab's records
	selSeq uint64 // its Seq, to find it again when old records leave memory
	offset int    // first visible position
	width  int
	height int
}

func newWebList(st *netassist.Store, styles *styles.Styles, text *i18n.Text) webList {
	return webList{store: st, styles: styles, text: text, follow: true}
}

func (l *webList) setSize(w, h int) { l.width, l.height = max(w, 0), max(h, 0) }

func (l *webList) count() int { return l.store.DetailCount(netassist.TabWeb) }

// sync puts sel on the newest record (following) or back on the record
// the user chose, whose position shifts when the oldest records leave
// memory. It returns the selected record, if any.
func (l *webList) sync() (netassist.DetailRecord, bool) {
	n := l.count()
	if n == 0 {
		l.sel, l.offset, l.selSeq = 0, 0, 0
		return netassist.DetailRecord{}, false
	}
	if l.follow {
		l.sel = n - 1
	}
	l.sel = min(max(l.sel, 0), n-1)
	rec := l.store.Details(netassist.TabWeb, l.sel, 1)
	if len(rec) == 1 && (l.follow || l.selSeq == 0 || rec[0].Seq == l.selSeq) {
		l.selSeq = rec[0].Seq
		return rec[0], true
	}
	// Records are in Seq order: binary search for the chosen one.
	lo, hi := 0, n
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		r := l.store.Details(netassist.TabWeb, mid, 1)
		if len(r) == 1 && r[0].Seq < l.selSeq {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	l.sel = min(lo, n-1)
	rec = l.store.Details(netassist.TabWeb, l.sel, 1)
	if len(rec) != 1 {
		return netassist.DetailRecord{}, false
	}
	l.selSeq = rec[0].Seq
	return rec[0], true
}

// move changes the selection by d rows; reaching the newest row follows
// new records again.
func (l *webList) move(d int) {
	l.sync()
	n := l.count()
	if n == 0 {
		return
	}
	l.follow = false
	l.sel = min(max(l.sel+d, 0), n-1)
	l.selSeq = 0 // take the record now at sel
	if l.sel == n-1 && d > 0 {
		l.follow = true
	}
	l.sync()
}

func (l *webList) gotoNewest() { l.follow = true }

func (l *webList) scrollToSel() {
	if l.sel < l.offset {
		l.offset = l.sel
	}
	if l.height > 0 && l.sel >= l.offset+l.height {
		l.offset = l.sel - l.height + 1
	}
	l.offset = max(min(l.offset, l.count()-l.height), 0)
}

// position describes the list state for the box title.
func (l *webList) position() string {
	if l.follow {
		return l.text.Following
	}
	return fmt.Sprintf(l.text.Scrolled, l.sel+1, l.count())
}

// view renders at most height rows of width cells.
func (l *webList) view(empty string) []string {
	if l.height <= 0 || l.width <= 0 {
		return nil
	}
	l.sync()
	l.scrollToSel()
	recs := l.store.Details(netassist.TabWeb, l.offset, l.height)
	if len(recs) == 0 {
		return []string{l.styles.Dim.Render(ansi.Truncate(empty, l.width, "…"))}
	}
	out := make([]string, 0, len(recs))
	for i, r := range recs {
		line := common.PadLine(l.row(r), l.width)
		if l.offset+i == l.sel {
			line = l.styles.Selected.Render(ansi.Strip(line))
		}
		out = append(out, line)
	}
	return out
}

// row is one request: time, conn, method, path, status, encoding, bytes.
// Everything from the network goes through safe.
func (l *webList) row(r netassist.DetailRecord) string {
	ex, ok := r.Detail.(*httpserve.Exchange)
	if !ok {
		return common.Safe(r.Detail.Summary())
	}
	s := l.styles
	status := "—"
	if ex.Status != 0 {
		status = strconv.Itoa(ex.Status)
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
	enc := encodingMark(ex)
	right := fmt.Sprintf(" %s %-8s %5s", st.Render(fmt.Sprintf("%3s", status)), enc, common.CompactSize(ex.WireBytes))
	rw := ansi.StringWidth(right)

	method := ex.Method
	if method == "" {
		method = "?"
	}
	left := fmt.Sprintf("#%-3d %-6s ", r.Conn, common.Safe(method))
	if l.width >= 50 {
		left = r.Time.Format("15:04:05") + " " + left
	}
	pathW := max(l.width-1-ansi.StringWidth(left)-rw, 0)
	path := ansi.Truncate(common.Safe(ex.Target), pathW, "…")
	return " " + left + common.PadLine(path, pathW) + right
}

// encodingMark is the coding sent, with * when the server forced it and !
// when the client had not accepted it.
func encodingMark(ex *httpserve.Exchange) string {
	enc := common.Safe(ex.Encoding)
	if enc == "" {
		enc = string(httpserve.EncodingIdentity)
	}
	switch {
	case ex.Forced && !ex.Accepted:
		enc += "!"
	case ex.Forced:
		enc += "*"
	}
	return enc
}

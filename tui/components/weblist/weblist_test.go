package weblist

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// exchanges records n GET requests on one web connection.
func exchanges(st *netassist.Store, n int) {
	id := st.RecordOpen(netassist.TabWeb, "l", "127.0.0.1:5")
	for i := range n {
		st.RecordDetail(id, &httpserve.Exchange{ID: uint64(i + 1), Conn: id, Method: "GET",
			Target: fmt.Sprintf("/page/%d", i+1), Status: 200, Encoding: "gzip", WireBytes: 1536})
	}
}

func TestViewSize(t *testing.T) {
	st := netassist.NewStore(0)
	exchanges(st, 40)
	l := New(common.Default(), st)
	l.MoveBy(-20)
	for _, sz := range tuitest.Sizes {
		l.SetSize(sz[0], sz[1])
		tuitest.CheckSize(t, "weblist", l.View(), sz[0], sz[1])
	}
}

func TestFollowAndSelect(t *testing.T) {
	st := netassist.NewStore(0)
	l := New(common.Default(), st)
	l.SetSize(70, 6)
	l.SetEmpty("No requests yet.")
	if s := ansi.Strip(l.View()); !strings.Contains(s, "Requests 0 · following") || !strings.Contains(s, "No requests yet.") {
		t.Fatalf("empty list:\n%s", s)
	}
	exchanges(st, 6)
	s := ansi.Strip(l.View())
	if !strings.Contains(s, "Requests 6 · following") || !strings.Contains(s, "/page/6") || strings.Contains(s, "/page/1 ") {
		t.Fatalf("following list:\n%s", s)
	}
	if !strings.Contains(s, "#6   GET    /page/6") || !strings.Contains(s, "200  gzip        1.5K") {
		t.Fatalf("row:\n%s", s)
	}
	l.Update(tuitest.Up)
	if rec, ok := l.Sync(); !ok || rec.Detail.(*httpserve.Exchange).ID != 5 {
		t.Fatalf("up selected %+v", rec)
	}
	if s := ansi.Strip(l.View()); !strings.Contains(s, "scrolled 5/6") {
		t.Fatalf("scrolled:\n%s", s)
	}
	exchanges(st, 1) // a new request does not move the selection
	if rec, _ := l.Sync(); rec.Detail.(*httpserve.Exchange).ID != 5 {
		t.Fatal("a new record moved the selection")
	}
	l.Update(tuitest.End)
	if rec, _ := l.Sync(); rec.Detail.(*httpserve.Exchange).ID != 1 || rec.Seq == 0 {
		t.Fatalf("end selected %+v", rec) // the newest: the new connection's first exchange
	}
}

func TestEncodingMark(t *testing.T) {
	for _, c := range []struct {
		ex   httpserve.Exchange
		want string
	}{
		{httpserve.Exchange{}, "identity"},
		{httpserve.Exchange{Encoding: "br", Forced: true, Accepted: true}, "br*"},
		{httpserve.Exchange{Encoding: "br", Forced: true}, "br*!"}, // forced, and the client did not accept it: both marks
		{httpserve.Exchange{Encoding: "identity", Forced: true, Accepted: true}, "identity*"},
		{httpserve.Exchange{Encoding: "identity", Forced: true, Accepted: true, Overrode: true}, "identity*!"},
		{httpserve.Exchange{Encoding: "gzip", Overrode: true}, "gzip!"},
		{httpserve.Exchange{Encoding: "gzip"}, "gzip"},
	} {
		if got := encodingMark(&c.ex); got != c.want {
			t.Errorf("%+v: %q, want %q", c.ex, got, c.want)
		}
	}
}

// Exchange and connection numbers of 4+ digits keep the columns: the
// method and path start at the same cell on every row (breaker report 1,
// nit 3: "#11  c1111 GET" pushed the method one cell right).
func TestColumnsHoldLongNumbers(t *testing.T) {
	st := netassist.NewStore(0)
	for _, n := range []uint64{7, 11, 12345} {
		id := st.RecordOpen(netassist.TabWeb, "l", "127.0.0.1:5")
		for id < netassist.ConnID(n) {
			id = st.RecordOpen(netassist.TabWeb, "l", "127.0.0.1:5")
		}
		st.RecordDetail(id, &httpserve.Exchange{ID: n, Conn: id, Method: "GET", Target: "/x", Status: 200, Encoding: "gzip", Forced: true, WireBytes: 10})
	}
	l := New(common.Default(), st)
	l.SetSize(100, 10)
	var at []int
	for _, row := range strings.Split(ansi.Strip(l.View()), "\n") {
		if i := strings.Index(row, "GET"); i >= 0 {
			at = append(at, ansi.StringWidth(row[:i]))
		}
		if strings.Contains(row, "c12345") && !strings.Contains(row, "#12345") {
			t.Errorf("row %q", row)
		}
	}
	if len(at) != 3 || at[0] != at[1] || at[1] != at[2] {
		t.Fatalf("the method starts at cells %v:\n%s", at, ansi.Strip(l.View()))
	}
}

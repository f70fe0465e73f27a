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
	if !strings.Contains(s, "#6   GET    /page/6") || !strings.Contains(s, "200  gzip       1.5K") {
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
		{httpserve.Exchange{Encoding: "br", Forced: true}, "br!"},
		{httpserve.Exchange{Encoding: "identity", Forced: true, Accepted: true}, "identity*"},
		{httpserve.Exchange{Encoding: "identity", Forced: true, Accepted: true, Overrode: true}, "identity!"},
		{httpserve.Exchange{Encoding: "gzip"}, "gzip"},
	} {
		if got := encodingMark(&c.ex); got != c.want {
			t.Errorf("%+v: %q, want %q", c.ex, got, c.want)
		}
	}
}

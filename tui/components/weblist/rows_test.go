package weblist

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// A held request's snapshot and its final record are one row, in the
// place the request arrived; the countdown and FIN come from the held
// set; the selection stays on the row when the answer replaces it.
func TestHeldAndFinalAreOneRow(t *testing.T) {
	clock := tuitest.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	c := common.Default()
	c.Clock = clock.Now
	st := netassist.NewStore(0)
	conn := st.RecordOpen(netassist.TabWeb, "l", "127.0.0.1:5")
	deadline := clock.Now().Add(42 * time.Second)
	snap := &httpserve.Exchange{ID: 1, Conn: conn, Method: "POST", Target: "/held", Reply: httpserve.ReplyHeld, Deadline: deadline}
	st.RecordDetail(conn, snap)
	st.RecordDetail(conn, &httpserve.Exchange{ID: 2, Conn: conn, Method: "GET", Target: "/after", Status: 200})
	l := New(c, st)
	l.SetSize(90, 6)
	s := ansi.Strip(l.View())
	if !strings.Contains(s, "Requests 2") || !strings.Contains(s, "POST   /held") || !strings.Contains(s, "held 42s") {
		t.Fatalf("held row:\n%s", s)
	}
	l.SetHeld([]httpserve.HeldRequest{{ID: 1, Deadline: deadline, HalfClosed: true}})
	clock.Advance(2 * time.Second)
	if s := ansi.Strip(l.View()); !strings.Contains(s, "held 40s FIN") {
		t.Fatalf("countdown and FIN:\n%s", s)
	}
	l.Update(tuitest.Up) // select the held row
	if rec, _ := l.Sync(); rec.Detail != snap {
		t.Fatalf("selected %+v", rec.Detail)
	}
	final := &httpserve.Exchange{ID: 1, Conn: conn, Method: "POST", Target: "/held", Status: 200, Reply: httpserve.ReplyCrafted, Encoding: "identity"}
	st.RecordDetail(conn, final)
	l.SetHeld(nil)
	s = ansi.Strip(l.View())
	if rec, _ := l.Sync(); rec.Detail != final {
		t.Fatalf("the selection left the answered row: %+v", rec.Detail)
	}
	if !strings.Contains(s, "Requests 2 · scrolled 1/2") || strings.Contains(s, "held 4") || strings.Index(s, "/held") > strings.Index(s, "/after") {
		t.Fatalf("answered row not in the held row's place:\n%s", s)
	}
}

// Rows whose records left the store's memory leave the list; the
// selection and the count follow.
func TestRowsFollowEviction(t *testing.T) {
	st := netassist.NewStore(0)
	conn := st.RecordOpen(netassist.TabWeb, "l", "127.0.0.1:5")
	const over = 10
	for i := range 100_000 + over {
		st.RecordDetail(conn, &httpserve.Exchange{ID: uint64(i + 1), Conn: conn, Method: "GET", Target: "/", Status: 200})
	}
	l := New(common.Default(), st)
	l.SetSize(80, 10)
	l.View()
	l.MoveToTop()
	rec, _ := l.Sync()
	if n := l.Count(); n != st.DetailCount(netassist.TabWeb) || rec.Detail.(*httpserve.Exchange).ID != over+1 {
		t.Fatalf("%d rows, first %d", n, rec.Detail.(*httpserve.Exchange).ID)
	}
	for i := range 5 {
		st.RecordDetail(conn, &httpserve.Exchange{ID: uint64(100_000 + over + i + 1), Conn: conn, Method: "GET", Target: "/", Status: 200})
	}
	rec, _ = l.Sync()
	if n := l.Count(); n != 100_000 || rec.Detail.(*httpserve.Exchange).ID != over+6 {
		t.Fatalf("after eviction: %d rows, selected %d", n, rec.Detail.(*httpserve.Exchange).ID)
	}
}

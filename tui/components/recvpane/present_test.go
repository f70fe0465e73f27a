package recvpane

import (
	"strings"
	"testing"
	"time"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// The presenter highlight (issue 15 item 3): the newest bytes are drawn in
// the new style for the time asked, by Common's clock, then as usual; the
// tick keeps coming while it is on and stops when it is turned off.
func TestHighlightNewBytes(t *testing.T) {
	clock := tuitest.NewClock(time.Now())
	st := netassist.NewStore(0)
	id := st.RecordOpen(netassist.TabServer, "l", "r")
	st.RecordData(id, netassist.In, []byte("old bytes\r\n"), 0)
	p := testPane(st)
	p.c.Clock = clock.Now
	newOpen := strings.SplitN(p.newStyle().Render("x"), "x", 2)[0]
	shownNew := func(sub string) bool {
		for _, l := range strings.Split(p.View(), "\n") {
			if strings.Contains(l, sub) {
				return strings.Contains(l, newOpen)
			}
		}
		t.Fatalf("%q not on screen", sub)
		return false
	}
	if shownNew("old bytes") {
		t.Fatal("highlighted while off")
	}
	cmd := p.SetHighlightNew(3 * time.Second)
	if cmd == nil {
		t.Fatal("no tick")
	}
	if !shownNew("old bytes") {
		t.Fatal("bytes of a moment ago are not highlighted")
	}
	// The store stamps chunks with the real time: place the fake clock
	// relative to those stamps.
	st.RecordData(id, netassist.In, []byte("new bytes\r\n"), 0)
	last := st.Last(netassist.Filter{Conn: id}, 1)[0].Time
	clock.Set(last.Add(1500 * time.Millisecond))
	if !shownNew("new bytes") {
		t.Fatal("bytes of 1.5s ago are not highlighted")
	}
	clock.Set(last.Add(3500 * time.Millisecond))
	if shownNew("new bytes") || shownNew("old bytes") {
		t.Fatal("still highlighted after its time")
	}
	msg := cmd().(TickMsg)
	if p.Update(msg) == nil {
		t.Fatal("the tick stopped while highlighting is on")
	}
	p.SetHighlightNew(0)
	if p.Update(msg) != nil {
		t.Fatal("a tick of the earlier setting went on")
	}
}

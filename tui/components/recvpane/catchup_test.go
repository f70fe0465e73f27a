package recvpane

import (
	"fmt"
	"strings"
	"testing"

	"github.com/netassist/netassist/netassist"
)

// markers records n one-line chunks "M<i>" from i on; each is drawn as two
// lines (its header and the data).
func markers(st *netassist.Store, id netassist.ConnID, from, n int) {
	for i := from; i < from+n; i++ {
		st.RecordData(id, netassist.In, fmt.Appendf(nil, "M%03d|", i), 0)
	}
}

// seenIn marks the markers frame shows.
func seenIn(frame string, seen map[int]bool) {
	for _, f := range strings.Split(frame, "\n") {
		var i int
		if _, err := fmt.Sscanf(strings.TrimSpace(f), "M%03d|", &i); err == nil {
			seen[i] = true
		}
	}
}

// A burst of up to catchUpScreens screens between two frames is shown a
// screen a frame, in order, until the newest; every line is on screen
// once.
func TestFollowCatchesUp(t *testing.T) {
	st := netassist.NewStore(0)
	id := st.RecordOpen(netassist.TabServer, "l", "r")
	p := testPane(st) // 10 lines
	markers(st, id, 0, 2)
	seen := map[int]bool{}
	seenIn(paneText(p), seen)
	markers(st, id, 2, 15) // 30 lines: three screens at once
	frames := 0
	for !seen[16] {
		if frames++; frames > 10 {
			t.Fatalf("the newest marker not shown after %d frames", frames)
		}
		seenIn(paneText(p), seen)
		if !p.Following() {
			t.Fatal("catching up left follow mode")
		}
	}
	for i := range 17 {
		if !seen[i] {
			t.Errorf("marker %d was never on screen", i)
		}
	}
	if frames < 3 {
		t.Errorf("caught up in %d frames: it jumped", frames)
	}
	// Caught up, the frame is the plain newest screen again.
	if s := paneText(p); !strings.Contains(s, "M016|") {
		t.Fatalf("after catching up:\n%s", s)
	}
}

// More than catchUpScreens screens at once is a flood: the pane jumps to
// the newest lines.
func TestFollowJumpsPastAFlood(t *testing.T) {
	st := netassist.NewStore(0)
	id := st.RecordOpen(netassist.TabServer, "l", "r")
	p := testPane(st)
	markers(st, id, 0, 2)
	paneText(p)
	markers(st, id, 2, 100) // 200 lines
	s := paneText(p)
	if !strings.Contains(s, "M101|") || strings.Contains(s, "M002|") {
		t.Fatalf("want the newest after a flood:\n%s", s)
	}
	// A big chunk the same way, without being drawn first (the check on
	// bytes refuses it).
	st.RecordData(id, netassist.In, []byte(strings.Repeat("x", 1<<20)+"END"), 0)
	if s := paneText(p); !strings.Contains(s, "END") {
		t.Fatalf("want the newest after a big chunk:\n%s", s)
	}
}

// Scrolling up while catching up starts from what the frame showed.
func TestScrollUpWhileCatchingUp(t *testing.T) {
	st := netassist.NewStore(0)
	id := st.RecordOpen(netassist.TabServer, "l", "r")
	p := testPane(st)
	markers(st, id, 0, 2)
	paneText(p)
	markers(st, id, 2, 15)
	s := paneText(p)
	if !p.caughtUp {
		t.Fatalf("no catch-up frame:\n%s", s)
	}
	p.MoveBy(-1)
	after := paneText(p)
	var first int
	seen := map[int]bool{}
	seenIn(after, seen)
	first = 1000
	for i := range seen {
		first = min(first, i)
	}
	if first > 3 {
		t.Fatalf("scrolled up to marker %d, want the frame's top (about M002):\nbefore:\n%s\nafter:\n%s", first, s, after)
	}
}

// A pane that showed nothing yet catches up from the first line.
func TestFollowCatchesUpFromEmpty(t *testing.T) {
	st := netassist.NewStore(0)
	p := testPane(st)
	paneText(p) // empty
	id := st.RecordOpen(netassist.TabServer, "l", "r")
	markers(st, id, 0, 12) // about 2.5 screens
	seen := map[int]bool{}
	for frames := 0; !seen[11]; frames++ {
		if frames > 10 {
			t.Fatal("the newest marker never shown")
		}
		seenIn(paneText(p), seen)
	}
	for i := range 12 {
		if !seen[i] {
			t.Errorf("marker %d was never on screen", i)
		}
	}
}

// A catch-up frame asks for the next one (Common.Again): with no more
// bytes coming, nothing else would draw the rest of the burst. The frame
// that reaches the newest does not ask.
func TestCatchUpAsksForTheNextFrame(t *testing.T) {
	st := netassist.NewStore(0)
	id := st.RecordOpen(netassist.TabServer, "l", "r")
	p := testPane(st) // 10 lines
	markers(st, id, 0, 2)
	paneText(p)
	asked := func() bool {
		select {
		case <-p.c.Again:
			return true
		default:
			return false
		}
	}
	if asked() {
		t.Fatal("a frame showing the newest asked for another")
	}
	markers(st, id, 2, 15) // three screens at once
	seen := map[int]bool{}
	for frames := 1; !seen[16]; frames++ {
		if frames > 10 {
			t.Fatal("the newest marker not shown")
		}
		seenIn(paneText(p), seen)
		if !asked() && !seen[16] {
			t.Fatalf("catch-up frame %d did not ask for the next", frames)
		}
	}
	paneText(p)
	if asked() {
		t.Fatal("caught up, a frame still asks for another")
	}
}

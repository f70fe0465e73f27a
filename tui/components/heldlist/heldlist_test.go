package heldlist

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

func held(now time.Time, n int) []httpserve.HeldRequest {
	var out []httpserve.HeldRequest
	for i := range n {
		out = append(out, httpserve.HeldRequest{ID: uint64(i + 1), Conn: 3, Method: "GET", Target: "/held",
			Since: now, Deadline: now.Add(time.Duration(60-i*25) * time.Second)})
	}
	return out
}

func TestViewSize(t *testing.T) {
	clock := tuitest.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	c := common.Default()
	c.Clock = clock.Now
	l := New(c)
	l.Set(held(clock.Now(), 3))
	for _, sz := range tuitest.Sizes {
		l.SetSize(sz[0], sz[1])
		tuitest.CheckSize(t, "heldlist", l.View(), sz[0], sz[1])
	}
}

// The countdown follows the clock; the selection stays on its request
// while others come and go.
func TestCountdownAndSelection(t *testing.T) {
	clock := tuitest.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	c := common.Default()
	c.Clock = clock.Now
	l := New(c)
	l.SetSize(40, 6)
	if s := ansi.Strip(l.View()); !strings.Contains(s, "Held (0)") || !strings.Contains(s, "hold is off") {
		t.Fatalf("empty, hold off:\n%s", s)
	}
	l.SetHold(true)
	if s := ansi.Strip(l.View()); !strings.Contains(s, "nothing held: requests wait here") {
		t.Fatalf("empty, hold on:\n%s", s)
	}
	items := held(clock.Now(), 3)
	l.Set(items)
	row := regexp.MustCompile(`#1 c3 GET /held\s+60s`)
	if s := ansi.Strip(l.View()); !row.MatchString(s) || !strings.Contains(s, "#3 c3 GET /held") || !strings.Contains(s, " 10s") {
		t.Fatalf("held:\n%s", s)
	}
	clock.Advance(1500 * time.Millisecond)
	if s := ansi.Strip(l.View()); !strings.Contains(s, " 59s") || !strings.Contains(s, " 9s") {
		t.Fatalf("after 1.5s:\n%s", s)
	}
	l.Update(tuitest.Down)
	if h, _ := l.Selected(); h.ID != 2 {
		t.Fatalf("selected #%d", h.ID)
	}
	l.Set(items[1:]) // #1 was answered: #2 stays selected
	if h, _ := l.Selected(); h.ID != 2 {
		t.Fatalf("after #1 left, selected #%d", h.ID)
	}
	l.Set(nil)
	if _, ok := l.Selected(); ok || l.Len() != 0 {
		t.Fatal("selected in an empty list")
	}
}

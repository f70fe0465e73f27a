package server

import (
	"bytes"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// chunksIn is how many reads the Server tab's connections made, in all.
func chunksIn(st *netassist.Store) int64 {
	var n int64
	for off := 0; ; off += 256 {
		cs := st.Conns(netassist.TabServer, off, 256)
		if len(cs) == 0 {
			return n
		}
		for _, c := range cs {
			n += c.ChunksIn
		}
	}
}

// Search (issue 15 item 6) on real sockets: a marker sent 10,000 reads ago
// on one of 100 connections is found from the receive pane, in text and in
// hex, while a flood runs on another, and frames go on being drawn.
func TestRecvSearchFindsAnOldMarkerUnderAFlood(t *testing.T) {
	h := newHarness(t, 120, 40)
	conns := make([]net.Conn, 100)
	for i := range conns {
		conns[i] = h.dial()
	}
	h.WaitScreen("100 connections", func(string) bool { return h.store.Totals(netassist.TabServer).Conns == 100 })
	const marker = "MARKER-7d3f"
	if _, err := conns[36].Write([]byte("GET /" + marker + " HTTP/1.1\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	h.WaitScreen("the marker read", func(string) bool { return chunksIn(h.store) == 1 })
	filler := []byte("filler: a line that is not it\r\n")
	for i := 0; chunksIn(h.store) < 10_001; i++ {
		if _, err := conns[i%100].Write(filler); err != nil {
			t.Fatal(err)
		}
		if i%100 == 99 {
			// Let the reads land before the next round on the same
			// connections, so each write is a read of its own.
			want := int64(i + 2)
			tuitest.WaitFor(t, "reads counted", func() bool { return chunksIn(h.store) >= want })
		}
	}

	// The flood: connection #100 sends about 4 MB/s until the test ends
	// (a text search reads about 100 MB/s, ten times less under -race on
	// a busy machine; BenchmarkSearchFrame measures a full 64 MiB store).
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		block := bytes.Repeat([]byte("flood-bytes "), 64<<10/12)
		tick := time.NewTicker(15 * time.Millisecond) // pacing, not an assertion
		defer tick.Stop()
		for range tick.C {
			select {
			case <-stop:
				return
			default:
			}
			conns[99].SetWriteDeadline(time.Now().Add(time.Second))
			if _, err := conns[99].Write(block); err != nil {
				select {
				case <-stop:
					return
				default:
				}
			}
		}
	}()
	defer func() { close(stop); wg.Wait() }()
	h.Contains("flood-bytes")

	h.Key(tuitest.Tab) // send → receive
	h.Contains("v select a chunk")
	for _, q := range []string{marker, "x:4d 41 52 4b 45 52 2d 37 64 33 66"} {
		h.Key(tuitest.Plain('/'))
		h.Type(q)
		before := h.Frames()
		h.Key(tuitest.Enter)
		// The search reads all the store holds: under -race on a busy
		// machine that can take longer than a screen wait. It has ended
		// when the pane's title shows the query without "searching…" (the
		// query is the title's last part: no space after it).
		title := "· /" + q
		tuitest.WaitWithin(t, 90*time.Second, "the search for "+q+" to end", func() bool {
			scr := h.Screen()
			return strings.Contains(scr, title) && !strings.Contains(scr, "searching…")
		})
		h.StatusShows("match on #37 ◀ in at byte 5 of its stream")
		h.Contains("GET /" + marker)
		// Frames went on while it searched and go on after.
		if h.Frames() <= before {
			t.Fatal("no frame drawn during the search")
		}
		n := h.Frames()
		h.WaitScreen("frames under the flood", func(string) bool { return h.Frames() > n+3 })
		h.Key(tuitest.End) // follow again for the next query
		// The flood scrolls the marker away: seeing it again proves the
		// next search found it (its status reads as this one's).
		h.Gone("GET /" + marker)
	}
	h.Quit()
}

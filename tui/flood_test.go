package tui

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/internal/tuitest"
	"github.com/netassist/netassist/tui/tabs/server"
)

// The receive pane never drops bytes from its view of the store: while
// one connection floods the Server tab (a small capture budget, so the
// store evicts all the time), every marker a second connection sends
// shows in a frame. The probe sends a burst of markers, then waits for a
// frame showing the burst's last one. A burst of 30 is about two screens
// of the pane: frames may coalesce, and follow mode must then catch up a
// screen at a time rather than jump to the newest (recvpane's catchup.go),
// so a marker that never shows was dropped by the pane (or the store).
func TestFloodNeverLosesMarker(t *testing.T) {
	const (
		markers = 150
		burst   = 30
	)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st := netassist.NewStore(4 << 20)
	srv := &netassist.Server{Store: st}
	addr, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()

	fc, err := net.Dial("tcp", addr.String())
	if err != nil {
		t.Fatal(err)
	}
	defer fc.Close()
	var wg sync.WaitGroup
	defer wg.Wait()
	defer fc.Close() // stops the flood (deferred calls run last first)
	wg.Add(1)
	go func() {
		defer wg.Done()
		buf := []byte(strings.Repeat("flood flood flood\n", 64<<10/18))
		for {
			if _, err := fc.Write(buf); err != nil {
				return
			}
		}
	}()

	pc, err := net.Dial("tcp", addr.String())
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	var probeID netassist.ConnID
	tuitest.WaitFor(t, "the probe connection", func() bool {
		for _, c := range st.Conns(netassist.TabServer, 0, 10) {
			if c.Remote == pc.LocalAddr().String() {
				probeID = c.ID
			}
		}
		return probeID != 0
	})
	m := New(Config{Store: st, Server: srv, IsDark: true, Context: ctx})
	m = update(m, tea.WindowSizeMsg{Width: benchW, Height: benchH})
	m.tabs[tabServer].(*server.Model).Select(probeID)

	m.View() // the pane, before the probe sends anything

	seen := make([]bool, markers)
	next := 0              // the first marker not sent yet
	var deadline time.Time // for the last burst to show
	for next < markers || !seen[markers-1] {
		if next > 0 && time.Now().After(deadline) {
			t.Errorf("marker %d not shown within 10 s of its write (flood on another connection)", next-1)
			break
		}
		if next == 0 || seen[next-1] {
			deadline = time.Now().Add(10 * time.Second)
			// The last burst showed whole: send the next one, a write each.
			for end := min(next+burst, markers); next < end; next++ {
				if _, err := fmt.Fprintf(pc, "MARK%06d\n", next); err != nil {
					t.Fatal(err)
				}
			}
		}
		select { // a frame when the store changed (the flood keeps it changing)
		case <-st.Changed():
		case <-time.After(100 * time.Millisecond):
		}
		frame := ansi.Strip(m.View().Content)
		for _, sm := range markRE.FindAllStringSubmatch(frame, -1) {
			if i, _ := strconv.Atoi(sm[1]); i < markers {
				seen[i] = true
			}
		}
	}
	for i, ok := range seen {
		if !ok {
			t.Errorf("marker %d was never on screen", i)
		}
	}
	if kept, dropped := st.Kept(); dropped == 0 {
		t.Logf("the flood evicted nothing (kept %d): the budget was not under pressure", kept)
	}
}

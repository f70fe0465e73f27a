package server

import (
	"strings"
	"testing"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/autoreply"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// In presenter mode the tab is exactly its size at every size, whichever
// pane is zoomed (the rules view too), and back out of it as well.
func TestPresentViewSize(t *testing.T) {
	t.Parallel()
	st := netassist.NewStore(0)
	tab := New(common.Default(), Config{Server: &netassist.Server{Store: st}, Store: st, Addr: "127.0.0.1:0", Rules: &autoreply.Active{}})
	id := st.RecordOpen(netassist.TabServer, "l", "127.0.0.1:9")
	st.RecordData(id, netassist.In, []byte(strings.Repeat("data\r\n", 40)), 0)
	tab.SetPresent(true)
	for _, step := range []string{"send", "recv", "conns", "addr", "rules", "off"} {
		switch step {
		case "rules":
			tab.Update(tuitest.F5)
		case "off":
			tab.Update(tuitest.F5)
			tab.SetPresent(false)
		case "send":
		default:
			tab.Update(tuitest.Tab)
		}
		for _, sz := range tuitest.Sizes {
			tab.SetSize(sz[0], sz[1])
			tuitest.CheckSize(t, "server tab, presenting "+step, tab.View(), sz[0], sz[1])
		}
	}
}

package tui

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist"
)

// A frame must not cost more with many connections held (issue 13: 100,000
// idle connections, a frame in <= 2 ms): the connection list and the
// status are drawn from O(1) counters and the visible rows only. The store
// holds 100,000 open, silent connections, as the idle target of make bench
// has the engine hold them.

const idleConns = 100_000

var (
	idleStoreOnce sync.Once
	idleStore     *netassist.Store
)

// idleFilledStore returns the shared store with 100,000 open connections,
// each having sent one short line.
func idleFilledStore() *netassist.Store {
	idleStoreOnce.Do(func() {
		st := netassist.NewStore(0)
		for i := range idleConns {
			id := st.RecordOpen(netassist.TabServer, "127.0.0.1:7890", fmt.Sprintf("127.1.%d.%d:%d", i/5000/250, i/5000%250+1, 30000+i%5000))
			if i%1000 == 0 {
				st.RecordData(id, netassist.In, []byte("hello\n"), 0)
			}
		}
		idleStore = st
	})
	return idleStore
}

// BenchmarkServerViewIdle100k is one frame of the Server tab with 100,000
// open connections in the store.
func BenchmarkServerViewIdle100k(b *testing.B) {
	m, _ := benchModel(idleFilledStore())
	checkIdleFrame(b, m)
	for b.Loop() {
		m.View()
	}
}

// BenchmarkConnListEndIdle100k jumps the connection list between its first
// and its last row (key through Update) and draws the frame.
func BenchmarkConnListEndIdle100k(b *testing.B) {
	m, _ := benchModel(idleFilledStore())
	m = update(m, tea.KeyPressMsg{Code: tea.KeyTab}) // send → receive
	m = update(m, tea.KeyPressMsg{Code: tea.KeyTab}) // → connections
	keys := []tea.KeyPressMsg{{Code: tea.KeyEnd}, {Code: tea.KeyHome}}
	m.View()
	i := 0
	for b.Loop() {
		m = update(m, keys[i%2])
		i++
		m.View()
	}
	m = update(m, keys[0])
	if frame := ansi.Strip(m.View().Content); !strings.Contains(frame, fmt.Sprintf("#%d", idleConns)) {
		b.Fatalf("End did not show the last connection:\n%s", frame)
	}
}

func checkIdleFrame(b *testing.B, m Model) {
	frame := ansi.Strip(m.View().Content)
	if !strings.Contains(frame, fmt.Sprint(idleConns)) {
		b.Fatalf("frame does not show 100000 connections:\n%s", frame)
	}
	if n := strings.Count(frame, "\n") + 1; n != benchH {
		b.Fatalf("frame has %d lines, want %d", n, benchH)
	}
}

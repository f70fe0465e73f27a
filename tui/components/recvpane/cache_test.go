package recvpane

import (
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/netassist/netassist/netassist"
)

// Under a flood every frame draws new pieces; what the pane holds stays
// bounded by its size (issue 13), and a frame copies one chunk out of the
// store, not a screen's worth.
func TestCacheBoundedUnderFlood(t *testing.T) {
	st := netassist.NewStore(1 << 30)
	id := st.RecordOpen(netassist.TabServer, "l", "r")
	data := make([]byte, 256<<10)
	rand.NewChaCha8([32]byte{3}).Read(data)
	p := testPane(st)
	most := 0
	for i := range 400 {
		st.RecordData(id, netassist.In, data, 0)
		p.View()
		if i%3 == 0 {
			p.MoveBy(-5) // scrolled back a little, then following again
			p.View()
			p.MoveToBottom()
		}
		most = max(most, p.cacheBytes)
	}
	if limit := p.cacheBudget() + 1<<20; most > limit {
		t.Fatalf("the cache held %d bytes, more than its budget %d and a frame", most, limit)
	}
	if most < minCacheBytes/2 {
		t.Fatalf("the cache held only %d bytes: is it used?", most)
	}
	before := copiedBytes(t, func() { st.RecordData(id, netassist.In, data, 0); p.View() })
	after := copiedBytes(t, func() { p.View() })
	if before > 3<<20 || after > 1<<20 {
		t.Fatalf("a frame allocated %d bytes with a new chunk, %d without", before, after)
	}
}

// copiedBytes is what f allocates, measured by the runtime.
func copiedBytes(t *testing.T, f func()) uint64 {
	t.Helper()
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

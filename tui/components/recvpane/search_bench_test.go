package recvpane

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/search"
)

// BenchmarkSearchFrame is one frame of the receive pane (a new chunk
// arrives, the pane follows it) over a store holding 64 MiB, with and
// without a search running through all of it at the same time, in a loop,
// as a search Cmd runs off the UI goroutine (issue 15 item 6: a search
// through 64 MiB never delays a frame). It reports the mean frame
// (ns/op), the 99th percentile and the worst (p99-ms, max-ms), and the
// searches done (searches).
func BenchmarkSearchFrame(b *testing.B) {
	st := netassist.NewStore(64 << 20)
	rng := rand.New(rand.NewPCG(1, 2))
	ids := make([]netassist.ConnID, 100)
	for i := range ids {
		ids[i] = st.RecordOpen(netassist.TabServer, "l", "r")
	}
	line := []byte(strings.Repeat("GET /some/path HTTP/1.1\r\nHost: example\r\n\r\n", 30))
	for kept, _ := st.Kept(); kept < 63<<20; kept, _ = st.Kept() {
		st.RecordData(ids[rng.IntN(len(ids))], netassist.In, line, 0)
	}
	for _, searching := range []bool{false, true} {
		name := "idle"
		if searching {
			name = "searching"
		}
		b.Run(name, func(b *testing.B) {
			ctx, cancel := context.WithCancel(context.Background())
			var wg sync.WaitGroup
			var searches int
			if searching {
				wg.Add(1)
				go func() {
					defer wg.Done()
					req := search.Request{Filter: netassist.Filter{Tab: netassist.TabServer}, Query: search.Query{Text: "not-in-the-capture"}, From: search.End, Backward: true}
					for ctx.Err() == nil {
						req.Run(ctx, st)
						searches++
					}
				}()
			}
			p := testPane(st)
			var frames []time.Duration
			for b.Loop() {
				st.RecordData(ids[0], netassist.In, line[:200], 0)
				t0 := time.Now()
				p.View()
				frames = append(frames, time.Since(t0))
			}
			cancel()
			wg.Wait()
			slices.Sort(frames)
			ms := func(d time.Duration) float64 { return float64(d) / 1e6 }
			b.ReportMetric(ms(frames[len(frames)*99/100]), "p99-ms")
			b.ReportMetric(ms(frames[len(frames)-1]), "max-ms")
			if searching {
				b.ReportMetric(float64(searches), "searches")
			}
		})
	}
}

package main

import (
	"fmt"
	"strconv"
	"time"
)

// idleRun is one server holding cfg.conns idle connections.
type idleRun struct {
	base, held, after stats
}

// targetIdle opens cfg.conns silent connections (from a separate client
// process) to a bare Go server and to the engine, interleaved, and
// compares RSS while held; then drops them all and compares goroutines
// and memory with the server's own baseline.
func targetIdle(cfg *config) []result {
	runs := map[string][]idleRun{}
	for rep := 0; rep < cfg.reps; rep++ {
		for k := range 2 {
			kind := [2]string{"bare", "engine"}[(k+rep)%2]
			r, err := runIdle(kind, cfg.conns)
			if err != nil {
				return []result{{"3 idle conns", "error: " + err.Error(), "runs", false}}
			}
			logf("idle %-6s rep %d: RSS %d → %d → %d KiB, heap %d → %d → %d KiB, goroutines %d → %d → %d",
				kind, rep+1, r.base.RSS, r.held.RSS, r.after.RSS, r.base.HeapInuse>>10, r.held.HeapInuse>>10, r.after.HeapInuse>>10,
				r.base.Goroutines, r.held.Goroutines, r.after.Goroutines)
			runs[kind] = append(runs[kind], r)
		}
	}
	med := func(kind string, f func(idleRun) float64) float64 {
		var xs []float64
		for _, r := range runs[kind] {
			xs = append(xs, f(r))
		}
		return median(xs)
	}
	held := func(r idleRun) float64 { return float64(r.held.RSS) / 1024 }
	b, e := med("bare", held), med("engine", held)
	// Back at baseline: every goroutine gone, and what stays in the heap
	// beyond what the bare server keeps is the store's record of the
	// connections (ConnInfo, open and close chunks: counters never drop),
	// bounded at 2 KiB per connection ever opened.
	backG := true
	for _, r := range runs["engine"] {
		if r.after.Goroutines > r.base.Goroutines {
			backG = false
		}
	}
	heapAfter := func(r idleRun) float64 {
		return float64(int64(r.after.HeapInuse)-int64(r.base.HeapInuse)) / 1024 / 1024
	}
	rssAfter := func(r idleRun) float64 { return float64(r.after.RSS-r.base.RSS) / 1024 }
	eh, bh := med("engine", heapAfter), med("bare", heapAfter)
	perConn := (eh - bh) * 1024 * 1024 / float64(cfg.conns)
	g := runs["engine"][0]
	return []result{
		{
			name:   "3 idle conns RSS",
			figure: fmt.Sprintf("%.2fx (engine %.1f vs bare %.1f MiB holding %d)", e/b, e, b, cfg.conns),
			target: "<= 1.30x", pass: e/b <= 1.3,
		},
		{
			name: "3 idle conns dropped",
			figure: fmt.Sprintf("goroutines %d->%d->%d; heap +%.1f MiB after (bare +%.1f: store keeps %.0f B/conn); RSS +%.1f (bare +%.1f)",
				g.base.Goroutines, g.held.Goroutines, g.after.Goroutines, eh, bh, perConn, med("engine", rssAfter), med("bare", rssAfter)),
			target: "goroutines=base, <=2KiB/conn", pass: backG && perConn <= 2048,
		},
	}
}

func runIdle(kind string, n int) (idleRun, error) {
	var r idleRun
	srv, err := startChild("-mode", "idle-"+kind)
	if err != nil {
		return r, err
	}
	defer srv.stop()
	if r.base, err = srv.stats("gc"); err != nil {
		return r, err
	}
	cl, err := startChild("-mode", "idle-clients", "-addr", srv.Addr, "-n", strconv.Itoa(n))
	if err != nil {
		return r, err
	}
	defer cl.stop()
	if err := waitOpen(srv, n); err != nil {
		return r, err
	}
	if r.held, err = srv.stats("gc"); err != nil {
		return r, err
	}
	if _, err := cl.ask("close", 60*time.Second); err != nil {
		return r, err
	}
	if err := waitOpen(srv, 0); err != nil {
		return r, err
	}
	r.after, err = srv.stats("gc")
	return r, err
}

func waitOpen(srv *child, n int) error {
	deadline := time.Now().Add(60 * time.Second)
	for {
		s, err := srv.stats("stats")
		if err != nil {
			return err
		}
		if s.Open == n {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%d connections open, want %d", s.Open, n)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

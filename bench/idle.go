package main

import (
	"fmt"
	"strconv"
	"syscall"
	"time"
)

// idleRun is one server holding cfg.conns idle connections.
type idleRun struct {
	base, held, after stats
}

// Idle connections come from client processes (each holds one descriptor
// per connection, so their number is bounded by RLIMIT_NOFILE too), each
// connection bound to a source address of 127.0.0.0/8 so the ephemeral
// ports of one address (about 28,000) never run out: connection i of the
// run comes from 127.1.(k/250).(k%250+1) with k = i/connsPerSource.
const (
	connsPerSource = 5000
	// fdSpare is what a process keeps for itself beyond its connections
	// (listener, pipes, the runtime's, netassist's own reserve is 256).
	fdSpare = 300
)

// idleCapacity is how many connections one process can hold here: the
// hard RLIMIT_NOFILE (soft limits are raised to it; raising the hard
// one needs CAP_SYS_RESOURCE) less a spare.
func idleCapacity() int {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return 1000
	}
	return int(min(lim.Max, 1<<30)) - fdSpare
}

// sourceIP is the source address of connection i.
func sourceIP(i int) string {
	k := i / connsPerSource
	return fmt.Sprintf("127.1.%d.%d", k/250, k%250+1)
}

// targetIdle opens cfg.conns silent connections (from client processes)
// to a bare Go server and to the engine, interleaved, and compares RSS
// while held; then drops them all and compares goroutines and memory with
// the server's own baseline. The count is capped at what one process may
// hold here (said on the line when it is).
func targetIdle(cfg *config) []result {
	n, capNote := cfg.conns, ""
	if c := idleCapacity(); n > c {
		n = c
		capNote = fmt.Sprintf("; %d asked, RLIMIT_NOFILE hard limit allows %d per process here", cfg.conns, c+fdSpare)
		logf("idle: %d connections, not %d: the hard limit on open files is %d (raising it needs CAP_SYS_RESOURCE)", n, cfg.conns, c+fdSpare)
	}
	runs := map[string][]idleRun{}
	for rep := 0; rep < cfg.reps; rep++ {
		for k := range 2 {
			kind := [2]string{"bare", "engine"}[(k+rep)%2]
			start := time.Now()
			r, err := runIdle(kind, n)
			if err != nil {
				return []result{{"3 idle conns", "error: " + err.Error(), "runs", false}}
			}
			logf("idle %-6s rep %d: RSS %d → %d → %d KiB, heap %d → %d → %d KiB, stacks %d KiB held, goroutines %d → %d → %d (%v)",
				kind, rep+1, r.base.RSS, r.held.RSS, r.after.RSS, r.base.HeapInuse>>10, r.held.HeapInuse>>10, r.after.HeapInuse>>10, r.held.StackInuse>>10,
				r.base.Goroutines, r.held.Goroutines, r.after.Goroutines, time.Since(start).Round(100*time.Millisecond))
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
	perConn := (eh - bh) * 1024 * 1024 / float64(n)
	g := runs["engine"][0]
	return []result{
		{
			name:   "3 idle conns RSS",
			figure: fmt.Sprintf("%.2fx (engine %.1f vs bare %.1f MiB holding %d%s)", e/b, e, b, n, capNote),
			target: "<= 1.25x", pass: e/b <= 1.25,
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
	// Client processes, each holding what one process may.
	per := idleCapacity()
	var clients []*child
	defer func() {
		for _, cl := range clients {
			cl.stop()
		}
	}()
	for first := 0; first < n; first += per {
		k := min(per, n-first)
		cl, err := startChild("-mode", "idle-clients", "-addr", srv.Addr, "-n", strconv.Itoa(k), "-first", strconv.Itoa(first))
		if err != nil {
			return r, err
		}
		clients = append(clients, cl)
	}
	if err := waitOpen(srv, n); err != nil {
		return r, err
	}
	if r.held, err = srv.stats("gc"); err != nil {
		return r, err
	}
	for _, cl := range clients {
		if _, err := cl.ask("close", 60*time.Second); err != nil {
			return r, err
		}
	}
	if err := waitOpen(srv, 0); err != nil {
		return r, err
	}
	r.after, err = srv.stats("gc")
	return r, err
}

// waitOpen waits until srv has n connections open (a minute, and a
// second more per thousand).
func waitOpen(srv *child, n int) error {
	deadline := time.Now().Add(60*time.Second + time.Duration(n/1000)*time.Second)
	for {
		s, err := srv.stats("open")
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

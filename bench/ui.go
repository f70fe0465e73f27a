package main

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
)

// targetUI runs the UI benchmarks of tui/*_test.go, and the receive
// pane's big-chunk frame (tui/components/recvpane), with go test and reads
// their figures.
func targetUI(cfg *config) []result {
	var out []byte
	for _, run := range [][2]string{{"./tui", "."}, {"./tui/components/recvpane", "^BenchmarkViewNewBigChunk$"}} {
		cmd := exec.Command("go", "test", "-run", "^$", "-bench", run[1], "-benchtime", cfg.uiTime,
			"-count", strconv.Itoa(cfg.reps), run[0])
		cmd.Dir = cfg.repo
		cmd.Stderr = os.Stderr
		o, err := cmd.Output()
		if err != nil {
			return []result{{"4 ui", "go test -bench " + run[0] + ": " + err.Error(), "runs", false}}
		}
		out = append(out, o...)
	}
	logf("ui benchmarks:\n%s", out)
	// metric[bench][unit] = values over -count runs
	metric := map[string]map[string][]float64{}
	line := regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+(.*)$`)
	for _, l := range strings.Split(string(out), "\n") {
		m := line.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil {
			continue
		}
		f := strings.Fields(m[2])
		for i := 0; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			if metric[m[1]] == nil {
				metric[m[1]] = map[string][]float64{}
			}
			metric[m[1]][f[i+1]] = append(metric[m[1]][f[i+1]], v)
		}
	}
	get := func(bench, unit string) float64 { return median(metric[bench][unit]) }
	ms := func(bench string) float64 { return get(bench, "ns/op") / 1e6 }
	view, fresh, big := ms("BenchmarkServerView"), ms("BenchmarkServerViewNewChunk"), ms("BenchmarkViewNewBigChunk")
	scroll, list := ms("BenchmarkServerScroll"), ms("BenchmarkConnListScroll")
	idleView, idleEnd := ms("BenchmarkServerViewIdle100k"), ms("BenchmarkConnListEndIdle100k")
	lat := "BenchmarkFrameLatency/budget=1GiB"
	latDef := "BenchmarkFrameLatency/budget=default"
	return []result{
		{"4 ui View, 1 GiB/10k conns", fmt.Sprintf("%.2f ms (warm cache; a new chunk drawn: 16 KiB %.2f ms, 256 KiB binary %.2f ms)", view, fresh, big), "<= 2 ms", view <= 2},
		{"3 idle ui frame, 100k conns", fmt.Sprintf("%.2f ms (Server tab View, 100,000 open connections in the store; list to its end and back: %.2f ms)", idleView, idleEnd), "<= 2 ms", idleView <= 2 && idleEnd <= 2},
		{"4 ui scroll one line", fmt.Sprintf("%.2f ms (key + View; conn list one row: %.2f ms)", scroll, list), "<= 1 ms", scroll <= 1},
		{"4 ui bytes on screen p99", fmt.Sprintf("%.0f ms (p50 %.0f ms, %.0f frames/s, flood %.1f GB/s, %g missed; budget 1 GiB)",
			get(lat, "p99-ms"), get(lat, "p50-ms"), get(lat, "frames/s"), get(lat, "flood-GB/s"), get(lat, "missed")), "<= 100 ms", get(lat, "p99-ms") <= 100},
		{"4 ui flood, default budget", fmt.Sprintf("%g of 300 markers evicted before any frame (p50 %.0f ms of those shown)",
			get(latDef, "missed"), get(latDef, "p50-ms")), "0 missed", get(latDef, "missed") == 0},
	}
}

package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// floodResult is one flood run (or one run of the bare JSON Lines writer).
type floodResult struct {
	gbps     float64 // flood GB/s (1e9 bytes) until the server closed (and, writing a file, until it was written)
	jsonGBps float64 // GB/s of JSON Lines written to the file, if one was
	cpuPGB   float64 // the server's CPU-seconds per GB of flood (of JSON: jsonl-bare)
	hwmMiB   float64
	st       stats
}

// floodKinds are the runs of targets 2 and 5, each its own process:
//
//	bare           a bare 64 KiB read loop (the receive baseline)
//	engine         netassist.Server on a Store (what the Server tab runs)
//	record         engine + a --record file (netassist.OpenRecordFile)
//	headless       the binary, server --headless --format jsonl, stdout to a file
//	headless-null  the same with stdout to /dev/null
//	jsonl-bare     the bare JSON Lines writer, formatting as it goes (jsonlbare.go)
//	write-bare     the same bytes, formatted before: the file system alone
func runFlood(kind string, cfg *config, block []byte, out string) (floodResult, error) {
	var r floodResult
	var ch *child
	var hl *headless
	var err error
	switch kind {
	case "bare":
		ch, err = startChild("-mode", "recv-bare")
	case "engine":
		ch, err = startChild("-mode", "recv-engine")
	case "record":
		ch, err = startChild("-mode", "recv-engine", "-record", out)
	case "jsonl-bare", "write-bare":
		ch, err = startChild("-mode", kind, "-record", out, "-n", strconv.FormatInt(cfg.n, 10))
	case "headless":
		hl, err = startHeadless(cfg.bin, out)
	case "headless-null":
		hl, err = startHeadless(cfg.bin, os.DevNull)
	default:
		err = fmt.Errorf("unknown flood kind %q", kind)
	}
	if err != nil {
		return r, err
	}
	if kind == "jsonl-bare" || kind == "write-bare" {
		defer ch.stop()
		cpu0 := cpuSeconds(ch.Pid())
		s, err := ch.stats("write")
		if err != nil {
			return r, err
		}
		r.jsonGBps = float64(s.Written) / float64(s.Nanos)
		r.cpuPGB = (cpuSeconds(ch.Pid()) - cpu0) / (float64(s.Written) / 1e9)
		r.hwmMiB, r.st = float64(s.HWM)/1024, s
		return r, nil
	}
	var pid int
	var addr string
	if ch != nil {
		defer ch.stop()
		pid, addr = ch.Pid(), ch.Addr
	} else {
		defer func() {
			if hl.cmd.ProcessState == nil {
				hl.kill()
			}
		}()
		pid, addr = hl.Pid(), hl.Addr
	}
	cpu0 := cpuSeconds(pid)
	start := time.Now()
	if _, err := flood(addr, cfg.n, block); err != nil {
		return r, fmt.Errorf("%s: %w", kind, err)
	}
	var written int64
	var cpu float64
	switch {
	case kind == "record":
		// Until the record holds it all.
		s, err := ch.stats("flush")
		if err != nil {
			return r, err
		}
		written = s.Written
	case hl != nil:
		// Until the binary has written it all and exited (a few ms; the
		// CPU of the exit is not counted).
		_, hwm := memKiB(pid)
		r.hwmMiB = float64(hwm) / 1024
		cpu = cpuSeconds(pid) - cpu0
		if err := hl.stop(); err != nil {
			return r, fmt.Errorf("headless exit: %w", err)
		}
		if fi, err := os.Stat(out); err == nil && out != os.DevNull {
			written = fi.Size()
		}
	}
	d := time.Since(start)
	if ch != nil {
		cpu = cpuSeconds(pid) - cpu0
	}
	r.gbps = float64(cfg.n) / d.Seconds() / 1e9
	r.jsonGBps = float64(written) / d.Seconds() / 1e9
	r.cpuPGB = cpu / (float64(cfg.n) / 1e9)
	if ch != nil {
		// The client sees EOF when the socket closes, a moment before
		// the store records the close.
		for deadline := time.Now().Add(2 * time.Second); ; time.Sleep(5 * time.Millisecond) {
			r.st, err = ch.stats("stats")
			if err != nil {
				return r, err
			}
			if r.st.Open == 0 || time.Now().After(deadline) {
				break
			}
		}
		r.hwmMiB = float64(r.st.HWM) / 1024
	}
	return r, nil
}

// targetFlood measures targets 2 (receive, --record) and 5 (headless
// jsonl) in one interleaved series of the flood kinds (runFlood).
func targetFlood(cfg *config, want map[string]bool) []result {
	block := floodData()
	kinds := []string{"bare"}
	if want["recv"] {
		kinds = append(kinds, "engine", "record")
	}
	if want["headless"] {
		kinds = append(kinds, "headless", "headless-null")
	}
	if want["recv"] || want["headless"] {
		kinds = append(kinds, "jsonl-bare", "write-bare")
	}
	res := map[string][]floodResult{}
	paths := map[string]string{
		"record":     filepath.Join(cfg.tmp, "netassist-bench-record.jsonl"),
		"headless":   filepath.Join(cfg.tmp, "netassist-bench-headless.jsonl"),
		"jsonl-bare": filepath.Join(cfg.tmp, "netassist-bench-bare.jsonl"),
		"write-bare": filepath.Join(cfg.tmp, "netassist-bench-bare.jsonl"),
	}
	for _, p := range paths {
		defer os.Remove(p)
	}
	checks := map[string]string{}
	var fail []result
	// Each repetition runs every kind once, in a new order (seeded, so
	// runs are alike): a run right after another's big file was deleted
	// finds the kernel's free pages warm, so no kind may always follow
	// the same neighbour.
	shuffle := rand.New(rand.NewPCG(1, 2))
	for rep := 0; rep < cfg.reps; rep++ {
		order := slices.Clone(kinds)
		shuffle.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, kind := range order {
			out := paths[kind]
			r, err := runFlood(kind, cfg, block, out)
			if err != nil {
				fail = append(fail, result{name: "flood " + kind, figure: "error: " + err.Error(), target: "runs", pass: false})
				continue
			}
			if kind == "jsonl-bare" || kind == "write-bare" {
				logf("flood %-8s rep %d: writes %.2f GB/s of JSON to %s, %.2f CPU-s/GB of JSON", kind, rep+1, r.jsonGBps, cfg.tmp, r.cpuPGB)
			} else {
				json := ""
				if r.jsonGBps > 0 {
					json = fmt.Sprintf(" (%.2f GB/s of JSON)", r.jsonGBps)
				}
				logf("flood %-8s rep %d: %.2f GB/s%s, %.2f CPU-s/GB, peak RSS %.0f MiB", kind, rep+1, r.gbps, json, r.cpuPGB, r.hwmMiB)
			}
			res[kind] = append(res[kind], r)
			if (kind == "record" || kind == "headless") && rep == cfg.reps-1 {
				checks[kind] = checkJSONL(out, cfg.n, block)
			}
			if out != "" {
				os.Remove(out)
			}
		}
	}
	if len(fail) > 0 {
		return fail
	}
	med := func(kind string, f func(floodResult) float64) float64 {
		var xs []float64
		for _, r := range res[kind] {
			xs = append(xs, f(r))
		}
		return median(xs)
	}
	gb := func(r floodResult) float64 { return r.gbps }
	js := func(r floodResult) float64 { return r.jsonGBps }
	cpu := func(r floodResult) float64 { return r.cpuPGB }
	bare := med("bare", gb)
	ceiling, fsOnly := med("jsonl-bare", js), med("write-bare", js)
	ceilingNote := fmt.Sprintf("bare JSON Lines writer %.2f GB/s to %s", ceiling, cfg.tmp)
	// fs is the same figure against the file system alone.
	fs := func(v float64) string {
		return fmt.Sprintf("; %.2fx of writing pre-formatted bytes, %.2f GB/s", v/fsOnly, fsOnly)
	}
	var out []result
	size := fmt.Sprintf("%.1f GiB", float64(cfg.n)/(1<<30))
	if want["recv"] {
		eng := med("engine", gb)
		out = append(out, result{
			name:   "2 recv throughput",
			figure: fmt.Sprintf("%.2fx (engine %.2f vs bare %.2f GB/s; CPU %.2f vs %.2f s/GB; %s)", eng/bare, eng, bare, med("engine", cpu), med("bare", cpu), size),
			target: ">= 0.90x", pass: eng/bare >= 0.9,
		})
		var hwm float64
		exact := true
		for _, r := range res["engine"] {
			hwm = max(hwm, r.hwmMiB)
			if r.st.BytesIn != cfg.n || r.st.ConnBytes != cfg.n || r.st.Conns != 1 || r.st.Open != 0 {
				exact = false
				logf("engine counters: %+v, want %d bytes in 1 closed conn", r.st, cfg.n)
			}
		}
		budget := float64(64) // MiB, netassist.DefaultMaxCapture
		bareHWM := 0.0
		for _, r := range res["bare"] {
			bareHWM = max(bareHWM, r.hwmMiB)
		}
		out = append(out, result{
			name:   "2 recv peak RSS",
			figure: fmt.Sprintf("%.0f MiB (bare %.0f MiB; budget 64 MiB)", hwm, bareHWM),
			target: "<= 128 MiB", pass: hwm <= budget+64,
		})
		out = append(out, result{
			name:   "2 recv counters exact",
			figure: fmt.Sprintf("%v (%d bytes in, %d runs)", exact, cfg.n, len(res["engine"])),
			target: "exact", pass: exact,
		})
		c := checks["record"]
		out = append(out, result{
			name:   "2 recv --record lossless",
			figure: c,
			target: "bytes+crc32c equal", pass: strings.HasPrefix(c, "equal"),
		})
		rec := med("record", js)
		out = append(out, result{
			name: "2 recv --record speed",
			figure: fmt.Sprintf("%.2fx (writes %.2f GB/s of JSON; %s%s; flood %.2f GB/s, CPU %.2f s/GB)",
				rec/ceiling, rec, ceilingNote, fs(rec), med("record", gb), med("record", cpu)),
			target: ">= 0.80x", pass: rec/ceiling >= 0.8,
		})
	}
	if want["headless"] {
		hl := med("headless", js)
		c := checks["headless"]
		out = append(out, result{
			name: "5 headless jsonl to file",
			figure: fmt.Sprintf("%.2fx (writes %.2f GB/s of JSON; %s%s; flood %.2f GB/s, CPU %.2f s/GB; output %s)",
				hl/ceiling, hl, ceilingNote, fs(hl), med("headless", gb), med("headless", cpu), c),
			target: ">= 0.80x", pass: hl/ceiling >= 0.8 && strings.HasPrefix(c, "equal"),
		})
		null := med("headless-null", gb)
		out = append(out, result{
			name:   "5 headless to /dev/null",
			figure: fmt.Sprintf("%.2fx bare read loop (%.2f GB/s: all its work but the file system's; CPU %.2f s/GB)", null/bare, null, med("headless-null", cpu)),
			target: "info", pass: true,
		})
	}
	return out
}

// Command bench measures netassist against bare Go, in the same run, on
// loopback (issue 5), and prints one line per target: name, measured
// ratio or figure, target, PASS/FAIL. Progress goes to stderr.
//
//	go run ./bench                       # everything, under 10 minutes
//	go run ./bench -quick                # shorter runs
//	go run ./bench -targets web,idle     # some targets
//	go run ./bench -targets udp,tls      # UDP receive rate, HTTPS req/s
//
// Baselines are programs of this package too: the same binary run with
// -mode as a subprocess (a bare http.FileServer, a bare read loop, a bare
// server holding idle connections), so each server has its own process,
// CPU time and peak RSS.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// config is what the targets are run with.
type config struct {
	n      int64         // flood bytes
	tuiN   int64         // bytes of the flood into the TUI
	reps   int           // interleaved repetitions
	webDur time.Duration // one load run
	conns  int           // idle connections
	load   string        // auto, wrk or go
	tmp    string        // where the flood's JSON Lines go
	bin    string        // the netassist binary
	repo   string        // module root
	uiTime string        // -benchtime of the UI benchmarks
}

// result is one output line.
type result struct {
	name, figure, target string
	pass                 bool
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}

func main() {
	if len(os.Args) > 2 && os.Args[1] == "-mode" {
		if err := runRole(os.Args[2], os.Args[3:]); err != nil {
			fmt.Fprintf(os.Stderr, "bench %s: %v\n", os.Args[2], err)
			os.Exit(1)
		}
		return
	}
	cfg := &config{}
	targets := flag.String("targets", "web,recv,idle,ui,headless,tui,udp,tls", "comma-separated targets: web, recv, idle, ui, headless, tui, udp, tls")
	size := flag.String("n", "4GiB", "bytes each flood sends (targets recv and headless)")
	tuiSize := flag.String("tui-n", "8GiB", "bytes of the flood into the TUI (target tui)")
	flag.IntVar(&cfg.reps, "reps", 5, "interleaved repetitions of each measurement (medians are reported)")
	flag.DurationVar(&cfg.webDur, "web-dur", 5*time.Second, "duration of one web load run")
	flag.IntVar(&cfg.conns, "conns", 100000, "idle connections (target idle; capped at what RLIMIT_NOFILE allows one process)")
	flag.StringVar(&cfg.load, "load", "auto", "web load generator: auto (wrk if installed), wrk or go")
	flag.StringVar(&cfg.tmp, "tmp", defaultTmp(), "directory for the flood's JSON Lines files")
	flag.StringVar(&cfg.uiTime, "ui-benchtime", "1s", "-benchtime of the UI benchmarks")
	quick := flag.Bool("quick", false, "short runs: -n 512MiB -web-dur 2s -ui-benchtime 200ms -conns 10000")
	flag.Parse()
	if *quick {
		*size, cfg.webDur, cfg.uiTime = "512MiB", 2*time.Second, "200ms"
		if !flagSet("tui-n") {
			*tuiSize = "1GiB"
		}
		if !flagSet("conns") {
			cfg.conns = 10000
		}
	}
	n, err := parseSize(*size)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench: -n:", err)
		os.Exit(2)
	}
	cfg.n = n
	if cfg.tuiN, err = parseSize(*tuiSize); err != nil {
		fmt.Fprintln(os.Stderr, "bench: -tui-n:", err)
		os.Exit(2)
	}
	want := map[string]bool{}
	for _, t := range strings.Split(*targets, ",") {
		want[strings.TrimSpace(t)] = true
	}
	cfg.repo, err = moduleRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	logf("machine: %s, %d CPUs, %s; flood %s, %d reps", cpuModel(), runtime.NumCPU(), runtime.Version(), *size, cfg.reps)

	start := time.Now()
	var results []result
	if want["web"] {
		results = append(results, targetWeb(cfg)...)
	}
	if want["recv"] || want["headless"] || want["tui"] {
		if want["headless"] || want["tui"] {
			dir, err := os.MkdirTemp("", "netassist-bench-")
			if err == nil {
				defer os.RemoveAll(dir)
				cfg.bin = filepath.Join(dir, "netassist")
				cmd := exec.Command("go", "build", "-o", cfg.bin, "./cmd/netassist")
				cmd.Dir, cmd.Stderr = cfg.repo, os.Stderr
				err = cmd.Run()
			}
			if err != nil {
				results = append(results, result{"build netassist", "build: " + err.Error(), "builds", false})
				want["headless"], want["tui"], cfg.bin = false, false, ""
			}
		}
		if want["recv"] || want["headless"] {
			results = append(results, targetFlood(cfg, want)...)
		}
	}
	if want["tui"] {
		results = append(results, targetTUIFlood(cfg)...)
	}
	if want["idle"] {
		results = append(results, targetIdle(cfg)...)
	}
	if want["ui"] {
		results = append(results, targetUI(cfg)...)
	}
	if want["udp"] {
		results = append(results, targetUDP(cfg)...)
	}
	if want["tls"] {
		results = append(results, targetTLS(cfg)...)
	}
	logf("done in %v", time.Since(start).Round(time.Second))
	failed := false
	for _, r := range results {
		verdict := "PASS"
		if !r.pass {
			verdict, failed = "FAIL", true
		}
		fmt.Printf("%-28s %-78s %-20s %s\n", r.name, r.figure, r.target, verdict)
	}
	if failed {
		os.Exit(1)
	}
}

// flagSet reports whether flag name was given on the command line.
func flagSet(name string) bool {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func parseSize(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}, {"", 1}}
	for _, u := range units {
		if num, ok := strings.CutSuffix(s, u.suffix); ok {
			var v float64
			if _, err := fmt.Sscanf(num, "%g", &v); err != nil || v <= 0 {
				return 0, fmt.Errorf("bad size %q", s)
			}
			return int64(v * float64(u.mult)), nil
		}
	}
	return 0, fmt.Errorf("bad size %q", s)
}

// defaultTmp prefers a memory file system, so the disk of a shared
// machine does not decide the headless figures.
func defaultTmp() string {
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		return "/dev/shm"
	}
	return os.TempDir()
}

func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", fmt.Errorf("run from inside the netassist module")
	}
	return filepath.Dir(mod), nil
}

func cpuModel() string {
	b, _ := os.ReadFile("/proc/cpuinfo")
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}

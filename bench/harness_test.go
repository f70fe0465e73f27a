package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The harness runs its baselines as subprocesses of its own executable
// (-mode ROLE); under go test that is the test binary.
func TestMain(m *testing.M) {
	if len(os.Args) > 2 && os.Args[1] == "-mode" {
		if err := runRole(os.Args[2], os.Args[3:]); err != nil {
			os.Stderr.WriteString("bench " + os.Args[2] + ": " + err.Error() + "\n")
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestHarness runs the flood, headless, idle and TUI targets small, so
// make bench cannot rot unnoticed: every role starts (the bare JSON Lines
// writer, idle clients from several processes and source addresses, the
// TUI on a pty), the counters are exact and --record and the headless
// binary's output decode to the bytes sent.
// (Ratios at this size mean nothing and are not checked.)
func TestHarness(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs subprocesses")
	}
	dir := t.TempDir()
	repo, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	cfg := &config{n: 16 << 20, tuiN: 16 << 20, reps: 1, conns: 200, tmp: dir, repo: repo, bin: filepath.Join(dir, "netassist")}
	build := exec.Command("go", "build", "-o", cfg.bin, "./cmd/netassist")
	build.Dir = repo
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	results := append(targetFlood(cfg, map[string]bool{"recv": true, "headless": true}), targetIdle(cfg)...)
	results = append(results, targetTUIFlood(cfg)...)
	must := map[string]bool{
		"2 recv counters exact":    true,
		"2 recv --record lossless": true,
		"3 idle conns dropped":     true,
	}
	seen := map[string]bool{}
	for _, r := range results {
		t.Logf("%-26s %s", r.name, r.figure)
		seen[r.name] = true
		if strings.Contains(r.figure, "error") || (must[r.name] && !r.pass) {
			t.Errorf("%s: %s", r.name, r.figure)
		}
		if r.name == "5 headless jsonl to file" && !strings.Contains(r.figure, "output equal") {
			t.Errorf("headless output: %s", r.figure)
		}
	}
	for _, name := range []string{"2 recv throughput", "2 recv counters exact", "2 recv --record lossless", "2 recv --record speed",
		"5 headless jsonl to file", "3 idle conns RSS", "3 idle conns dropped", "3 tui peak RSS, flood"} {
		if !seen[name] {
			t.Errorf("no %q line", name)
		}
	}
}

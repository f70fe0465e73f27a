// Command soak runs the attacks of issue 13 against `netassist web
// --headless` on loopback and says whether others were still served:
// slowhttptest's slow read (-X) and slowloris (-H), 1,000 connections each,
// at the same time, while a probe asks for a page every 250 ms on a fresh
// connection. It prints the probes answered within 1 s (target ≥ 99%),
// their latencies, how the server cut the attackers, and whether the
// server's file descriptors and connections came back to their baseline
// afterwards. Loopback only; bounded in time (about a minute). Exit status
// 1 when a target is missed. Run it with `make soak`.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	conns := flag.Int("conns", 1000, "connections per attack")
	length := flag.Duration("length", 40*time.Second, "attack length")
	maxConns := flag.Int("max-conns", 0, "the server's --max-conns (0: its default, from the open-file limit)")
	flag.Parse()
	if err := run(*conns, *length, *maxConns); err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
}

func run(conns int, length time.Duration, maxConns int) error {
	if _, err := exec.LookPath("slowhttptest"); err != nil {
		return errors.New("slowhttptest is not installed (apt-get install slowhttptest)")
	}
	tmp, err := os.MkdirTemp("", "netassist-soak")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "netassist")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/netassist").CombinedOutput(); err != nil {
		return fmt.Errorf("build: %v\n%s", err, out)
	}
	root := filepath.Join(tmp, "root")
	os.Mkdir(root, 0o755)
	os.WriteFile(filepath.Join(root, "index.html"), []byte("<!doctype html><title>soak</title><p>probe</p>\n"), 0o644)
	os.WriteFile(filepath.Join(root, "big.bin"), make([]byte, 1<<20), 0o644)

	srv, err := startServer(bin, root, maxConns)
	if err != nil {
		return err
	}
	defer srv.stop()
	base := "http://" + srv.addr
	probe := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	if _, err := get(probe, base+"/index.html"); err != nil {
		return fmt.Errorf("warm-up probe: %w", err)
	}
	fdBase := srv.fds()
	fmt.Printf("server %s pid %d, %d fds at rest; attacks: %d slow-read + %d slowloris connections for %v\n",
		srv.addr, srv.cmd.Process.Pid, fdBase, conns, conns, length)

	// The probe: every 250 ms, from before the attacks until after.
	var (
		lat   []time.Duration
		fails int
		latMu sync.Mutex // guards lat, fails
	)
	stopProbe := make(chan struct{})
	probeDone := make(chan struct{})
	go func() {
		defer close(probeDone)
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stopProbe:
				return
			case <-tick.C:
			}
			d, err := get(probe, base+"/index.html")
			latMu.Lock()
			if err != nil {
				fails++
			} else {
				lat = append(lat, d)
			}
			latMu.Unlock()
		}
	}()

	secs := fmt.Sprint(int(length.Seconds()))
	attacks := []*exec.Cmd{
		exec.Command("slowhttptest", "-X", "-c", fmt.Sprint(conns), "-r", "250", "-l", secs,
			"-u", base+"/big.bin", "-w", "512", "-y", "1024", "-n", "5", "-z", "32", "-k", "3", "-p", "3"),
		exec.Command("slowhttptest", "-H", "-c", fmt.Sprint(conns), "-r", "250", "-l", secs,
			"-i", "5", "-x", "24", "-u", base+"/index.html", "-p", "3"),
	}
	peakFDs := atomic.Int64{}
	stopWatch := make(chan struct{})
	go func() {
		for {
			select {
			case <-stopWatch:
				return
			case <-time.After(500 * time.Millisecond):
			}
			if n := int64(srv.fds()); n > peakFDs.Load() {
				peakFDs.Store(n)
			}
		}
	}()
	for _, a := range attacks {
		a.Stdout, a.Stderr = io.Discard, io.Discard
		if err := a.Start(); err != nil {
			return fmt.Errorf("slowhttptest: %w", err)
		}
	}
	deadline := time.AfterFunc(length+30*time.Second, func() {
		for _, a := range attacks {
			a.Process.Kill()
		}
	})
	for _, a := range attacks {
		a.Wait()
	}
	deadline.Stop()
	time.Sleep(2 * time.Second) // two more seconds of probes after the attacks
	close(stopProbe)
	<-probeDone
	close(stopWatch)

	// Back to baseline: descriptors, and every connection closed.
	fdAfter := srv.fds()
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end) && (fdAfter > fdBase || srv.open() > 0); {
		time.Sleep(200 * time.Millisecond)
		fdAfter = srv.fds()
	}

	latMu.Lock()
	defer latMu.Unlock()
	slices.Sort(lat)
	within := 0
	for _, d := range lat {
		if d <= time.Second {
			within++
		}
	}
	total := len(lat) + fails
	pct := 100 * float64(within) / float64(max(total, 1))
	q := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))]
	}
	fmt.Printf("probes: %d, answered within 1 s: %d (%.1f%%), failed: %d; latency p50 %v p99 %v max %v\n",
		total, within, pct, fails, q(0.5).Round(time.Millisecond), q(0.99).Round(time.Millisecond), q(1).Round(time.Millisecond))
	opened, closed, why := srv.counts()
	fmt.Printf("connections: %d opened, %d closed; closed by the rules: %s\n", opened, closed, why)
	fmt.Printf("server fds: %d at rest, %d at peak, %d after\n", fdBase, peakFDs.Load(), fdAfter)
	ok := pct >= 99 && fdAfter <= fdBase && srv.open() == 0
	fmt.Printf("soak: probes ≥ 99%% within 1 s %s; fds and connections back to baseline %s\n", pass(pct >= 99), pass(fdAfter <= fdBase && srv.open() == 0))
	if !ok {
		return errors.New("a target was missed")
	}
	return nil
}

func pass(ok bool) string {
	if ok {
		return "PASS"
	}
	return "FAIL"
}

// get fetches url and returns how long the whole answer took.
func get(c *http.Client, url string) (time.Duration, error) {
	start := time.Now()
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return 0, err
	}
	if resp.StatusCode != 200 {
		return 0, fmt.Errorf("status %d", resp.StatusCode)
	}
	return time.Since(start), nil
}

// server is a running `netassist web --headless --format jsonl`.
type server struct {
	cmd  *exec.Cmd
	addr string

	mu      sync.Mutex // guards the counters below
	opened  int
	closed  int
	reasons map[string]int
	done    chan struct{}
}

func startServer(bin, root string, maxConns int) (*server, error) {
	s := &server{reasons: make(map[string]int), done: make(chan struct{})}
	s.cmd = exec.Command(bin, "web", "--headless", "--format", "jsonl", "-l", "127.0.0.1:0", "--root", root,
		"--max-capture", "32MiB", "--max-conns", fmt.Sprint(maxConns))
	out, err := s.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	s.cmd.Stderr = os.Stderr
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	addr := make(chan string, 1)
	go s.read(out, addr)
	select {
	case s.addr = <-addr:
		return s, nil
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		return nil, errors.New("the server printed no listen event")
	}
}

// read follows the event stream: the listen address, then opens and
// closes with their reasons.
func (s *server) read(r io.Reader, addr chan<- string) {
	defer close(s.done)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		line := sc.Bytes()
		head := line[:min(len(line), 120)]
		if !bytes.Contains(head, []byte(`"event":"open"`)) && !bytes.Contains(head, []byte(`"event":"close"`)) &&
			!bytes.Contains(head, []byte(`"event":"listen"`)) {
			continue // data events: most of the stream, not decoded (the soak must not eat the CPU)
		}
		var ev struct {
			Event string `json:"event"`
			Addr  string `json:"addr"`
			Err   string `json:"err"`
		}
		if json.Unmarshal(line, &ev) != nil {
			continue
		}
		s.mu.Lock()
		switch ev.Event {
		case "listen":
			addr <- ev.Addr
		case "open":
			s.opened++
		case "close":
			s.closed++
			if ev.Err != "" {
				why := ev.Err
				if i := strings.Index(why, " ("); i > 0 {
					why = why[:i]
				}
				s.reasons[why]++
			}
		}
		s.mu.Unlock()
	}
}

func (s *server) counts() (opened, closed int, why string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var parts []string
	for k, v := range s.reasons {
		parts = append(parts, fmt.Sprintf("%s ×%d", k, v))
	}
	slices.Sort(parts)
	return s.opened, s.closed, strings.Join(parts, ", ")
}

func (s *server) open() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.opened - s.closed
}

// fds counts the server's open file descriptors.
func (s *server) fds() int {
	ents, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", s.cmd.Process.Pid))
	return len(ents)
}

func (s *server) stop() {
	s.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
	}
	s.cmd.Wait()
}

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Web load: 64 keep-alive connections, as wrk -t2 -c64.
const webConns = 64

// loadRun is one load run against one server.
type loadRun struct {
	reqs   int64
	rps    float64
	cpuReq float64 // server CPU-seconds per request
}

// targetWeb compares the capturing web server with a bare http.FileServer
// over the same files, each in its own process, interleaving runs.
func targetWeb(cfg *config) []result {
	dir, err := os.MkdirTemp("", "netassist-bench-web-")
	if err != nil {
		return []result{{"1 web", "error: " + err.Error(), "runs", false}}
	}
	defer os.RemoveAll(dir)
	files := []struct {
		name string
		size int
	}{{"f2k.bin", 2 << 10}, {"f1m.bin", 1 << 20}}
	rng := rand.NewChaCha8([32]byte{'w', 'e', 'b'})
	for _, f := range files {
		b := make([]byte, f.size)
		rng.Read(b)
		if err := os.WriteFile(filepath.Join(dir, f.name), b, 0o644); err != nil {
			return []result{{"1 web", "error: " + err.Error(), "runs", false}}
		}
	}
	gen := "go"
	if cfg.load != "go" {
		if _, err := exec.LookPath("wrk"); err == nil {
			gen = "wrk"
		} else if cfg.load == "wrk" {
			return []result{{"1 web", "wrk not found", "runs", false}}
		}
	}
	logf("web: load from %s, %d connections, %v per run", gen, webConns, cfg.webDur)

	var out []result
	for _, f := range files {
		bare, err := startChild("-mode", "web-bare", "-root", dir)
		if err != nil {
			return append(out, result{"1 web", "error: " + err.Error(), "runs", false})
		}
		capt, err := startChild("-mode", "web-capture", "-root", dir)
		if err != nil {
			bare.stop()
			return append(out, result{"1 web", "error: " + err.Error(), "runs", false})
		}
		servers := []*child{bare, capt}
		runs := [2][]loadRun{}
		var capReqs int64
		var failed error
		// Warm both up, then interleave, alternating which goes first.
		for _, s := range servers {
			if _, err := webLoad(gen, s, f.name, time.Second); err != nil {
				failed = err
			}
		}
		for rep := 0; rep < cfg.reps && failed == nil; rep++ {
			for k := range 2 {
				i := (k + rep) % 2
				r, err := webLoad(gen, servers[i], f.name, cfg.webDur)
				if err != nil {
					failed = err
					break
				}
				if i == 1 {
					capReqs += r.reqs
				}
				runs[i] = append(runs[i], r)
				logf("web %s %-7s rep %d: %.0f req/s, %.1f µs CPU/req", f.name, [2]string{"bare", "capture"}[i], rep+1, r.rps, r.cpuReq*1e6)
			}
		}
		// Every request got its record (the store keeps the last 100,000).
		var st stats
		if failed == nil {
			time.Sleep(200 * time.Millisecond)
			st, failed = capt.stats("stats")
		}
		bare.stop()
		capt.stop()
		label := "2 KB"
		if f.size > 4<<10 {
			label = "1 MB"
		}
		if failed != nil {
			out = append(out, result{"1 web " + label, "error: " + failed.Error(), ">= 0.95x", false})
			continue
		}
		rps := func(i int) float64 {
			var xs []float64
			for _, r := range runs[i] {
				xs = append(xs, r.rps)
			}
			return median(xs)
		}
		cpu := func(i int) float64 {
			var xs []float64
			for _, r := range runs[i] {
				xs = append(xs, r.cpuReq)
			}
			return median(xs)
		}
		// The records of the warm-up run are counted too: at least one
		// per measured request.
		recOK := int64(st.Conns) >= min(capReqs, 100_000)
		out = append(out, result{
			name: "1 web " + label + " req/s",
			figure: fmt.Sprintf("%.2fx (capture %.0f vs bare %.0f req/s; %s -c%d; records %v)",
				rps(1)/rps(0), rps(1), rps(0), gen, webConns, recOK),
			target: ">= 0.95x", pass: rps(1)/rps(0) >= 0.95 && recOK,
		})
		out = append(out, result{
			name:   "1 web " + label + " CPU/req",
			figure: fmt.Sprintf("%.2fx (capture %.1f vs bare %.1f µs/req)", cpu(1)/cpu(0), cpu(1)*1e6, cpu(0)*1e6),
			target: "<= 1.10x", pass: cpu(1)/cpu(0) <= 1.1,
		})
	}
	return out
}

// webLoad runs one load run against s and measures its CPU.
func webLoad(gen string, s *child, file string, d time.Duration) (loadRun, error) {
	url := "http://" + s.Addr + "/" + file
	cpu0 := cpuSeconds(s.Pid())
	var r loadRun
	var err error
	if gen == "wrk" {
		r, err = wrkRun(url, d)
	} else {
		r, err = goLoad(s.Addr, "/"+file, d)
	}
	if err != nil {
		return r, err
	}
	if r.reqs > 0 {
		r.cpuReq = (cpuSeconds(s.Pid()) - cpu0) / float64(r.reqs)
	}
	return r, nil
}

var (
	wrkReqs = regexp.MustCompile(`(\d+) requests in ([\d.]+)(ms|s|m)`)
	wrkRPS  = regexp.MustCompile(`Requests/sec:\s+([\d.]+)`)
)

func wrkRun(url string, d time.Duration) (loadRun, error) {
	var r loadRun
	secs := max(int(d.Seconds()), 1)
	out, err := exec.Command("wrk", "-t2", fmt.Sprintf("-c%d", webConns), fmt.Sprintf("-d%ds", secs), url).CombinedOutput()
	if err != nil {
		return r, fmt.Errorf("wrk: %v: %s", err, out)
	}
	if bytes.Contains(out, []byte("Non-2xx")) || bytes.Contains(out, []byte("Socket errors")) {
		return r, fmt.Errorf("wrk reported errors: %s", out)
	}
	m := wrkReqs.FindSubmatch(out)
	m2 := wrkRPS.FindSubmatch(out)
	if m == nil || m2 == nil {
		return r, fmt.Errorf("cannot parse wrk output: %s", out)
	}
	r.reqs, _ = strconv.ParseInt(string(m[1]), 10, 64)
	r.rps, _ = strconv.ParseFloat(string(m2[1]), 64)
	return r, nil
}

// goLoad is the built-in load generator used without wrk: keep-alive
// connections each sending one request at a time, trusting
// Content-Length, as wrk does.
func goLoad(addr, path string, d time.Duration) (loadRun, error) {
	return goLoadDial(addr, path, d, func() (net.Conn, error) { return net.Dial("tcp", addr) })
}

// goLoadDial is goLoad over the connections dial opens (TLS).
func goLoadDial(addr, path string, d time.Duration, dial func() (net.Conn, error)) (loadRun, error) {
	req := []byte("GET " + path + " HTTP/1.1\r\nHost: " + addr + "\r\n\r\n")
	var total atomic.Int64
	var wg sync.WaitGroup
	var firstErr atomic.Value
	stop := time.Now().Add(d)
	start := time.Now()
	for range webConns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := dial()
			if err != nil {
				firstErr.CompareAndSwap(nil, err)
				return
			}
			defer c.Close()
			br := bufio.NewReaderSize(c, 64<<10)
			for time.Now().Before(stop) {
				if err := roundTrip(c, br, req); err != nil {
					firstErr.CompareAndSwap(nil, err)
					return
				}
				total.Add(1)
			}
		}()
	}
	wg.Wait()
	el := time.Since(start)
	if e, ok := firstErr.Load().(error); ok {
		return loadRun{}, e
	}
	n := total.Load()
	return loadRun{reqs: n, rps: float64(n) / el.Seconds()}, nil
}

func roundTrip(c net.Conn, br *bufio.Reader, req []byte) error {
	if _, err := c.Write(req); err != nil {
		return err
	}
	length := int64(-1)
	status := ""
	for {
		line, err := br.ReadSlice('\n')
		if err != nil {
			return err
		}
		if status == "" {
			status = string(line)
			if !bytes.HasPrefix(line, []byte("HTTP/1.1 200")) {
				return fmt.Errorf("response %q", status)
			}
			continue
		}
		if len(line) <= 2 {
			break
		}
		if len(line) > 16 && bytes.EqualFold(line[:15], []byte("Content-Length:")) {
			length, _ = strconv.ParseInt(string(bytes.TrimSpace(line[15:])), 10, 64)
		}
	}
	if length < 0 {
		return fmt.Errorf("no Content-Length in response %q", status)
	}
	_, err := io.CopyN(io.Discard, br, length)
	return err
}

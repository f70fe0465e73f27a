package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// The flood is one client writing n bytes as fast as it can, then
// half-closing and waiting for the server to close: the time runs until
// the server has read everything. Its bytes repeat a 1 MiB random block,
// so the expected checksum is known without hashing during the run.
const floodBlock = 1 << 20

var crcTable = crc32.MakeTable(crc32.Castagnoli)

func floodData() []byte {
	b := make([]byte, floodBlock)
	r := rand.NewChaCha8([32]byte{'n', 'e', 't', 'a', 's', 's', 'i', 's', 't'})
	r.Read(b)
	return b
}

// flood sends n bytes to addr; it returns the time until the server
// closed the connection after reading them.
func flood(addr string, n int64, block []byte) (time.Duration, error) {
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	tc := c.(*net.TCPConn)
	const wsize = 256 << 10
	start := time.Now()
	var off int64
	for off < n {
		i := off % floodBlock
		k := min(int64(wsize), n-off, floodBlock-i)
		w, err := tc.Write(block[i : i+k])
		off += int64(w)
		if err != nil {
			return 0, fmt.Errorf("write after %d bytes: %w", off, err)
		}
	}
	if err := tc.CloseWrite(); err != nil {
		return 0, err
	}
	c.SetReadDeadline(time.Now().Add(5 * time.Minute))
	if _, err := io.Copy(io.Discard, c); err != nil {
		return 0, fmt.Errorf("waiting for the server to close: %w", err)
	}
	return time.Since(start), nil
}

// floodCRC is the checksum of the first n bytes of the flood.
func floodCRC(n int64, block []byte) uint32 {
	var crc uint32
	for ; n >= floodBlock; n -= floodBlock {
		crc = crc32.Update(crc, crcTable, block)
	}
	return crc32.Update(crc, crcTable, block[:n])
}

// jsonlInbound decodes a JSON Lines capture and returns the number and
// checksum of the inbound data bytes it carries, in order.
func jsonlInbound(path string) (int64, uint32, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 4<<20)
	var total int64
	var crc uint32
	var dec []byte
	dataKey := []byte(`"data":"`)
	for {
		line, err := br.ReadSlice('\n')
		if len(line) > 0 {
			if !bytes.Contains(line, []byte(`"event":"data"`)) || !bytes.Contains(line, []byte(`"dir":"in"`)) {
				goto next
			}
			i := bytes.Index(line, dataKey)
			if i < 0 {
				return 0, 0, fmt.Errorf("data event without data: %.80s", line)
			}
			rest := line[i+len(dataKey):]
			j := bytes.IndexByte(rest, '"')
			if j < 0 {
				return 0, 0, fmt.Errorf("unterminated data: %.80s", line)
			}
			enc := rest[:j]
			if need := base64.StdEncoding.DecodedLen(len(enc)); cap(dec) < need {
				dec = make([]byte, need)
			}
			k, derr := base64.StdEncoding.Decode(dec[:cap(dec)], enc)
			if derr != nil {
				return 0, 0, derr
			}
			total += int64(k)
			crc = crc32.Update(crc, crcTable, dec[:k])
		}
	next:
		if err == io.EOF {
			return total, crc, nil
		}
		if err != nil {
			return 0, 0, err
		}
	}
}

// headless is the real binary, `netassist server --headless --format
// jsonl -l 127.0.0.1:0`, with its stdout redirected to a file.
type headless struct {
	cmd  *exec.Cmd
	out  *os.File
	Addr string
}

// spawnHeadless starts the binary listening on addr with its stdout
// going to out (closed if it cannot start).
func spawnHeadless(bin, addr string, out *os.File) (*headless, error) {
	cmd := exec.Command(bin, "server", "--headless", "--format", "jsonl", "-l", addr)
	cmd.Stdout = out
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		out.Close()
		return nil, err
	}
	return &headless{cmd: cmd, out: out}, nil
}

func startHeadless(bin, outPath string) (*headless, error) {
	if outPath == os.DevNull {
		return startHeadlessNull(bin)
	}
	f, err := os.Create(outPath)
	if err != nil {
		return nil, err
	}
	h, err := spawnHeadless(bin, "127.0.0.1:0", f)
	if err != nil {
		return nil, err
	}
	// The first event is "listen" with the real address.
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		b, _ := os.ReadFile(outPath)
		line, _, ok := bytes.Cut(b, []byte("\n"))
		if !ok {
			continue
		}
		var ev struct{ Event, Addr string }
		if err := json.Unmarshal(line, &ev); err != nil || ev.Event != "listen" {
			h.kill()
			return nil, fmt.Errorf("headless: first line %q", line)
		}
		h.Addr = ev.Addr
		return h, nil
	}
	h.kill()
	return nil, errors.New("headless: no listen event in 10s")
}

// startHeadlessNull runs the binary with its output going to /dev/null:
// all of headless's work but the file system's. Nothing can be read back,
// so it listens on a port picked (and freed) just before.
func startHeadlessNull(bin string) (*headless, error) {
	ln, err := listen()
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	f, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return nil, err
	}
	h, err := spawnHeadless(bin, addr, f)
	if err != nil {
		return nil, err
	}
	h.Addr = addr
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close() // a connection of its own: the flood's is not the first
			return h, nil
		}
	}
	h.kill()
	return nil, errors.New("headless to /dev/null: not listening in 10s")
}

func (h *headless) Pid() int { return h.cmd.Process.Pid }

func (h *headless) kill() {
	h.cmd.Process.Kill()
	h.cmd.Wait()
	h.out.Close()
}

// stop interrupts the binary and waits for it to flush and exit.
func (h *headless) stop() error {
	h.cmd.Process.Signal(os.Interrupt)
	err := h.cmd.Wait()
	h.out.Close()
	return err
}

// floodResult is one flood run.
type floodResult struct {
	gbps   float64 // GB/s (1e9 bytes)
	cpuPGB float64 // server CPU-seconds per GB
	hwmMiB float64
	st     stats
}

func runFlood(kind string, cfg *config, block []byte, out string) (floodResult, error) {
	var r floodResult
	var pid int
	var addr string
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
	case "headless":
		hl, err = startHeadless(cfg.bin, out)
	case "headless-null":
		hl, err = startHeadless(cfg.bin, os.DevNull)
	}
	if err != nil {
		return r, err
	}
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
	d, err := flood(addr, cfg.n, block)
	if err != nil {
		return r, fmt.Errorf("%s: %w", kind, err)
	}
	cpu := cpuSeconds(pid) - cpu0
	r.gbps = float64(cfg.n) / d.Seconds() / 1e9
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
	} else {
		_, hwm := memKiB(pid)
		r.hwmMiB = float64(hwm) / 1024
		if err := hl.stop(); err != nil {
			return r, fmt.Errorf("headless exit: %w", err)
		}
	}
	return r, nil
}

// targetFlood measures targets 2 (receive) and 5 (headless jsonl) in one
// interleaved series: bare read loop, engine, engine + recorder, headless
// binary to a file.
func targetFlood(cfg *config, want map[string]bool) []result {
	block := floodData()
	kinds := []string{"bare"}
	if want["recv"] {
		kinds = append(kinds, "engine", "record")
	}
	if want["headless"] {
		kinds = append(kinds, "headless", "headless-null", "filewrite")
	}
	res := map[string][]floodResult{}
	recPath := filepath.Join(cfg.tmp, "netassist-bench-record.jsonl")
	hlPath := filepath.Join(cfg.tmp, "netassist-bench-headless.jsonl")
	defer os.Remove(recPath)
	defer os.Remove(hlPath)
	checks := map[string]string{}
	var fail []result
	for rep := 0; rep < cfg.reps; rep++ {
		for i := range kinds {
			kind := kinds[(i+rep)%len(kinds)]
			out := recPath
			if kind == "headless" {
				out = hlPath
			}
			var r floodResult
			var err error
			if kind == "filewrite" {
				r, err = fileWrite(hlPath, jsonlSize(cfg.n), block)
				if err == nil {
					logf("file write       rep %d: %.2f GB/s written to %s", rep+1, r.gbps, cfg.tmp)
					res[kind] = append(res[kind], r)
					os.Remove(hlPath)
				} else {
					fail = append(fail, result{name: "file write", figure: "error: " + err.Error(), target: "runs", pass: false})
				}
				continue
			}
			r, err = runFlood(kind, cfg, block, out)
			if err != nil {
				fail = append(fail, result{name: "flood " + kind, figure: "error: " + err.Error(), target: "runs", pass: false})
				continue
			}
			logf("flood %-8s rep %d: %.2f GB/s, %.2f CPU-s/GB, peak RSS %.0f MiB", kind, rep+1, r.gbps, r.cpuPGB, r.hwmMiB)
			res[kind] = append(res[kind], r)
			if (kind == "record" || kind == "headless") && rep == cfg.reps-1 {
				checks[kind] = checkJSONL(out, cfg.n, block)
			}
			if kind == "record" || kind == "headless" {
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
	cpu := func(r floodResult) float64 { return r.cpuPGB }
	bare := med("bare", gb)
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
		rec := med("record", gb)
		c := checks["record"]
		out = append(out, result{
			name:   "2 recv --record lossless",
			figure: fmt.Sprintf("%s; %.2fx bare (%.2f GB/s)", c, rec/bare, rec),
			target: "bytes+crc32c equal", pass: strings.HasPrefix(c, "equal"),
		})
	}
	if want["headless"] {
		hl := med("headless", gb)
		c := checks["headless"]
		// What the headless binary writes per second, against what a bare
		// write loop puts in the same directory: the ceiling on this machine.
		wrote := hl * float64(jsonlSize(cfg.n)) / float64(cfg.n)
		fw := med("filewrite", gb)
		out = append(out, result{
			name: "5 headless jsonl to file",
			figure: fmt.Sprintf("%.2fx (%.2f vs bare %.2f GB/s; CPU %.2f s/GB; output %s)",
				hl/bare, hl, bare, med("headless", cpu), c),
			target: ">= 0.50x", pass: hl/bare >= 0.5 && strings.HasPrefix(c, "equal"),
		})
		null := med("headless-null", gb)
		out = append(out, result{
			name:   "5 headless to /dev/null",
			figure: fmt.Sprintf("%.2fx (%.2f GB/s: all its work but the file system's; CPU %.2f s/GB)", null/bare, null, med("headless-null", cpu)),
			target: "info", pass: true,
		})
		out = append(out, result{
			name: "5 headless vs disk ceiling",
			figure: fmt.Sprintf("%.2fx (writes %.2f GB/s of JSON; a bare 1 MiB write loop: %.2f GB/s; bare ratio allows at most %.2fx)",
				wrote/fw, wrote, fw, fw*float64(cfg.n)/float64(jsonlSize(cfg.n))/bare),
			target: "info", pass: true,
		})
	}
	return out
}

// jsonlSize is about what the headless binary writes for n flood bytes:
// base64 (4/3) plus the JSON around each 256 KiB chunk.
func jsonlSize(n int64) int64 { return n/3*4 + n/(256<<10)*150 }

// fileWrite writes n bytes to path in 1 MiB writes, as fast as it can,
// and closes it: the file system's ceiling for the headless target.
func fileWrite(path string, n int64, block []byte) (floodResult, error) {
	var r floodResult
	f, err := os.Create(path)
	if err != nil {
		return r, err
	}
	start := time.Now()
	for off := int64(0); off < n; {
		k := min(int64(len(block)), n-off)
		w, err := f.Write(block[:k])
		off += int64(w)
		if err != nil {
			f.Close()
			return r, err
		}
	}
	if err := f.Close(); err != nil {
		return r, err
	}
	r.gbps = float64(n) / time.Since(start).Seconds() / 1e9
	return r, nil
}

func checkJSONL(path string, n int64, block []byte) string {
	got, crc, err := jsonlInbound(path)
	if err != nil {
		return "decode error: " + err.Error()
	}
	want := floodCRC(n, block)
	if got != n || crc != want {
		return fmt.Sprintf("DIFFERENT: %d bytes crc %08x, sent %d crc %08x", got, crc, n, want)
	}
	return fmt.Sprintf("equal, crc32c %08x", crc)
}

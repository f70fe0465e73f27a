package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// cpuSeconds is utime+stime of process pid, from /proc/<pid>/stat.
func cpuSeconds(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	s := string(b)
	// Fields after the command name, which is in parentheses and may hold spaces.
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(s[i+1:])
	// f[0] is field 3 (state); utime is field 14, stime field 15.
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseFloat(f[11], 64)
	st, _ := strconv.ParseFloat(f[12], 64)
	return (ut + st) / clockTicks
}

// clockTicks is USER_HZ, 100 on every Linux we run on.
const clockTicks = 100

// memKiB returns VmRSS and VmHWM of pid in KiB.
func memKiB(pid int) (rss, hwm int64) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		switch k {
		case "VmRSS":
			rss = n
		case "VmHWM":
			hwm = n
		}
	}
	return rss, hwm
}

// child is a copy of this program running one role (-mode), driven by a
// line protocol: it prints "ready ADDR", then answers each command line
// on stdin with one line of JSON.
type child struct {
	cmd  *exec.Cmd
	in   io.WriteCloser
	out  *bufio.Reader
	Addr string
}

// stats is what a role reports.
type stats struct {
	Goroutines int    `json:"goroutines"`
	HeapInuse  uint64 `json:"heap_inuse"`
	StackInuse uint64 `json:"stack_inuse"`
	RSS        int64  `json:"rss_kib"`
	HWM        int64  `json:"hwm_kib"`
	Open       int    `json:"open"`
	Conns      int    `json:"conns"`
	BytesIn    int64  `json:"bytes_in"`
	ConnBytes  int64  `json:"conn_bytes"`
	Kept       int64  `json:"kept"`
	Written    int64  `json:"written,omitempty"` // bytes written to a file (jsonl-bare, record)
	Nanos      int64  `json:"nanos,omitempty"`   // how long that took (jsonl-bare)
	Err        string `json:"err,omitempty"`
}

func startChild(args ...string) (*child, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, args...)
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	outp, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	c := &child{cmd: cmd, in: in, out: bufio.NewReader(outp)}
	line, err := c.line(60 * time.Second)
	if err != nil {
		c.kill()
		return nil, fmt.Errorf("%s: %w", args[1], err)
	}
	addr, ok := strings.CutPrefix(line, "ready")
	if !ok {
		c.kill()
		return nil, fmt.Errorf("%s: unexpected %q", args[1], line)
	}
	c.Addr = strings.TrimSpace(addr)
	return c, nil
}

func (c *child) Pid() int { return c.cmd.Process.Pid }

func (c *child) line(timeout time.Duration) (string, error) {
	type res struct {
		s   string
		err error
	}
	ch := make(chan res, 1)
	go func() {
		s, err := c.out.ReadString('\n')
		ch <- res{strings.TrimSpace(s), err}
	}()
	select {
	case r := <-ch:
		return r.s, r.err
	case <-time.After(timeout):
		return "", fmt.Errorf("no answer in %v", timeout)
	}
}

// ask sends a command and returns the answer line.
func (c *child) ask(cmd string, timeout time.Duration) (string, error) {
	if _, err := io.WriteString(c.in, cmd+"\n"); err != nil {
		return "", err
	}
	return c.line(timeout)
}

func (c *child) stats(cmd string) (stats, error) {
	var s stats
	line, err := c.ask(cmd, 60*time.Second)
	if err != nil {
		return s, err
	}
	if err := json.Unmarshal([]byte(line), &s); err != nil {
		return s, fmt.Errorf("stats %q: %w", line, err)
	}
	if s.Err != "" {
		return s, fmt.Errorf("child: %s", s.Err)
	}
	return s, nil
}

func (c *child) stop() {
	c.in.Close()
	done := make(chan struct{})
	go func() { c.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		c.kill()
		<-done
	}
}

func (c *child) kill() { c.cmd.Process.Kill() }

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

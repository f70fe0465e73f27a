//go:build e2e

// Package e2e drives the real netassist binary with the real clients its
// users point at it: Chromium, curl, nginx (as the peer of the client mode)
// and a person at the keyboard (tmux). Run with `make e2e`; `make test` runs
// it when CI=true. A missing tool skips a test locally and fails it in CI,
// where .ci/run installs everything.
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// binary is the netassist binary, built once (with -race) for all tests.
var binary string

// repoRoot is the module root (the parent of e2e/).
var repoRoot string

func TestMain(m *testing.M) {
	_, file, _, _ := runtime.Caller(0)
	repoRoot = filepath.Dir(filepath.Dir(file))
	dir, err := os.MkdirTemp("", "netassist-e2e-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "netassist")
	// The binary (and tmux sessions started from here) must not read the
	// developer's saved rules or history: give them an empty config folder.
	os.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	build := exec.Command("go", "build", "-race", "-o", binary, "./cmd/netassist")
	build.Dir = repoRoot
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "e2e: building netassist: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	printSummary()
	os.Exit(code)
}

// results holds one line per top-level test that called announce, printed
// by TestMain after the run (shown by go test -v, or whenever the package
// fails), with a closing "N passed, N failed, N skipped" line.
var results struct {
	sync.Mutex
	lines                   []string
	passed, failed, skipped int
}

func printSummary() {
	results.Lock()
	defer results.Unlock()
	if len(results.lines) == 0 {
		return
	}
	for _, l := range results.lines {
		fmt.Println(l)
	}
	fmt.Printf("e2e: %d passed, %d failed, %d skipped\n", results.passed, results.failed, results.skipped)
}

// inCI reports whether missing tools are failures (CI=true) or skips.
func inCI() bool { return os.Getenv("CI") == "true" }

// requireTool returns the path of a real client the test needs. When it is
// missing, the test is skipped locally and fails in CI, which installs it
// (.ci/run).
func requireTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	// nginx lives in /usr/sbin, which is not on every user's PATH.
	for _, dir := range []string{"/usr/sbin", "/sbin"} {
		if st, err := os.Stat(filepath.Join(dir, name)); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
			return filepath.Join(dir, name)
		}
	}
	if inCI() {
		t.Fatalf("%s is not installed: CI must install it (see .ci/run)", name)
	}
	t.Skipf("SKIP %s: %s is not installed (CI installs it; locally: apt-get install %s)", t.Name(), name, name)
	return ""
}

// announce logs the test's name and what it checks, so that the output of
// `go test` without -v still says which end-to-end tests ran when one fails,
// and -v shows a one-line summary of each.
func announce(t *testing.T, what string) {
	t.Helper()
	t.Logf("e2e %s: %s", t.Name(), what)
	if strings.Contains(t.Name(), "/") {
		return
	}
	start := time.Now()
	t.Cleanup(func() {
		status := "PASS"
		results.Lock()
		defer results.Unlock()
		switch {
		case t.Failed():
			status = "FAIL"
			results.failed++
		case t.Skipped():
			status = "SKIP"
			results.skipped++
		default:
			results.passed++
		}
		results.lines = append(results.lines, fmt.Sprintf("e2e: %s %s (%.1fs): %s", status, t.Name(), time.Since(start).Seconds(), what))
	})
}

// event is one JSON Lines event of netassist (DESIGN.md §3). Data is the
// decoded bytes (encoding/json decodes base64 into a []byte).
type event struct {
	Time      string      `json:"time"`
	Tab       string      `json:"tab"`
	Event     string      `json:"event"`
	Addr      string      `json:"addr"`
	Conn      int         `json:"conn"`
	Local     string      `json:"local"`
	Remote    string      `json:"remote"`
	Dir       string      `json:"dir"`
	Len       int         `json:"len"`
	Data      []byte      `json:"data"`
	Omitted   int64       `json:"omitted"`
	By        string      `json:"by"`
	Err       string      `json:"err"`
	Msg       string      `json:"msg"`
	Method    string      `json:"method"`
	Target    string      `json:"target"`
	Proto     string      `json:"proto"`
	Headers   [][2]string `json:"headers"`
	Status    int         `json:"status"`
	Encoding  string      `json:"encoding"`
	BodyBytes int64       `json:"body_bytes"`
	WireBytes int64       `json:"wire_bytes"`
	// listen, open: DESIGN.md §9
	Transport string    `json:"transport"`
	TLS       *eventTLS `json:"tls"`
}

// eventTLS is the "tls" object of a listen or open event.
type eventTLS struct {
	Version     string `json:"version"`
	Cipher      string `json:"cipher"`
	SNI         string `json:"sni"`
	ALPN        string `json:"alpn"`
	Fingerprint string `json:"fingerprint"`
}

// header returns the first value of the named request header of an http
// event (case-insensitive name).
func (e event) header(name string) string {
	for _, h := range e.Headers {
		if strings.EqualFold(h[0], name) {
			return h[1]
		}
	}
	return ""
}

// eventLog collects the events netassist prints, line by line, as they come.
type eventLog struct {
	mu      sync.Mutex
	partial []byte
	events  []event
	bad     []string // lines that are not valid events
}

func (l *eventLog) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.partial = append(l.partial, b...)
	for {
		i := bytes.IndexByte(l.partial, '\n')
		if i < 0 {
			break
		}
		line := l.partial[:i]
		var ev event
		if err := json.Unmarshal(line, &ev); err != nil || ev.Event == "" || ev.Time == "" {
			l.bad = append(l.bad, fmt.Sprintf("%q (%v)", line, err))
		} else {
			if ev.Data != nil && len(ev.Data) != ev.Len {
				l.bad = append(l.bad, fmt.Sprintf("len %d but %d data bytes: %q", ev.Len, len(ev.Data), line))
			}
			l.events = append(l.events, ev)
		}
		l.partial = l.partial[i+1:]
	}
	return len(b), nil
}

func (l *eventLog) snapshot() []event {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]event(nil), l.events...)
}

// lockedBuffer is a bytes.Buffer safe to write from exec's copier while
// the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// netassistProc is a running headless netassist with --format jsonl.
type netassistProc struct {
	t      *testing.T
	cmd    *exec.Cmd
	log    *eventLog
	stderr *lockedBuffer
	exited chan struct{}
	addr   string // from the listen event (server and web modes)
}

// startNetassist starts `netassist ARGS --headless --format jsonl` and, for
// the listening modes, waits for the first event, which must be listen.
func startNetassist(t *testing.T, args ...string) *netassistProc {
	t.Helper()
	args = append(args, "--headless", "--format", "jsonl")
	p := &netassistProc{t: t, log: &eventLog{}, stderr: &lockedBuffer{}, exited: make(chan struct{})}
	p.cmd = exec.Command(binary, args...)
	p.cmd.Stdout = p.log
	p.cmd.Stderr = p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.cmd.Wait(); close(p.exited) }()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			p.cmd.Process.Kill()
			<-p.exited
		}
		p.log.mu.Lock()
		bad := p.log.bad
		p.log.mu.Unlock()
		if len(bad) > 0 {
			t.Errorf("netassist printed lines that are not events:\n%s", strings.Join(bad, "\n"))
		}
		if strings.Contains(p.stderr.String(), "DATA RACE") || strings.Contains(p.stderr.String(), "panic") {
			t.Errorf("netassist stderr:\n%s", p.stderr)
		}
	})
	if args[0] == "server" || args[0] == "web" {
		evs := p.waitUntil("the listen event", 15*time.Second, func(evs []event) bool { return len(evs) > 0 })
		if evs[0].Event != "listen" || !strings.HasPrefix(evs[0].Addr, "127.0.0.1:") || strings.HasSuffix(evs[0].Addr, ":0") {
			t.Fatalf("first event %+v, want listen with the real address", evs[0])
		}
		p.addr = evs[0].Addr
	}
	return p
}

// waitUntil polls the events until cond holds, failing after timeout (or
// when netassist exits first).
func (p *netassistProc) waitUntil(what string, timeout time.Duration, cond func([]event) bool) []event {
	p.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		evs := p.log.snapshot()
		if cond(evs) {
			return evs
		}
		exited := false
		select {
		case <-p.exited:
			exited = true
		default:
		}
		if exited || time.Now().After(deadline) {
			// One last look: events may have landed just before exit.
			if evs = p.log.snapshot(); cond(evs) {
				return evs
			}
			p.t.Fatalf("timed out waiting for %s (exited: %v); stderr: %s\nevents:\n%s", what, exited, p.stderr, dumpEvents(evs))
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// stop interrupts netassist (SIGINT) and returns its exit code.
func (p *netassistProc) stop() int {
	p.t.Helper()
	p.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-p.exited:
	case <-time.After(10 * time.Second):
		p.t.Fatalf("netassist did not exit within 10s of SIGINT; stderr: %s", p.stderr)
	}
	return p.cmd.ProcessState.ExitCode()
}

// stream is the concatenation of the data events of one connection in one
// direction ("in" or "out"): what crossed the socket, in order.
func stream(evs []event, conn int, dir string) []byte {
	var b []byte
	for _, e := range evs {
		if e.Event == "data" && e.Conn == conn && e.Dir == dir {
			b = append(b, e.Data...)
		}
	}
	return b
}

// closed reports whether conn has a close event, and by whom.
func closed(evs []event, conn int) (by string, ok bool) {
	for _, e := range evs {
		if e.Event == "close" && e.Conn == conn {
			return e.By, true
		}
	}
	return "", false
}

// dumpEvents renders events for a failure message, data shown as Go quoted
// strings (cut at 300 bytes).
func dumpEvents(evs []event) string {
	var sb strings.Builder
	for _, e := range evs {
		switch e.Event {
		case "data":
			d := e.Data
			cut := ""
			if len(d) > 300 {
				d, cut = d[:300], "…"
			}
			fmt.Fprintf(&sb, "  data #%d %s %d: %q%s\n", e.Conn, e.Dir, e.Len, d, cut)
		case "http":
			fmt.Fprintf(&sb, "  http #%d %s %s → %d %s %d→%d\n", e.Conn, e.Method, e.Target, e.Status, e.Encoding, e.BodyBytes, e.WireBytes)
		default:
			fmt.Fprintf(&sb, "  %s #%d addr=%s by=%s err=%s msg=%s\n", e.Event, e.Conn, e.Addr, e.By, e.Err, e.Msg)
		}
	}
	return sb.String()
}

// runCmd runs a real client with a timeout, returning stdout, stderr and
// the exit code (-1 when it was killed or could not start).
func runCmd(t *testing.T, timeout time.Duration, name string, args ...string) (stdout, stderr []byte, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%s %s: no result within %v; stderr: %s", filepath.Base(name), strings.Join(args, " "), timeout, e.Bytes())
	}
	if err != nil && cmd.ProcessState == nil {
		t.Fatalf("%s: %v", name, err)
	}
	return o.Bytes(), e.Bytes(), cmd.ProcessState.ExitCode()
}

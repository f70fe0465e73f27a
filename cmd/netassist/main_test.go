package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"
)

// binary is the netassist binary built once for these tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "netassist-bin")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "netassist")
	// The binary (and tmux sessions started from here) must not read the
	// developer's saved rules or history: give them an empty config folder.
	os.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	out, err := exec.Command("go", "build", "-race", "-o", binary, ".").CombinedOutput()
	if err != nil {
		os.RemoveAll(dir)
		panic("building netassist: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// proc is a running headless netassist whose stdout is read line by line.
type proc struct {
	t      *testing.T
	cmd    *exec.Cmd
	lines  chan string
	stderr *bytes.Buffer
}

func start(t *testing.T, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(binary, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &proc{t: t, cmd: cmd, lines: make(chan string, 1024), stderr: &bytes.Buffer{}}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(p.lines)
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			p.lines <- sc.Text()
		}
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	return p
}

// next returns the next stdout line, failing after 20s (a -race binary
// starting on two busy cores).
func (p *proc) next() string {
	p.t.Helper()
	select {
	case l, ok := <-p.lines:
		if !ok {
			p.t.Fatalf("netassist exited; stderr: %s", p.stderr)
		}
		return l
	case <-time.After(20 * time.Second):
		p.t.Fatalf("no output within 20s; stderr: %s", p.stderr)
	}
	return ""
}

// event reads the next line as a JSON object, keeping the field order.
func (p *proc) event() (map[string]any, []string) {
	p.t.Helper()
	line := p.next()
	var m map[string]any
	if err := json.Unmarshal([]byte(line), &m); err != nil {
		p.t.Fatalf("not JSON: %q: %v", line, err)
	}
	dec := json.NewDecoder(strings.NewReader(line))
	dec.Token()
	var keys []string
	for dec.More() {
		k, _ := dec.Token()
		keys = append(keys, k.(string))
		var skip json.RawMessage
		dec.Decode(&skip)
	}
	return m, keys
}

// stop interrupts netassist and returns its exit code.
func (p *proc) stop() int {
	p.t.Helper()
	p.cmd.Process.Signal(syscall.SIGINT)
	done := make(chan struct{})
	go func() { p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		p.t.Fatal("netassist did not exit on SIGINT")
	}
	return p.cmd.ProcessState.ExitCode()
}

func TestHeadlessJSONLMatchesDesign(t *testing.T) {
	p := start(t, "server", "--headless", "--format", "jsonl", "-l", "127.0.0.1:0",
		"--reply", `HTTP/1.0 200 OK\r\n\r\n<title>ok</title>`, "--close-after-reply")
	ev, keys := p.event()
	wantKeys := func(ev map[string]any, keys []string, want ...string) {
		t.Helper()
		if !reflect.DeepEqual(keys, want) {
			t.Fatalf("event %v has fields %v, want %v", ev["event"], keys, want)
		}
		if _, err := time.Parse(time.RFC3339Nano, ev["time"].(string)); err != nil {
			t.Errorf("time %q is not RFC 3339: %v", ev["time"], err)
		}
		if ev["tab"] != "server" {
			t.Errorf("tab = %v", ev["tab"])
		}
	}
	wantKeys(ev, keys, "time", "tab", "event", "addr")
	addr := ev["addr"].(string)
	if ev["event"] != "listen" || !strings.HasPrefix(addr, "127.0.0.1:") || strings.HasSuffix(addr, ":0") {
		t.Fatalf("first event %v, want listen with the real address", ev)
	}

	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	req := []byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n\x00\xff")
	c.Write(req)
	reply, _ := io.ReadAll(c)
	if string(reply) != "HTTP/1.0 200 OK\r\n\r\n<title>ok</title>" {
		t.Fatalf("reply %q", reply)
	}

	ev, keys = p.event()
	wantKeys(ev, keys, "time", "tab", "event", "conn", "local", "remote")
	if ev["event"] != "open" || ev["conn"] != 1.0 || ev["local"] != addr || ev["remote"] != c.LocalAddr().String() {
		t.Errorf("open event %v", ev)
	}
	var in, out []byte
	var closed map[string]any
	for closed == nil {
		ev, keys = p.event()
		switch ev["event"] {
		case "data":
			wantKeys(ev, keys, "time", "tab", "event", "conn", "dir", "len", "data")
			b, err := base64.StdEncoding.DecodeString(ev["data"].(string))
			if err != nil || float64(len(b)) != ev["len"] {
				t.Fatalf("data %v: len/base64 mismatch (%v)", ev, err)
			}
			if ev["dir"] == "in" {
				in = append(in, b...)
			} else {
				out = append(out, b...)
			}
		case "close":
			wantKeys(ev, keys, "time", "tab", "event", "conn", "by")
			closed = ev
		default:
			t.Fatalf("unexpected event %v", ev)
		}
	}
	if !bytes.Equal(in, req) || !bytes.Equal(out, reply) {
		t.Errorf("captured in %q out %q", in, out)
	}
	if closed["by"] != "local" {
		t.Errorf("closed by %v, want local (close-after-reply)", closed["by"])
	}
	if code := p.stop(); code != 0 {
		t.Errorf("exit code %d after SIGINT, want 0", code)
	}
}

func TestHeadlessPortInUse(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(binary, "server", "--headless", "-l", busy.Addr().String())
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Run()
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], busy.Addr().String()) || !strings.Contains(lines[0], "address already in use") {
		t.Errorf("stderr %q: want one line naming the address and the cause", stderr.String())
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"--bogus"},
		{"server", "--format", "xml", "--headless"},
		{"client"},
		{"server", "extra"},
		{"web", "--encoding", "lzma"},
		{"server", "--close-after-reply"},
		{"--max-capture", "lots"},
	} {
		var stderr bytes.Buffer
		cmd := exec.Command(binary, args...)
		cmd.Stderr = &stderr
		cmd.Run()
		if code := cmd.ProcessState.ExitCode(); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
		if !strings.HasPrefix(stderr.String(), "netassist: ") || strings.Count(stderr.String(), "\n") != 1 ||
			strings.Contains(stderr.String(), "goroutine") {
			t.Errorf("%v: stderr %q, want one line", args, stderr.String())
		}
	}
	for _, args := range [][]string{{"--help"}, {"-h"}, {"web", "--help"}, {"--version"}, {"completion", "bash"}} {
		out, err := exec.Command(binary, args...).Output()
		if err != nil || len(out) == 0 {
			t.Errorf("%v: %v, output %q", args, err, out)
		}
	}
	// The man page (fang's hidden man command) is roff for section 1.
	out, err := exec.Command(binary, "man").Output()
	if err != nil || !bytes.HasPrefix(out, []byte(".TH NETASSIST 1")) || !bytes.Contains(out, []byte("headless")) {
		t.Errorf("man: %v, output %.200q", err, out)
	}
}

func TestHeadlessTextIsSafe(t *testing.T) {
	p := start(t, "--headless", "-l", "127.0.0.1:0")
	first := p.next()
	i := strings.Index(first, "listening on ")
	if i < 0 {
		t.Fatalf("first line %q", first)
	}
	addr := first[i+len("listening on "):]
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	c.Write([]byte("\x1b]0;pwned\x07\x1b[2J\u202e\r\nok"))
	var got []string
	for len(got) < 4 {
		got = append(got, p.next())
	}
	all := strings.Join(got, "\n")
	if strings.ContainsAny(all, "\x1b\x07\u202e\r") {
		t.Fatalf("raw control bytes in text output: %q", all)
	}
	if !strings.Contains(all, `\x1B]0;pwned\x07\x1B[2J\u{202E}\r\n`) || !strings.Contains(got[3], "ok") {
		t.Errorf("text output:\n%s", all)
	}
	if !strings.Contains(got[1], " in  21 bytes") {
		t.Errorf("data header %q", got[1])
	}
	c.Close()
	p.stop()
}

func TestRecordEqualsStdout(t *testing.T) {
	rec := filepath.Join(t.TempDir(), "rec.jsonl")
	p := start(t, "--headless", "--format=jsonl", "-l=127.0.0.1:0", "--record", rec)
	ev, _ := p.event()
	c, err := net.Dial("tcp", ev["addr"].(string))
	if err != nil {
		t.Fatal(err)
	}
	c.Write([]byte("hello"))
	var lines []string
	for range 2 { // open, data
		lines = append(lines, p.next())
	}
	c.Close()
	lines = append(lines, p.next()) // close
	p.stop()
	b, err := os.ReadFile(rec)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(got) != 4 || !reflect.DeepEqual(got[1:], lines) {
		t.Errorf("record file:\n%s\nstdout:\n%s", b, strings.Join(lines, "\n"))
	}
}

func TestHeadlessClientRepeatWithSeq(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	got := make(chan string, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			got <- err.Error()
			return
		}
		defer c.Close()
		var b []byte
		buf := make([]byte, 256)
		for len(b) < len("msg 1\r\nmsg 2\r\nmsg 3\r\n") {
			n, err := c.Read(buf)
			if err != nil {
				break
			}
			b = append(b, buf[:n]...)
		}
		c.Write([]byte("bye"))
		got <- string(b)
	}()
	// Flags after the positional argument, --flag=value form.
	out, err := exec.Command(binary, "client", ln.Addr().String(), "--headless", "--format=jsonl",
		"--send", `msg {{seq}}\r\n`, "--repeat", "10ms", "--count", "3", "--wait", "300ms").Output()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if s := <-got; s != "msg 1\r\nmsg 2\r\nmsg 3\r\n" {
		t.Errorf("server read %q", s)
	}
	if !bytes.Contains(out, []byte(`"dir":"in","len":3,"data":"Ynll"`)) {
		t.Errorf("reply not in output:\n%s", out)
	}
}

func TestHeadlessClientJSONLMatchesDesign(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		buf := make([]byte, 64)
		n, _ := c.Read(buf)
		c.Write(append([]byte("echo: "), buf[:n]...))
		c.Close()
	}()
	p := start(t, "client", "--headless", "--format", "jsonl", ln.Addr().String(), "--send", `hi\r\n`)
	type want struct {
		event string
		keys  []string
		check func(map[string]any) bool
	}
	for _, w := range []want{
		{"open", []string{"time", "tab", "event", "conn", "local", "remote"}, func(e map[string]any) bool {
			return e["remote"] == ln.Addr().String() && e["conn"] == 1.0
		}},
		{"data", []string{"time", "tab", "event", "conn", "dir", "len", "data"}, func(e map[string]any) bool {
			return e["dir"] == "out" && e["len"] == 4.0 && e["data"] == base64.StdEncoding.EncodeToString([]byte("hi\r\n"))
		}},
		{"data", []string{"time", "tab", "event", "conn", "dir", "len", "data"}, func(e map[string]any) bool {
			return e["dir"] == "in" && e["data"] == base64.StdEncoding.EncodeToString([]byte("echo: hi\r\n"))
		}},
		{"close", []string{"time", "tab", "event", "conn", "by"}, func(e map[string]any) bool { return e["by"] == "peer" }},
	} {
		ev, keys := p.event()
		if ev["event"] != w.event || ev["tab"] != "client" || !reflect.DeepEqual(keys, w.keys) || !w.check(ev) {
			t.Fatalf("got %v (fields %v), want a %s event with fields %v", ev, keys, w.event, w.keys)
		}
	}
	if err := p.cmd.Wait(); err != nil {
		t.Errorf("exit: %v, want 0 once the peer closed", err)
	}
}

func TestHeadlessClientFailures(t *testing.T) {
	refused, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refusedAddr := refused.Addr().String()
	refused.Close()
	silent := silentPeer(t, false)
	closer := silentPeer(t, true)
	udp, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer udp.Close()
	big := filepath.Join(t.TempDir(), "big70k")
	if err := os.WriteFile(big, make([]byte, 70000), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"client", refusedAddr, "--headless"}, "connection refused"},
		{[]string{"client", "nonexistent.invalid:80", "--headless"}, "no such host"},
		{[]string{"client", silent, "--headless", "--wait", "300ms", "--expect-reply", "--send", "hi"}, "no reply within 300ms"},
		{[]string{"client", closer, "--headless", "--expect-reply", "--send", "hi"}, "closed the connection without a reply"},
		// the flag the user gave is named (breaker-2 D9)
		{[]string{"client", "--udp", udp.LocalAddr().String(), "--headless", "--send-file", big}, "--send-file: 70000 bytes"},
		{[]string{"client", "--udp", udp.LocalAddr().String(), "--headless", "--send", strings.Repeat("x", 70000)}, "--send: 70000 bytes"},
	} {
		var stderr bytes.Buffer
		cmd := exec.Command(binary, tc.args...)
		cmd.Stderr = &stderr
		cmd.Run()
		lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
		if code := cmd.ProcessState.ExitCode(); code != 1 || len(lines) != 1 || !strings.Contains(lines[0], tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 1 and one line with %q", tc.args, code, stderr.String(), tc.want)
		}
	}
}

// silentPeer accepts connections and reads them without ever answering;
// with closeAfterRead it closes each connection once the first bytes came.
// It returns the address.
func silentPeer(t *testing.T, closeAfterRead bool) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				buf := make([]byte, 64<<10)
				for {
					n, err := c.Read(buf)
					if err != nil || (n > 0 && closeAfterRead) {
						return
					}
				}
			}()
		}
	}()
	return ln.Addr().String()
}

// TestHeadlessClientSilentPeerIsNoFailure: without --expect-reply a peer
// that never answers (or closes without answering) is exit 0 once every
// send was written, as with ncat (issue 12 item 10).
func TestHeadlessClientSilentPeerIsNoFailure(t *testing.T) {
	for _, peer := range []string{silentPeer(t, false), silentPeer(t, true)} {
		var stdout, stderr bytes.Buffer
		cmd := exec.Command(binary, "client", peer, "--headless", "--format", "jsonl", "--wait", "300ms", "--send", `hi\r\n`)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		cmd.Run()
		if code := cmd.ProcessState.ExitCode(); code != 0 || stderr.Len() != 0 {
			t.Errorf("silent peer %s: exit %d, stderr %q; want 0 and nothing", peer, code, stderr.String())
		}
		if !bytes.Contains(stdout.Bytes(), []byte(`"dir":"out","len":4,"data":"aGkNCg=="`)) {
			t.Errorf("the send is not in the output:\n%s", stdout.String())
		}
	}
}

// TestHeadlessClientUnwrittenSendFails: a peer that resets before taking
// what was sent makes the run fail, naming how much was written.
func TestHeadlessClientUnwrittenSendFails(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			// Take one byte first: reset at once and the client's connect
			// itself may fail (SO_ERROR reads ECONNRESET), not its send.
			c.Read(make([]byte, 1))
			c.(*net.TCPConn).SetLinger(0) // close sends RST
			c.Close()
		}
	}()
	big := filepath.Join(t.TempDir(), "big")
	if err := os.WriteFile(big, bytes.Repeat([]byte("x"), 64<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(binary, "client", ln.Addr().String(), "--headless", "--format", "jsonl", "--send-file", big)
	cmd.Stderr = &stderr
	cmd.Run()
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	if code := cmd.ProcessState.ExitCode(); code != 1 || len(lines) != 1 || !strings.Contains(lines[0], "of 67108864 bytes to") {
		t.Errorf("exit %d, stderr %q; want 1 and one line saying how much was sent", code, stderr.String())
	}
}

// A character split across two reads (written apart on a real socket) is
// shown whole in headless text, under the read that completes it (issue 12
// item 3).
func TestHeadlessTextSplitCharacter(t *testing.T) {
	p := start(t, "--headless", "-l", "127.0.0.1:0")
	first := p.next()
	addr := first[strings.Index(first, "listening on ")+len("listening on "):]
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	p.next() // connected
	b := []byte("你好世界")
	c.Write(b[:4])
	if h, body := p.next(), p.next(); !strings.HasSuffix(h, " in  4 bytes (1 byte of a character held for the next read)") || body != "你" {
		t.Fatalf("first read: %q / %q", h, body)
	}
	c.Write(b[4:])
	if h, body := p.next(), p.next(); !strings.HasSuffix(h, " in  8 bytes") || body != "好世界" {
		t.Fatalf("second read: %q / %q", h, body)
	}
	c.Write([]byte("\xe4"))
	p.next()
	p.next()
	c.Close()
	// Held bytes show where the direction ends: the FIN line, or the
	// close line (headless closes on a FIN).
	if l := p.next(); !strings.HasSuffix(l, `ended mid-character: \xE4)`) {
		t.Fatalf("end: %q", l)
	}
	p.stop()
}

package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// requireTool skips when a real client is missing locally; in CI (CI=true)
// a missing tool is a failure, since .ci/run installs it.
func requireTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed (CI must install it: see .ci/run)", name)
		}
		t.Skipf("%s is not installed; skipping (CI installs it)", name)
	}
	return p
}

// tmuxSeq numbers tmux servers, so each session has a socket of its own.
var tmuxSeq atomic.Int64

// tmuxSession is a shell in a detached tmux session on a private socket.
type tmuxSession struct {
	t      *testing.T
	socket string
	name   string
}

func newTmux(t *testing.T, w, h int) *tmuxSession {
	t.Helper()
	requireTool(t, "tmux")
	s := &tmuxSession{t: t, socket: fmt.Sprintf("netassist-test-%d-%d", os.Getpid(), tmuxSeq.Add(1)), name: "t"}
	s.run("new-session", "-d", "-s", s.name, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "bash --norc --noprofile")
	t.Cleanup(func() { exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	return s
}

func (s *tmuxSession) run(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v: %s", args, err, out)
	}
	return string(out)
}

// keys types keys as tmux send-keys understands them (e.g. "M-t", "C-s").
func (s *tmuxSession) keys(keys ...string) {
	s.t.Helper()
	s.run(append([]string{"send-keys", "-t", s.name}, keys...)...)
}

func (s *tmuxSession) screen() string { return s.run("capture-pane", "-p", "-t", s.name) }

func (s *tmuxSession) waitFor(what string, re *regexp.Regexp) []string {
	s.t.Helper()
	deadline := time.Now().Add(30 * time.Second) // generous: -race binaries on two busy cores
	for {
		scr := s.screen()
		if m := re.FindStringSubmatch(scr); m != nil {
			return m
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("timed out waiting for %s; screen:\n%s", what, scr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestTmuxCurlExercise is the classroom exercise done by a person at the
// keyboard: start netassist, point curl at it, see the request, type a
// reply with the keys from help, send it, see curl print it, look at the
// Web tab, quit, and get a working shell back.
func TestTmuxCurlExercise(t *testing.T) {
	curl := requireTool(t, "curl")
	s := newTmux(t, 100, 30)
	s.keys(binary+" -l 127.0.0.1:0; echo EXIT=$?", "Enter")
	m := s.waitFor("listening", regexp.MustCompile(`listening on (127\.0\.0\.1:\d+)`))
	addr := m[1]

	out := make(chan string, 1)
	go func() {
		b, err := exec.Command(curl, "-s", "-m", "20", "http://"+addr+"/hello").CombinedOutput()
		if err != nil {
			out <- fmt.Sprintf("curl: %v: %s", err, b)
			return
		}
		out <- string(b)
	}()
	s.waitFor("the request", regexp.MustCompile(`GET /hello HTTP/1\.1\\r\\n`))
	s.waitFor("curl's User-Agent", regexp.MustCompile(`User-Agent: curl/`))

	// Help lists the keys used below.
	s.keys("F1")
	s.waitFor("help", regexp.MustCompile(`press \? or esc to close help`))
	help := s.screen()
	for _, k := range []string{"ctrl+s", "alt+c", "alt+3", "ctrl+c"} {
		if !strings.Contains(help, k) {
			t.Errorf("help does not list %s:\n%s", k, help)
		}
	}
	// Wait for each screen change before the next key, as a person does:
	// an Escape followed at once by text reads as Alt+letter.
	s.keys("Escape")
	s.waitFor("help closed", regexp.MustCompile(`Send to #1 :\d+ \(follows the last sender\)`))

	// Type the reply by hand, on one line with escapes.
	s.keys("-l", `HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n<h1>hi</h1>`)
	s.waitFor("preview", regexp.MustCompile(`50 bytes: HTTP/1\.1 200 OK\\r\\n`))
	s.keys("M-c")
	s.waitFor("close after", regexp.MustCompile(`escapes · close`)) // the send box's title (cut at 80 columns): the help line says "close after send" anyway
	s.keys("C-s")
	select {
	case got := <-out:
		if got != "<h1>hi</h1>" {
			t.Fatalf("curl printed %q", got)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("curl got no reply")
	}
	s.waitFor("sent", regexp.MustCompile(`sent 50 bytes to #1 :\d+ and closed`))
	s.waitFor("closed", regexp.MustCompile(`#1 closed by local`))

	s.keys("M-3")
	s.waitFor("web tab", regexp.MustCompile(`Web`))
	s.keys("C-c")
	s.waitFor("exit", regexp.MustCompile(`EXIT=0`))
	// The terminal is back in cooked mode: echo and canonical input.
	s.keys("stty -a | tr ' ' '\\n' | grep -x -e '-\\?icanon' -e '-\\?echo' | tr '\\n' ' '; echo", "Enter")
	s.waitFor("cooked mode", regexp.MustCompile(`(?m)^icanon echo\s*$|^echo icanon\s*$`))
}

// TestTmuxOnlyTheAskedModeListens runs `netassist web` and `netassist
// client ADDR` in a terminal and counts the listening sockets the process
// owns: the web server's one, and none for the client — the Server tab's
// 127.0.0.1:7890 is not opened unasked (issue 12 item 10).
func TestTmuxOnlyTheAskedModeListens(t *testing.T) {
	peer := silentPeer(t, false)
	for _, tc := range []struct {
		args string
		wait *regexp.Regexp
		want int
	}{
		{"web -l 127.0.0.1:0", regexp.MustCompile(`web server listening on 127\.0\.0\.1:\d+|listening on 127\.0\.0\.1:\d+`), 1},
		{"client " + peer, regexp.MustCompile(`connected`), 0},
	} {
		s := newTmux(t, 100, 30)
		s.keys("exec "+binary+" "+tc.args, "Enter")
		s.waitFor(tc.args, tc.wait)
		pid := strings.TrimSpace(s.run("display", "-p", "-t", s.name, "#{pane_pid}"))
		got, err := listeningSockets(pid)
		if err != nil {
			t.Skipf("cannot read the process's sockets: %v", err)
		}
		if len(got) != tc.want {
			t.Errorf("netassist %s listens on %v, want %d listener(s)", tc.args, got, tc.want)
		}
		s.keys("C-c")
	}
}

// listeningSockets lists the local addresses (hex, as /proc/net/tcp has
// them) of the TCP sockets in LISTEN state that process pid holds open.
func listeningSockets(pid string) ([]string, error) {
	fds, err := os.ReadDir("/proc/" + pid + "/fd")
	if err != nil {
		return nil, err
	}
	inodes := map[string]bool{}
	for _, fd := range fds {
		link, err := os.Readlink("/proc/" + pid + "/fd/" + fd.Name())
		if ino, ok := strings.CutPrefix(link, "socket:["); err == nil && ok {
			inodes[strings.TrimSuffix(ino, "]")] = true
		}
	}
	var out []string
	for _, table := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		b, err := os.ReadFile(table)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(b), "\n")[1:] {
			f := strings.Fields(line)
			if len(f) > 9 && f[3] == "0A" && inodes[f[9]] {
				out = append(out, f[1])
			}
		}
	}
	return out, nil
}

// TestTmuxSignalRestoresTerminal sends each signal that ends the process
// to the TUI running in tmux with --record and a client connected: the
// program quits cleanly — out of the alternate screen, cursor shown, the
// shell back in cooked mode — and the record decodes to its last line.
func TestTmuxSignalRestoresTerminal(t *testing.T) {
	for _, sig := range []string{"HUP", "TERM", "INT", "QUIT"} {
		t.Run(sig, func(t *testing.T) {
			rec := filepath.Join(t.TempDir(), "rec.jsonl")
			s := newTmux(t, 100, 30)
			s.keys(binary+" -l 127.0.0.1:0 --record "+rec+"; echo EXIT=$?", "Enter")
			m := s.waitFor("listening", regexp.MustCompile(`listening on (127\.0\.0\.1:\d+)`))
			if on := strings.TrimSpace(s.run("display", "-p", "-t", s.name, "#{alternate_on}")); on != "1" {
				t.Fatalf("the TUI is not in the alternate screen (alternate_on=%s)", on)
			}
			c, err := net.Dial("tcp", m[1])
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			c.Write([]byte("hello before the signal\r\n"))
			s.waitFor("the data", regexp.MustCompile(`hello before the signal`))

			shell := strings.TrimSpace(s.run("display", "-p", "-t", s.name, "#{pane_pid}"))
			out, err := exec.Command("pgrep", "-P", shell).Output()
			if err != nil {
				t.Skipf("pgrep: %v", err)
			}
			pid := strings.Fields(string(out))[0]
			if err := exec.Command("kill", "-"+sig, pid).Run(); err != nil {
				t.Fatal(err)
			}
			s.waitFor("the shell", regexp.MustCompile(`EXIT=0`))
			if on := strings.TrimSpace(s.run("display", "-p", "-t", s.name, "#{alternate_on}")); on != "0" {
				t.Errorf("after SIG%s the terminal is still in the alternate screen", sig)
			}
			if cur := strings.TrimSpace(s.run("display", "-p", "-t", s.name, "#{cursor_flag}")); cur != "1" {
				t.Errorf("after SIG%s the cursor is hidden", sig)
			}
			s.keys("stty -a | tr ' ' '\\n' | grep -x -e '-\\?icanon' -e '-\\?echo' | tr '\\n' ' '; echo", "Enter")
			s.waitFor("cooked mode", regexp.MustCompile(`(?m)^icanon echo\s*$|^echo icanon\s*$`))
			_, in := decodeJSONL(t, rec)
			if string(in) != "hello before the signal\r\n" {
				t.Errorf("record holds %q", in)
			}
		})
	}
}

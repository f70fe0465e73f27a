//go:build e2e

package e2e

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

var tmuxSeq atomic.Int64

// tmuxSession is a shell in a detached tmux session on a private socket
// (-L) with no user configuration (-f /dev/null).
type tmuxSession struct {
	t      *testing.T
	socket string
	name   string
}

func newTmux(t *testing.T, w, h int) *tmuxSession {
	t.Helper()
	requireTool(t, "tmux")
	s := &tmuxSession{t: t, socket: fmt.Sprintf("netassist-e2e-%d-%d", os.Getpid(), tmuxSeq.Add(1)), name: "e2e"}
	s.run("-f", "/dev/null", "new-session", "-d", "-s", s.name, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "bash --norc --noprofile")
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

// keys types keys as tmux send-keys understands them ("M-c", "C-s", "F1",
// or "-l" followed by literal text).
func (s *tmuxSession) keys(keys ...string) {
	s.t.Helper()
	s.run(append([]string{"send-keys", "-t", s.name}, keys...)...)
}

func (s *tmuxSession) screen() string { return s.run("capture-pane", "-p", "-t", s.name) }

// waitFor polls the screen until re matches (or, with absent, until it no
// longer does), failing after 30s with the screen in the message.
func (s *tmuxSession) waitFor(what string, re *regexp.Regexp) []string {
	s.t.Helper()
	return s.wait(what, re, false)
}

func (s *tmuxSession) waitGone(what string, re *regexp.Regexp) {
	s.t.Helper()
	s.wait(what, re, true)
}

func (s *tmuxSession) wait(what string, re *regexp.Regexp, absent bool) []string {
	s.t.Helper()
	deadline := time.Now().Add(30 * time.Second) // generous: -race binaries on two busy cores
	for {
		scr := s.screen()
		m := re.FindStringSubmatch(scr)
		if (m != nil) != absent {
			return m
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("timed out waiting for %s (%v); screen:\n%s", what, re, scr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestTmuxServerExercise is the classroom exercise done by a person at the
// keyboard, on the real binary in a real terminal: start the Server tab,
// point curl at it, see the raw request, type a reply, close after send,
// send it and see curl print it; hostile bytes from another client are
// shown escaped and never reach the terminal; look at the Web tab and the
// help; quit with ctrl+c and get a working shell back (not in raw mode).
func TestTmuxServerExercise(t *testing.T) {
	announce(t, "tmux: Server tab + curl, typed reply sent, hostile bytes escaped, Web tab, help, ctrl+c, terminal restored")
	curl := requireTool(t, "curl")
	s := newTmux(t, 120, 40)
	s.keys("-l", binary+" -l 127.0.0.1:0; echo EXIT=$?")
	s.keys("Enter")
	addr := s.waitFor("the listen address", regexp.MustCompile(`listening on (127\.0\.0\.1:\d+)`))[1]

	type result struct {
		out  string
		err  error
		code int
	}
	curlDone := make(chan result, 1)
	go func() {
		cmd := exec.Command(curl, "-sS", "-m", "30", "http://"+addr+"/")
		out, err := cmd.Output()
		curlDone <- result{string(out), err, cmd.ProcessState.ExitCode()}
	}()
	s.waitFor("the request line", regexp.MustCompile(`GET / HTTP/1\.1\\r\\n`))
	s.waitFor("curl's User-Agent", regexp.MustCompile(`User-Agent: curl/[^ ]*\\r\\n`))
	s.waitFor("curl's Accept", regexp.MustCompile(`Accept: \*/\*\\r\\n`))

	// Help lists the keys used below.
	s.keys("F1")
	s.waitFor("help", regexp.MustCompile(`press \? or esc to close help`))
	help := s.screen()
	for _, k := range []string{"ctrl+s", "alt+c", "alt+3", "ctrl+c"} {
		if !strings.Contains(help, k) {
			t.Errorf("Server tab help does not list %s:\n%s", k, help)
		}
	}
	s.keys("Escape")
	s.waitFor("help closed", regexp.MustCompile(`Send to #1 :\d+ \(follows the last sender\)`))

	// Type the reply by hand on one line, with escapes; the preview shows
	// its exact size. Wait for each screen change before the next key: an
	// Escape followed at once by text reads as Alt+letter.
	typed := `HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi`
	wire := "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"
	s.keys("-l", typed)
	s.waitFor("the preview", regexp.MustCompile(fmt.Sprintf(`%d bytes: HTTP/1\.1 200 OK\\r\\nContent-Length: 2`, len(wire))))
	s.keys("M-c")
	s.waitFor("close after send on", regexp.MustCompile(`close after`))
	s.keys("C-s")
	select {
	case r := <-curlDone:
		if r.err != nil || r.out != "hi" {
			t.Fatalf("curl printed %q (exit %d, %v), want %q", r.out, r.code, r.err, "hi")
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("curl got no reply; screen:\n%s", s.screen())
	}
	s.waitFor("sent and closed", regexp.MustCompile(fmt.Sprintf(`sent %d bytes to .* and closed`, len(wire))))
	s.waitFor("the close", regexp.MustCompile(`#1 closed by local`))

	// Hostile bytes from another client: a title change (OSC 0), a screen
	// clear, a colour, a bidi override. They are shown escaped; the pane
	// title is untouched.
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	c.Write([]byte("\x1b]0;pwned\x07\x1b[2J\x1b[31mRED\u202eX\r\n"))
	s.waitFor("the hostile bytes, escaped", regexp.MustCompile(regexp.QuoteMeta(`\x1B]0;pwned\x07\x1B[2J\x1B[31mRED\u{202E}X\r\n`)))
	c.Close()
	// A FIN ends one direction only (issue 12 item 1): the connection stays
	// open for a reply.
	s.waitFor("the second client's FIN", regexp.MustCompile(`#2 peer finished sending \(FIN\)`))
	if title := s.run("display-message", "-p", "-t", s.name, "#{pane_title}"); strings.Contains(title, "pwned") {
		t.Errorf("network bytes set the pane title to %q", title)
	}
	// (The receive pane follows the last sender, #2; #1's row still names
	// the request it carried.)
	if scr := s.screen(); !regexp.MustCompile(`#1 :\d+ .*GET /`).MatchString(scr) {
		t.Errorf("the screen was cleared by network bytes:\n%s", scr)
	}

	// The Web tab: the Server tab's panes go, the Web tab's content shows.
	s.keys("M-3")
	s.waitGone("the Server tab's send pane", regexp.MustCompile(`Send to #`))
	s.waitFor("the Web tab", regexp.MustCompile(`(?m)\A.*\n(?s:.*)(Web tab|web server|Requests)`))

	// Its help lists the way out.
	s.keys("F1")
	s.waitFor("help", regexp.MustCompile(`press \? or esc to close help`))
	help = s.screen()
	for _, k := range []string{"ctrl+c", "alt+1"} {
		if !strings.Contains(help, k) {
			t.Errorf("Web tab help does not list %s:\n%s", k, help)
		}
	}
	s.keys("Escape")
	s.waitGone("help closed", regexp.MustCompile(`press \? or esc to close help`))

	// Quit with the key help shows; the shell is back in cooked mode.
	s.keys("C-c")
	s.waitFor("the exit status", regexp.MustCompile(`(?m)^EXIT=(\d+)\s*$`))
	if m := regexp.MustCompile(`(?m)^EXIT=(\d+)\s*$`).FindStringSubmatch(s.screen()); m[1] != "0" {
		t.Fatalf("netassist exited with %s; screen:\n%s", m[1], s.screen())
	}
	s.keys("-l", `stty -a | tr ' ' '\n' | grep -x -e '-\?icanon' -e '-\?echo' | tr '\n' ' '; echo`)
	s.keys("Enter")
	s.waitFor("cooked mode (icanon and echo)", regexp.MustCompile(`(?m)^icanon echo\s*$`))
}

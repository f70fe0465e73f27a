package server

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/history"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// newComposeHarness is newHarness with the config folder in dir.
func newComposeHarness(t *testing.T, w, h int, dir string) *harness {
	t.Helper()
	return start(t, w, h, options{dir: dir})
}

// peer reads everything a connection receives, in the background.
type peer struct {
	conn net.Conn
	mu   sync.Mutex // guards buf
	buf  bytes.Buffer
	done chan struct{}
}

func newPeer(t *testing.T, h *harness) *peer {
	t.Helper()
	p := &peer{conn: h.dial(), done: make(chan struct{})}
	h.Contains("1 open")
	go func() {
		defer close(p.done)
		b := make([]byte, 64<<10)
		for {
			n, err := p.conn.Read(b)
			p.mu.Lock()
			p.buf.Write(b[:n])
			p.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	return p
}

func (p *peer) bytes() []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]byte(nil), p.buf.Bytes()...)
}

// previewSeq matches the preview of `{{seq}}\n`: the next send's number.
var previewSeq = regexp.MustCompile(`\d+ bytes: (\d+)\\n`)

// A repeat over a real socket: the messages arrive in order with {{seq}}
// counting, the key stops it at once, and {{seq}} carries on from it. (Its
// pace is tested with a fake clock in package sendpane.)
func TestRepeatSendSeqAndStop(t *testing.T) {
	t.Parallel()
	h := newComposeHarness(t, 120, 30, t.TempDir())
	p := newPeer(t, h)
	h.Type(`{{seq}}\n`)
	h.Contains("2 bytes: 1\\n")

	h.StartRepeat("10ms")
	tuitest.WaitFor(t, "twenty messages", func() bool { return bytes.Count(p.bytes(), []byte("\n")) >= 20 })
	h.Key(tuitest.Alt('y'))
	s := h.Contains("repeat stopped after")
	var stopped int
	fmt.Sscanf(s[strings.Index(s, "repeat stopped after"):], "repeat stopped after %d sends", &stopped)
	// Wait until what the UI counted has all arrived: the preview shows
	// the next number, the peer holds every message before it.
	var lines []string
	h.WaitScreen("every send arrived", func(s string) bool {
		m := previewSeq.FindStringSubmatch(s)
		if m == nil {
			return false
		}
		next, _ := strconv.Atoi(m[1])
		lines = strings.Split(strings.TrimSuffix(string(p.bytes()), "\n"), "\n")
		return len(lines) == next-1
	})
	// Every send counted arrived; more may have: the batch handed to the
	// engine before the key (its size follows the machine's load; that
	// nothing comes after it is tested with a fake clock in sendpane).
	if stopped < 20 || len(lines) < stopped {
		t.Errorf("stopped after %d sends, %d messages arrived", stopped, len(lines))
	}
	for i, l := range lines {
		if l != strconv.Itoa(i+1) {
			t.Fatalf("message %d is %q, want %d (all: %q)", i, l, i+1, lines)
		}
	}
	if strings.Contains(h.Screen(), "⟳") {
		t.Errorf("running badge still shown after stop:\n%s", h.Screen())
	}
	h.Quit()
}

func TestRepeatStopsWhenTargetCloses(t *testing.T) {
	t.Parallel()
	h := newComposeHarness(t, 120, 30, t.TempDir())
	p := newPeer(t, h)
	h.Type("ping")
	h.StartRepeat("5ms")
	tuitest.WaitFor(t, "a few pings", func() bool { return bytes.Count(p.bytes(), []byte("ping")) >= 3 })
	p.conn.Close()
	s := h.Contains("repeat stopped after")
	if !strings.Contains(s, "closed") {
		t.Errorf("the stop message should say the target closed:\n%s", s)
	}
	h.WaitScreen("badge gone", func(s string) bool { return !strings.Contains(s, "⟳") })
	h.Quit()
}

func TestRepeatIntervalErrors(t *testing.T) {
	t.Parallel()
	h := newComposeHarness(t, 120, 30, t.TempDir())
	h.Type("x")
	for _, c := range []struct{ typed, want string }{
		{"abc", `"abc" is not a duration`},
		{"500us", "must be from 1ms to 1h0m0s"},
		{"2h", "must be from 1ms to 1h0m0s"},
	} {
		h.Key(tuitest.Alt('y'))
		h.Contains("Repeat every")
		h.Key(tuitest.Ctrl('u'))
		h.Type(c.typed)
		h.Key(tuitest.Enter)
		h.Contains(c.want)
		h.Key(tuitest.Esc)
		h.WaitScreen("field closed", func(s string) bool { return !strings.Contains(s, "Repeat every") })
	}
	// No connection: the field says so and nothing starts.
	h.Key(tuitest.Alt('y'))
	h.Key(tuitest.Enter)
	h.Contains("nowhere to send: no open connections")
	h.Key(tuitest.Esc)
	h.Quit()
}

func TestChecksumTrailerCycle(t *testing.T) {
	t.Parallel()
	h := newComposeHarness(t, 120, 30, t.TempDir())
	h.Type("123456789")
	h.Contains("9 bytes: 123456789")
	for _, c := range []struct{ title, preview string }{
		{"+sum8", `10 bytes: 123456789\xDD`},
		{"+XOR8", `10 bytes: 1234567891`},
		{"+CRC-16/MODBUS", `11 bytes: 1234567897K`},
		{"+CRC-16/CCITT-FALSE", `11 bytes: 123456789)\xB1`},
		{"+CRC-32", `13 bytes: 123456789\xCB\xF49&`},
	} {
		h.Key(tuitest.Alt('j'))
		h.Contains(c.title)
		h.Contains(c.preview)
	}
	h.Key(tuitest.Alt('j'))
	h.Contains("9 bytes: 123456789")
	if strings.Contains(h.Screen(), "+CRC") {
		t.Errorf("checksum still in the title after cycling to none")
	}
	// The trailer goes out with the send.
	p := newPeer(t, h)
	for range 3 {
		h.Key(tuitest.Alt('j')) // CRC-16/MODBUS
	}
	h.Contains("+CRC-16/MODBUS")
	h.Key(tuitest.Send)
	tuitest.WaitFor(t, "the frame", func() bool { return string(p.bytes()) == "1234567897K" })
	h.Quit()
}

func TestMacrosPreviewAndSend(t *testing.T) {
	t.Parallel()
	h := newComposeHarness(t, 120, 30, t.TempDir())
	p := newPeer(t, h)
	h.Type("n={{seq}};")
	h.Contains("4 bytes: n=1;")
	h.Key(tuitest.Send)
	h.Contains("sent 4 bytes")
	h.Contains("4 bytes: n=2;")
	h.Key(tuitest.Send)
	tuitest.WaitFor(t, "two sends", func() bool { return string(p.bytes()) == "n=1;n=2;" })
	h.Type("{{nope}}")
	h.Contains("unknown macro {{nope}}")
	h.Quit()
}

// writeRandomFile writes n pseudo-random bytes to a file in dir.
func writeRandomFile(t *testing.T, dir string, n int) (string, [32]byte) {
	t.Helper()
	data := make([]byte, n)
	r := rand.NewChaCha8([32]byte{1, 2, 3})
	r.Read(data)
	path := filepath.Join(dir, "big.bin")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path, sha256.Sum256(data)
}

func TestSendFile50MB(t *testing.T) {
	t.Parallel()
	const size = 50 << 20
	dir := t.TempDir()
	path, want := writeRandomFile(t, dir, size)
	h := newComposeHarness(t, 120, 30, t.TempDir())
	c := h.dial()
	h.Contains("1 open")

	h.Key(tuitest.Ctrl('o'))
	h.Contains("Send file")
	h.Paste(path)
	h.Key(tuitest.Enter)
	// The peer does not read yet, so the send waits on the socket: the UI
	// must still take keys meanwhile.
	h.Contains("⇪ big.bin")
	h.Key(tuitest.Alt('j'))
	s := h.Contains("+sum8")
	if !strings.Contains(s, "⇪ big.bin") || strings.Contains(s, "100%") {
		t.Fatalf("the key should be handled while the file is being sent:\n%s", s)
	}
	h.Key(tuitest.Alt('j'))
	h.Key(tuitest.Alt('j'))
	h.Key(tuitest.Alt('j'))
	h.Key(tuitest.Alt('j'))
	h.Key(tuitest.Alt('j')) // back to none

	hash := sha256.New()
	c.SetReadDeadline(time.Now().Add(30 * time.Second))
	n, err := io.CopyN(hash, c, size)
	if err != nil {
		t.Fatalf("read %d of %d bytes: %v", n, size, err)
	}
	if got := [32]byte(hash.Sum(nil)); got != want {
		t.Fatal("the file arrived with different bytes")
	}
	h.Contains("sent big.bin (50.0 MiB)")
	h.Contains("100%")
	h.Contains("✓ big.bin sent")
	if out := h.store.Totals(netassist.TabServer).BytesOut; out != size {
		t.Errorf("server wrote %d bytes, want %d", out, size)
	}
	h.Quit()
}

func TestSendFileCancel(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path, _ := writeRandomFile(t, dir, 32<<20)
	h := newComposeHarness(t, 120, 30, t.TempDir())
	h.dial() // never reads: the send stalls at the flow-control window
	h.Contains("1 open")
	h.Key(tuitest.Ctrl('o'))
	h.Paste(path)
	h.Key(tuitest.Enter)
	h.Contains("⇪ big.bin")
	h.Key(tuitest.Esc)
	h.Contains("cancelled sending big.bin after")
	h.WaitScreen("badge gone", func(s string) bool { return !strings.Contains(s, "⇪") })
	h.Quit()
}

// A file send cut by the peer's reset says how much went out and why the
// connection closed (breaker nit 16: "sending five.bin failed: the target
// connection is closed").
func TestSendFileResetSaysWhyAndHowMuch(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path, _ := writeRandomFile(t, dir, 32<<20)
	h := newComposeHarness(t, 120, 30, t.TempDir())
	c := h.dial()
	h.Contains("1 open")
	h.Key(tuitest.Ctrl('o'))
	h.Paste(path)
	h.Key(tuitest.Enter)
	h.Contains("⇪ big.bin")
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.CopyN(io.Discard, c, 1<<20); err != nil {
		t.Fatal(err)
	}
	c.(*net.TCPConn).SetLinger(0) // close with a reset
	c.Close()
	s := h.Contains("sending big.bin failed after ")
	if !strings.Contains(s, " of 32.0 MiB: the target connection is closed (") ||
		!(strings.Contains(s, "reset by peer") || strings.Contains(s, "broken pipe")) {
		t.Errorf("the failure should say how much and why:\n%s", s)
	}
	h.Quit()
}

func TestSendFileErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	h := newComposeHarness(t, 120, 30, t.TempDir())
	h.dial()
	h.Contains("1 open")
	h.Key(tuitest.Ctrl('o'))
	h.Paste(filepath.Join(dir, "missing.bin"))
	h.Key(tuitest.Enter)
	h.Contains("cannot read the file: no such file or directory")
	h.Contains("cannot read " + filepath.Join(dir, "missing.bin") + ": no such file")
	h.Contains("Send file") // the field stays open for a correction
	h.Key(tuitest.Ctrl('u'))
	h.Paste(dir)
	h.Key(tuitest.Enter)
	h.Contains("is a folder, not a file")
	h.Key(tuitest.Esc)
	h.WaitScreen("field closed", func(s string) bool { return !strings.Contains(s, "Send file") })
	h.Quit()
}

func TestSendFilePathCompletion(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, name := range []string{"alpha.bin", "alpine.txt", "beta.dat"} {
		os.WriteFile(filepath.Join(dir, name), []byte(name), 0o600)
	}
	os.Mkdir(filepath.Join(dir, "sub"), 0o700)
	h := newComposeHarness(t, 160, 30, t.TempDir())
	h.Key(tuitest.Ctrl('o'))
	h.Paste(dir + "/b")
	h.Key(tuitest.Tab)
	h.Contains("Send file " + dir + "/beta.dat")
	h.Key(tuitest.Ctrl('u'))
	h.Paste(dir + "/al")
	h.Key(tuitest.Tab)
	h.Contains("matches: alpha.bin  alpine.txt")
	h.Contains("Send file " + dir + "/alp")
	h.Key(tuitest.Ctrl('u'))
	h.Paste(dir + "/s")
	h.Key(tuitest.Tab)
	h.Contains("Send file " + dir + "/sub/")
	h.Key(tuitest.Tab)
	h.Contains("no match")
	h.Key(tuitest.Esc)
	h.Quit()
}

func TestHistorySurvivesRestart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	h := newComposeHarness(t, 120, 30, dir)
	p := newPeer(t, h)
	h.Type("first")
	h.Key(tuitest.Send)
	h.Contains("sent 5 bytes")
	h.Key(tuitest.Alt('k')) // clear
	h.Key(tuitest.Alt('h')) // hex mode
	h.Type("48 49")
	h.Key(tuitest.Send)
	h.Contains("sent 2 bytes")
	tuitest.WaitFor(t, "both sends", func() bool { return string(p.bytes()) == "firstHI" })
	tuitest.WaitFor(t, "the history file", func() bool {
		hist, _ := history.Load(dir)
		return hist.Len(string(netassist.TabServer)) == 2
	})
	h.Quit()

	h = newComposeHarness(t, 120, 30, dir)
	h.Type("draft")
	h.Key(tuitest.AltUp)
	h.Contains("history 1 of 2")
	h.Contains("2 bytes: HI") // hex mode came back with the entry
	h.Key(tuitest.AltUp)
	h.Contains("history 2 of 2")
	h.Contains("5 bytes: first")
	h.Key(tuitest.AltUp) // stays at the oldest
	h.NextFrame()        // drawn after the key
	h.Contains("history 2/2")
	h.Contains("5 bytes: first")
	h.Key(tuitest.AltDown)
	h.Contains("2 bytes: HI")
	h.Key(tuitest.AltDown)
	h.Contains("back to what you were typing")
	h.Contains("5 bytes: draft")
	h.Quit()
}

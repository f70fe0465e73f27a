package tui

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/history"
)

var (
	keyCtrlU    = tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	keyCtrlO    = tea.KeyPressMsg{Code: 'o', Mod: tea.ModCtrl}
	keyAltUp    = tea.KeyPressMsg{Code: tea.KeyUp, Mod: tea.ModAlt}
	keyAltDown  = tea.KeyPressMsg{Code: tea.KeyDown, Mod: tea.ModAlt}
	keyRepeat   = alt('y')
	keyChecksum = alt('j')
)

// newComposeHarness is newHarness with the config folder in dir.
func newComposeHarness(t *testing.T, w, h int, dir string) *harness {
	t.Helper()
	st := netassist.NewStore(0)
	srv := &netassist.Server{Store: st}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(func() { cancel(); srv.Close() })
	m := New(Config{Store: st, Server: srv, ListenAddr: "127.0.0.1:0", IsDark: true, Context: ctx,
		FrameInterval: time.Millisecond, ConfigDir: dir})
	last := &atomic.Pointer[string]{}
	tm := teatest.NewTestModel(t, probe{m, last}, teatest.WithInitialTermSize(w, h))
	hs := &harness{t: t, tm: tm, last: last, store: st, srv: srv}
	hs.contains("● listening on 127.0.0.1:")
	return hs
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
	h.contains("1 open")
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

// waitFor polls cond until it holds or 5s pass.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// startRepeat opens the interval field, types every and starts.
func startRepeat(h *harness, every string) {
	h.key(keyRepeat)
	h.contains("Repeat every 1s")
	h.key(keyCtrlU)
	h.tm.Type(every)
	h.key(keyEnter)
	h.contains("⟳ every " + every)
}

func TestRepeatSendRateAndSeq(t *testing.T) {
	h := newComposeHarness(t, 120, 30, t.TempDir())
	p := newPeer(t, h)
	h.tm.Type(`{{seq}}\n`)
	h.contains("2 bytes: 1\\n")

	startRepeat(h, "10ms")
	time.Sleep(time.Second)
	h.key(keyRepeat)
	h.contains("repeat stopped after")
	stopped := len(p.bytes())
	// Stopping is immediate: at most the batch already handed to the
	// engine when the key arrived may still land.
	time.Sleep(200 * time.Millisecond)
	got := p.bytes()
	if extra := strings.Count(string(got[stopped:]), "\n"); extra > 1 {
		t.Errorf("%d messages arrived after the stop", extra)
	}
	lines := strings.Split(strings.TrimSuffix(string(got), "\n"), "\n")
	if len(lines) < 95 || len(lines) > 105 {
		t.Errorf("repeat at 10ms for 1s delivered %d messages, want 95–105", len(lines))
	}
	for i, l := range lines {
		if l != strconv.Itoa(i+1) {
			t.Fatalf("message %d is %q, want %d (all: %q)", i, l, i+1, lines)
		}
	}
	if strings.Contains(h.screen(), "⟳") {
		t.Errorf("running badge still shown after stop:\n%s", h.screen())
	}
	// {{seq}} carries on from the repeat.
	h.contains(fmt.Sprintf("bytes: %d\\n", len(lines)+1))
	h.quit()
}

func TestRepeatStopsWhenTargetCloses(t *testing.T) {
	h := newComposeHarness(t, 120, 30, t.TempDir())
	p := newPeer(t, h)
	h.tm.Type("ping")
	startRepeat(h, "5ms")
	waitFor(t, "a few pings", func() bool { return bytes.Count(p.bytes(), []byte("ping")) >= 3 })
	p.conn.Close()
	s := h.contains("repeat stopped after")
	if !strings.Contains(s, "closed") {
		t.Errorf("the stop message should say the target closed:\n%s", s)
	}
	h.waitScreen("badge gone", func(s string) bool { return !strings.Contains(s, "⟳") })
	h.quit()
}

func TestRepeatIntervalErrors(t *testing.T) {
	h := newComposeHarness(t, 120, 30, t.TempDir())
	h.tm.Type("x")
	for _, c := range []struct{ typed, want string }{
		{"abc", `"abc" is not a duration`},
		{"500us", "must be from 1ms to 1h0m0s"},
		{"2h", "must be from 1ms to 1h0m0s"},
	} {
		h.key(keyRepeat)
		h.contains("Repeat every")
		h.key(keyCtrlU)
		h.tm.Type(c.typed)
		h.key(keyEnter)
		h.contains(c.want)
		h.key(keyEsc)
		h.waitScreen("field closed", func(s string) bool { return !strings.Contains(s, "Repeat every") })
	}
	// No connection: the field says so and nothing starts.
	h.key(keyRepeat)
	h.key(keyEnter)
	h.contains("nowhere to send: no open connections")
	h.key(keyEsc)
	h.quit()
}

func TestChecksumTrailerCycle(t *testing.T) {
	h := newComposeHarness(t, 120, 30, t.TempDir())
	h.tm.Type("123456789")
	h.contains("9 bytes: 123456789")
	for _, c := range []struct{ title, preview string }{
		{"+sum8", `10 bytes: 123456789\xDD`},
		{"+XOR8", `10 bytes: 1234567891`},
		{"+CRC-16/MODBUS", `11 bytes: 1234567897K`},
		{"+CRC-16/CCITT-FALSE", `11 bytes: 123456789)\xB1`},
		{"+CRC-32", `13 bytes: 123456789\xCB\xF49&`},
	} {
		h.key(keyChecksum)
		h.contains(c.title)
		h.contains(c.preview)
	}
	h.key(keyChecksum)
	h.contains("9 bytes: 123456789")
	if strings.Contains(h.screen(), "+CRC") {
		t.Errorf("checksum still in the title after cycling to none")
	}
	// The trailer goes out with the send.
	p := newPeer(t, h)
	for range 3 {
		h.key(keyChecksum) // CRC-16/MODBUS
	}
	h.contains("+CRC-16/MODBUS")
	h.key(keySend)
	waitFor(t, "the frame", func() bool { return string(p.bytes()) == "1234567897K" })
	h.quit()
}

func TestMacrosPreviewAndSend(t *testing.T) {
	h := newComposeHarness(t, 120, 30, t.TempDir())
	p := newPeer(t, h)
	h.tm.Type("n={{seq}};")
	h.contains("4 bytes: n=1;")
	h.key(keySend)
	h.contains("sent 4 bytes")
	h.contains("4 bytes: n=2;")
	h.key(keySend)
	waitFor(t, "two sends", func() bool { return string(p.bytes()) == "n=1;n=2;" })
	h.tm.Type("{{nope}}")
	h.contains("unknown macro {{nope}}")
	h.quit()
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
	const size = 50 << 20
	dir := t.TempDir()
	path, want := writeRandomFile(t, dir, size)
	h := newComposeHarness(t, 120, 30, t.TempDir())
	c := h.dial()
	h.contains("1 open")

	h.key(keyCtrlO)
	h.contains("Send file")
	h.tm.Type(path)
	h.key(keyEnter)
	// The peer does not read yet, so the send waits on the socket: the UI
	// must still take keys meanwhile.
	h.contains("⇪ big.bin")
	h.key(keyChecksum)
	s := h.contains("+sum8")
	if !strings.Contains(s, "⇪ big.bin") || strings.Contains(s, "100%") {
		t.Fatalf("the key should be handled while the file is being sent:\n%s", s)
	}
	h.key(keyChecksum)
	h.key(keyChecksum)
	h.key(keyChecksum)
	h.key(keyChecksum)
	h.key(keyChecksum) // back to none

	hash := sha256.New()
	c.SetReadDeadline(time.Now().Add(30 * time.Second))
	n, err := io.CopyN(hash, c, size)
	if err != nil {
		t.Fatalf("read %d of %d bytes: %v", n, size, err)
	}
	if got := [32]byte(hash.Sum(nil)); got != want {
		t.Fatal("the file arrived with different bytes")
	}
	h.contains("sent big.bin (50.0 MiB)")
	h.contains("100%")
	h.contains("✓ big.bin sent")
	if out := h.store.Totals(netassist.TabServer).BytesOut; out != size {
		t.Errorf("server wrote %d bytes, want %d", out, size)
	}
	h.quit()
}

func TestSendFileCancel(t *testing.T) {
	dir := t.TempDir()
	path, _ := writeRandomFile(t, dir, 32<<20)
	h := newComposeHarness(t, 120, 30, t.TempDir())
	h.dial() // never reads: the send stalls at the flow-control window
	h.contains("1 open")
	h.key(keyCtrlO)
	h.tm.Type(path)
	h.key(keyEnter)
	h.contains("⇪ big.bin")
	h.key(keyEsc)
	h.contains("cancelled sending big.bin after")
	h.waitScreen("badge gone", func(s string) bool { return !strings.Contains(s, "⇪") })
	h.quit()
}

func TestSendFileErrors(t *testing.T) {
	dir := t.TempDir()
	h := newComposeHarness(t, 120, 30, t.TempDir())
	h.dial()
	h.contains("1 open")
	h.key(keyCtrlO)
	h.tm.Type(filepath.Join(dir, "missing.bin"))
	h.key(keyEnter)
	h.contains("cannot read the file: no such file or directory")
	h.contains("cannot read " + filepath.Join(dir, "missing.bin") + ": no such file")
	h.contains("Send file") // the field stays open for a correction
	h.key(keyCtrlU)
	h.tm.Type(dir)
	h.key(keyEnter)
	h.contains("is a folder, not a file")
	h.key(keyEsc)
	h.waitScreen("field closed", func(s string) bool { return !strings.Contains(s, "Send file") })
	h.quit()
}

func TestSendFilePathCompletion(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"alpha.bin", "alpine.txt", "beta.dat"} {
		os.WriteFile(filepath.Join(dir, name), []byte(name), 0o600)
	}
	os.Mkdir(filepath.Join(dir, "sub"), 0o700)
	h := newComposeHarness(t, 160, 30, t.TempDir())
	h.key(keyCtrlO)
	h.tm.Type(dir + "/b")
	h.key(keyTab)
	h.contains("Send file " + dir + "/beta.dat")
	h.key(keyCtrlU)
	h.tm.Type(dir + "/al")
	h.key(keyTab)
	h.contains("matches: alpha.bin  alpine.txt")
	h.contains("Send file " + dir + "/alp")
	h.key(keyCtrlU)
	h.tm.Type(dir + "/s")
	h.key(keyTab)
	h.contains("Send file " + dir + "/sub/")
	h.key(keyTab)
	h.contains("no match")
	h.key(keyEsc)
	h.quit()
}

func TestHistorySurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	h := newComposeHarness(t, 120, 30, dir)
	p := newPeer(t, h)
	h.tm.Type("first")
	h.key(keySend)
	h.contains("sent 5 bytes")
	h.key(alt('k')) // clear
	h.key(alt('h')) // hex mode
	h.tm.Type("48 49")
	h.key(keySend)
	h.contains("sent 2 bytes")
	waitFor(t, "both sends", func() bool { return string(p.bytes()) == "firstHI" })
	waitFor(t, "the history file", func() bool {
		hist, _ := history.Load(dir)
		return hist.Len(string(netassist.TabServer)) == 2
	})
	h.quit()

	h = newComposeHarness(t, 120, 30, dir)
	h.tm.Type("draft")
	h.key(keyAltUp)
	h.contains("history 1 of 2")
	h.contains("2 bytes: HI") // hex mode came back with the entry
	h.key(keyAltUp)
	h.contains("history 2 of 2")
	h.contains("5 bytes: first")
	h.key(keyAltUp) // stays at the oldest
	h.contains("history 2/2")
	h.key(keyAltDown)
	h.contains("2 bytes: HI")
	h.key(keyAltDown)
	h.contains("back to what you were typing")
	h.contains("5 bytes: draft")
	h.quit()
}

func TestComposeKeysInHelp(t *testing.T) {
	h := newComposeHarness(t, 160, 40, t.TempDir())
	h.key(keyEsc) // leave the editor so ? opens help
	h.key(tea.KeyPressMsg{Code: '?', Text: "?"})
	s := h.contains("Keys")
	for _, want := range []string{"alt+y", "alt+j", "ctrl+o", "alt+↑/↓", "recall sent messages", "repeat send start/stop", "send a file"} {
		if !strings.Contains(s, want) {
			t.Errorf("help lacks %q:\n%s", want, s)
		}
	}
	h.quit()
}

func TestClientTabRepeatAndHistory(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		c, err := ln.Accept()
		if err == nil {
			accepted <- c
		}
	}()
	st := netassist.NewStore(0)
	cl := &netassist.Client{Store: st}
	srv := &netassist.Server{Store: st}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(func() { cancel(); srv.Close(); cl.Close() })
	dir := t.TempDir()
	m := New(Config{Store: st, Server: srv, Client: cl, ListenAddr: "127.0.0.1:0", ClientAddr: ln.Addr().String(),
		StartTab: netassist.TabClient, IsDark: true, Context: ctx, FrameInterval: time.Millisecond, ConfigDir: dir})
	last := &atomic.Pointer[string]{}
	tm := teatest.NewTestModel(t, probe{m, last}, teatest.WithInitialTermSize(120, 30))
	h := &harness{t: t, tm: tm, last: last, store: st, srv: srv}
	h.contains("● connected to")
	conn := <-accepted
	defer conn.Close()

	h.key(alt('k'))
	h.tm.Type(`#{{seq}}\n`)
	startRepeat(h, "20ms")
	var got bytes.Buffer
	buf := make([]byte, 4096)
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	for !strings.Contains(got.String(), "#3\n") {
		n, err := conn.Read(buf)
		if err != nil {
			t.Fatal(err)
		}
		got.Write(buf[:n])
	}
	if !strings.HasPrefix(got.String(), "#1\n#2\n#3\n") {
		t.Errorf("client repeat sent %q", got.String())
	}
	conn.Close() // the server goes away: the repeat stops with a message
	h.contains("repeat stopped after")
	waitFor(t, "the history file", func() bool {
		hist, _ := history.Load(dir)
		l := hist.List(string(netassist.TabClient))
		return len(l) == 1 && l[0].Text == `#{{seq}}\n`
	})
	h.key(alt('k'))
	h.key(keyAltUp)
	h.contains(`#{{seq}}\n`)
	h.quit()
}

// Two tabs saving their history at the same moment both end up in the
// file: each save reads, changes and writes it whole.
func TestHistorySavesOfTwoTabsDoNotLoseEachOther(t *testing.T) {
	dir := t.TempDir()
	for round := range 20 {
		text := fmt.Sprint("round ", round)
		entry := []history.Entry{{Text: text}}
		a := saveHistoryCmd(dir, netassist.TabServer, entry, uint64(round+1), &historySaver{})
		b := saveHistoryCmd(dir, netassist.TabClient, entry, uint64(round+1), &historySaver{})
		var wg sync.WaitGroup
		for _, cmd := range []tea.Cmd{a, b} {
			wg.Add(1)
			go func() { defer wg.Done(); cmd() }()
		}
		wg.Wait()
		h, err := history.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, tab := range []netassist.Tab{netassist.TabServer, netassist.TabClient} {
			if l := h.List(string(tab)); len(l) == 0 || l[0].Text != text {
				t.Fatalf("round %d: the %s tab's save was lost: %v", round, tab, l)
			}
		}
	}
}

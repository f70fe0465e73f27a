package tui

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/render"
)

// Tests of the receive pane's display options, chunk selection, copy and
// save, each through its key on a running TUI with real loopback sockets.

func plain(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

// recvFocused is a harness with one client connected to the Server tab,
// the receive pane focused.
func recvFocused(t *testing.T, w, h int) (*harness, *connWriter) {
	t.Helper()
	hs := newHarness(t, w, h)
	c := &connWriter{h: hs, c: hs.dial()}
	hs.contains("#1 connected from")
	hs.key(keyTab) // send → receive
	hs.contains("v select a chunk")
	return hs, c
}

// connWriter writes to the peer side and waits until the store counted
// the bytes, so each write is its own chunk.
type connWriter struct {
	h *harness
	c interface{ Write([]byte) (int, error) }
}

func (w *connWriter) write(b string) {
	w.h.t.Helper()
	want := w.h.store.Totals(netassist.TabServer).BytesIn + int64(len(b))
	if _, err := w.c.Write([]byte(b)); err != nil {
		w.h.t.Fatal(err)
	}
	w.h.waitScreen("bytes counted", func(string) bool {
		return w.h.store.Totals(netassist.TabServer).BytesIn == want
	})
}

func TestRecvEncodingGBK(t *testing.T) {
	h, c := recvFocused(t, 100, 30)
	c.write("\xC4\xE3\xBA\xC3") // 你好 in GBK
	h.contains(`\xC4\xE3\xBA\xC3`)
	h.lacks("你好")

	h.key(plain('e'))
	h.contains("你好")
	h.contains("Receive · following · GBK")
	h.contains("receive encoding: GBK")
	h.key(alt('g')) // the alt form, from any pane
	h.contains("Receive · following · GB18030")
	h.contains("你好")
	h.key(alt('g'))
	h.contains("Receive · following · Latin-1")
	h.contains("Äãº") // each byte its own code point (0xC3 is Ã)
	h.key(alt('g'))
	h.contains(`\xC4\xE3\xBA\xC3`)
	h.contains("receive encoding: UTF-8")
	h.lacks("· Latin-1")

	// The hex view is the same whatever the encoding.
	h.key(alt('g'))
	h.key(plain('x'))
	h.contains("00000000  c4 e3 ba c3")
	h.quit()
}

func TestRecvEncodingFromSendPane(t *testing.T) {
	h := newHarness(t, 100, 30)
	c := h.dial()
	c.Write([]byte("\xC4\xE3\xBA\xC3"))
	h.contains(`\xC4\xE3\xBA\xC3`)
	h.key(alt('g')) // the send pane has focus: typing keys stay text
	h.contains("你好")
	h.tm.Type("e")
	h.contains("1 bytes: e")
	h.quit()
}

func TestRecvPauseAndResume(t *testing.T) {
	h, c := recvFocused(t, 100, 30)
	c.write("first-line\n")
	h.contains(`first-line\n`)

	h.key(plain('p'))
	h.contains("Receive · paused")
	h.contains("display paused")
	c.write("second-line") // 11 bytes
	h.contains("Receive · paused · 11 B waiting")
	c.write("+third")
	h.contains("Receive · paused · 17 B waiting")
	h.lacks("second-line")
	h.contains("in 28 B") // counters keep counting

	h.key(plain('p'))
	h.contains("second-line")
	h.contains("+third")
	h.contains("Receive · following")
	h.contains("display resumed")

	// alt+q does the same from any pane.
	h.key(keyTab) // connections
	h.key(alt('q'))
	h.contains("Receive · paused")
	c.write("fourth")
	h.contains("Receive · paused · 6 B waiting")
	h.lacks("fourth")
	h.key(alt('q'))
	h.contains("fourth")
	h.quit()
}

func TestRecvClearDisplay(t *testing.T) {
	h, c := recvFocused(t, 100, 30)
	c.write("old-data")
	h.contains("old-data")
	h.key(plain('c'))
	h.contains("Display cleared: new data appears here")
	h.lacks("old-data")
	h.lacks("#1 connected from")
	h.contains("in 8 B") // counters unchanged
	c.write("new-data")
	h.contains("new-data")
	h.lacks("old-data")
	h.contains("in 16 B")

	// Scrolling to the top stops at the clear.
	h.key(keyHome)
	h.key(keyUp)
	h.lacks("old-data")
	h.contains("new-data")
	h.quit()
}

func TestRecvShowSentOff(t *testing.T) {
	h := newHarness(t, 100, 30)
	c := h.dial()
	c.Write([]byte("ping"))
	h.contains("ping")
	h.tm.Type("pong-reply")
	h.key(keySend)
	h.contains("▶ out 10 B")
	h.contains("pong-reply")
	h.contains("sent 10 bytes") // the status line is last writer wins

	h.key(alt('o')) // from the send pane
	h.contains("hiding sent data")
	h.contains("· sent hidden")
	h.waitScreen("out chunk hidden", func(s string) bool { return !strings.Contains(s, "▶ out") })
	h.contains("◀ in  4 B")
	h.contains("out 10 B") // the counter still counts it

	h.key(keyTab) // receive pane: plain o
	h.key(plain('o'))
	h.contains("▶ out 10 B")
	h.contains("showing sent data")
	h.quit()
}

func TestRecvSelectChecksums(t *testing.T) {
	h, c := recvFocused(t, 120, 30)
	c.write("AAAA")
	c.write("123456789")
	h.contains("123456789")

	h.key(plain('v'))
	h.contains("Receive · following · select")
	h.contains("↑/↓ previous/next chunk")
	h.key(keyEnter)
	h.contains("Checksums · #1 ◀ in 9 B")
	h.contains("CRC-32 0xCBF43926")
	h.contains("CRC-16/MODBUS 0x4B37")
	h.contains("CRC-16/CCITT")

	h.key(keyUp) // the previous chunk; the box follows the selection
	h.contains("Checksums · #1 ◀ in 4 B")
	h.key(keyDown)
	h.contains("Checksums · #1 ◀ in 9 B")
	h.key(keyEnter) // closes the box
	h.waitScreen("box closed", func(s string) bool { return !strings.Contains(s, "Checksums ·") })

	h.key(keyEsc)
	h.waitScreen("selection left", func(s string) bool { return !strings.Contains(s, "· select") })
	h.key(keyEnter) // not selecting: nothing
	h.lacks("Checksums ·")
	h.quit()
}

func TestRecvCopyUsesOurRendering(t *testing.T) {
	h, c := recvFocused(t, 120, 30)
	hostile := "hi\r\n\x1b]52;c;ZXZpbA==\x07\x9b2J"
	c.write(hostile)
	h.contains(`\x1B]52;c;ZXZpbA==\x07\x9B2J`)

	h.key(plain('v'))
	h.contains("· select")
	h.key(plain('y'))
	want := "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(render.String([]byte(hostile)))) + "\x07"
	var out []byte
	teatest.WaitFor(t, h.tm.Output(), func(b []byte) bool {
		out = b
		return bytes.Contains(b, []byte(want))
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	if bytes.Contains(out, []byte("\x1b]52;c;ZXZpbA==")) || bytes.Contains(out, []byte(hostile)) {
		t.Fatal("raw network bytes reached the terminal")
	}
	h.contains("to the clipboard")

	// In the hex view y copies the hexdump.
	h.key(plain('x'))
	h.key(plain('y'))
	hexWant := "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(strings.Join(render.HexLines([]byte(hostile), 0), "\n"))) + "\x07"
	teatest.WaitFor(t, h.tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(hexWant)) },
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	h.contains("(hex)")
	h.quit()
}

func TestRecvSaveConnection(t *testing.T) {
	t.Chdir(t.TempDir())
	h, c := recvFocused(t, 160, 30)
	var want []byte
	for i := range 3 {
		b := strings.Repeat(string(rune('a'+i)), 100) + "\x00\xff\x1b[2J"
		c.write(b)
		want = append(want, b...)
	}
	// A reply: sent bytes are not part of what w saves.
	h.key(keyTab)
	h.key(keyTab)
	h.key(keyTab) // back to the send pane
	h.tm.Type("reply")
	h.key(keySend)
	h.contains("▶ out 5 B")
	h.contains("sent 5 bytes") // the status line is last writer wins
	h.key(keyTab)

	h.key(plain('w'))
	s := h.contains("saved netassist-conn1-")
	files, _ := filepath.Glob("netassist-conn1-*.bin")
	if len(files) != 1 {
		t.Fatalf("files %v; screen:\n%s", files, s)
	}
	got, err := os.ReadFile(files[0])
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("saved %q, %v; want %q", got, err, want)
	}
	h.contains("(318 B received on #1)")

	// A second save gets a new name.
	h.key(plain('w'))
	h.waitScreen("second file", func(string) bool {
		f, _ := filepath.Glob("netassist-conn1-*.bin")
		return len(f) == 2
	})

	// With two connections and none selected, w asks for one.
	h.dial()
	h.contains("#2 connected from")
	h.key(plain('w'))
	h.contains("select a connection in the list first")
	h.quit()
}

func TestRecvSaveSessionJSONL(t *testing.T) {
	t.Chdir(t.TempDir())
	h, c := recvFocused(t, 160, 30)
	in := []byte{}
	for _, b := range []string{"GET / HTTP/1.1\r\n", "\x00\x01\xfe\xff", "done"} {
		c.write(b)
		in = append(in, b...)
	}
	h.key(plain('W'))
	h.contains("saved netassist-session-")
	h.contains("events,")
	files, _ := filepath.Glob("netassist-session-*.jsonl")
	if len(files) != 1 {
		t.Fatalf("files %v", files)
	}
	f, err := os.Open(files[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var got []byte
	var kinds []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var e struct {
			Time   string `json:"time"`
			Tab    string `json:"tab"`
			Event  string `json:"event"`
			Conn   int    `json:"conn"`
			Dir    string `json:"dir"`
			Len    int    `json:"len"`
			Data   string `json:"data"`
			Remote string `json:"remote"`
		}
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		if _, err := time.Parse(time.RFC3339Nano, e.Time); err != nil || e.Tab != "server" || e.Conn != 1 {
			t.Fatalf("bad event %q", sc.Text())
		}
		kinds = append(kinds, e.Event)
		if e.Event == "data" {
			d, err := base64.StdEncoding.DecodeString(e.Data)
			if err != nil || len(d) != e.Len || e.Dir != "in" {
				t.Fatalf("bad data event %q", sc.Text())
			}
			got = append(got, d...)
		}
		if e.Event == "open" && !strings.HasPrefix(e.Remote, "127.0.0.1:") {
			t.Fatalf("open without remote: %q", sc.Text())
		}
	}
	if !bytes.Equal(got, in) {
		t.Fatalf("data events hold %q, want %q", got, in)
	}
	if strings.Join(kinds, ",") != "open,data,data,data" {
		t.Fatalf("events %v", kinds)
	}
	h.contains("(4 events, 24 B of data)")
	h.quit()
}

func TestRecordIndicator(t *testing.T) {
	st := netassist.NewStore(0)
	m := New(Config{Store: st, Server: &netassist.Server{Store: st}, ListenAddr: "127.0.0.1:0",
		RecordPath: "cap\x1b]0;x\x07.jsonl", Context: context.Background()})
	m = update(m, tea.WindowSizeMsg{Width: 120, Height: 20})
	s := ansi.Strip(m.View().Content)
	if !strings.Contains(s, `● rec cap\x1B]0;x\x07.jsonl │ 0 open`) {
		t.Fatalf("no record indicator:\n%s", s)
	}
	long := "/very/long/directory/name/that/goes/on/and/on/capture-2026.jsonl"
	m = New(Config{Store: st, Server: &netassist.Server{Store: st}, RecordPath: long, Context: context.Background()})
	m = update(m, tea.WindowSizeMsg{Width: 120, Height: 20})
	if s := ansi.Strip(m.View().Content); !strings.Contains(s, "● rec …") || !strings.Contains(s, "capture-2026.jsonl │") {
		t.Fatalf("long path not shortened from the left:\n%s", s)
	}
	m = New(Config{Store: st, Server: &netassist.Server{Store: st}, Context: context.Background()})
	m = update(m, tea.WindowSizeMsg{Width: 120, Height: 20})
	if s := ansi.Strip(m.View().Content); strings.Contains(s, "● rec") {
		t.Fatalf("indicator without --record:\n%s", s)
	}
}

// fakeRecord is a --record file that fails when told.
type fakeRecord struct {
	failed chan struct{}
	err    error
}

func (r *fakeRecord) Failed() <-chan struct{} { return r.failed }
func (r *fakeRecord) Err() error              { return r.err }

// When the record stops (a full disk), the UI says so at once: the status
// line names the file and the cause, and the badge stops saying "● rec".
func TestRecordFailureShown(t *testing.T) {
	st := netassist.NewStore(0)
	rec := &fakeRecord{failed: make(chan struct{})}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m := New(Config{Store: st, Server: &netassist.Server{Store: st}, ListenAddr: "127.0.0.1:0",
		RecordPath: "cap.jsonl", Record: rec, Context: ctx})
	m = update(m, tea.WindowSizeMsg{Width: 120, Height: 20})
	if s := ansi.Strip(m.View().Content); !strings.Contains(s, "● rec cap.jsonl") {
		t.Fatalf("no record indicator:\n%s", s)
	}
	wait := waitForRecordFailure(ctx, rec)
	got := make(chan tea.Msg, 1)
	go func() { got <- wait() }()
	rec.err = errors.New("--record cap.jsonl: no space left on device (recording stopped)")
	close(rec.failed)
	var msg tea.Msg
	select {
	case msg = <-got:
	case <-time.After(5 * time.Second):
		t.Fatal("the failure was not delivered")
	}
	m = update(m, msg)
	s := ansi.Strip(m.View().Content)
	if strings.Contains(s, "● rec") || !strings.Contains(s, "✗ rec cap.jsonl stopped") ||
		!strings.Contains(s, "--record cap.jsonl: no space left on device (recording") {
		t.Fatalf("failure not shown:\n%s", s)
	}
}

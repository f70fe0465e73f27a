package server

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/render"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// recvFocused is a harness with one client connected to the Server tab,
// the receive pane focused.
func recvFocused(t *testing.T, w, h int) (*harness, *connWriter) {
	t.Helper()
	return recvFocusedIn(t, w, h, options{})
}

// recvFocusedIn is recvFocused started with o.
func recvFocusedIn(t *testing.T, w, h int, o options) (*harness, *connWriter) {
	t.Helper()
	hs := start(t, w, h, o)
	c := &connWriter{h: hs, c: hs.dial()}
	hs.Contains("#1 connected from")
	hs.Key(tuitest.Tab) // send → receive
	hs.Contains("v select a chunk")
	return hs, c
}

// connWriter writes to the peer side and waits until the store counted
// the bytes, so each write is its own chunk.
type connWriter struct {
	h *harness
	c interface{ Write([]byte) (int, error) }
}

func (w *connWriter) write(b string) {
	w.h.T.Helper()
	want := w.h.store.Totals(netassist.TabServer).BytesIn + int64(len(b))
	if _, err := w.c.Write([]byte(b)); err != nil {
		w.h.T.Fatal(err)
	}
	w.h.WaitScreen("bytes counted", func(string) bool {
		return w.h.store.Totals(netassist.TabServer).BytesIn == want
	})
}

func TestRecvEncodingGBK(t *testing.T) {
	t.Parallel()
	h, c := recvFocused(t, 100, 30)
	c.write("\xC4\xE3\xBA\xC3") // 你好 in GBK
	h.Contains(`\xC4\xE3\xBA`)  // C3 may begin a UTF-8 character: held
	h.Contains("4 B (1 B held)")
	h.Lacks("你好")

	h.Key(tuitest.Plain('e'))
	h.Contains("你好")
	h.Contains("Receive · following · GBK")
	h.Contains("receive encoding: GBK")
	h.Key(tuitest.Alt('g')) // the alt form, from any pane
	h.Contains("Receive · following · GB18030")
	h.Contains("你好")
	h.Key(tuitest.Alt('g'))
	h.Contains("Receive · following · Latin-1")
	h.Contains("Äãº") // each byte its own code point (0xC3 is Ã)
	h.Key(tuitest.Alt('g'))
	h.Contains(`\xC4\xE3\xBA`)
	h.Contains("receive encoding: UTF-8")
	h.Lacks("· Latin-1")

	// The hex view is the same whatever the encoding.
	h.Key(tuitest.Alt('g'))
	h.Key(tuitest.Plain('x'))
	h.Contains("00000000  c4 e3 ba c3")
	h.Quit()
}

func TestRecvEncodingFromSendPane(t *testing.T) {
	t.Parallel()
	h := newHarness(t, 100, 30)
	c := h.dial()
	c.Write([]byte("\xC4\xE3\xBA\xC3"))
	h.Contains(`\xC4\xE3\xBA`)
	h.Key(tuitest.Alt('g')) // the send pane has focus: typing keys stay text
	h.Contains("你好")
	h.Type("e")
	h.Contains("1 byte: e")
	h.Quit()
}

func TestRecvPauseAndResume(t *testing.T) {
	t.Parallel()
	h, c := recvFocused(t, 100, 30)
	c.write("first-line\n")
	h.Contains(`first-line\n`)

	h.Key(tuitest.Plain('p'))
	h.Contains("Receive · paused")
	h.Contains("display paused")
	c.write("second-line") // 11 bytes
	h.Contains("Receive · paused · 11 B waiting")
	c.write("+third")
	h.Contains("Receive · paused · 17 B waiting")
	h.Lacks("second-line")
	h.Contains("in 28 B") // counters keep counting

	h.Key(tuitest.Plain('p'))
	h.Contains("second-line")
	h.Contains("+third")
	h.Contains("Receive · following")
	h.Contains("display resumed")

	// alt+q does the same from any pane.
	h.Key(tuitest.Tab) // connections
	h.Key(tuitest.Alt('q'))
	h.Contains("Receive · paused")
	c.write("fourth")
	h.Contains("Receive · paused · 6 B waiting")
	h.Lacks("fourth")
	h.Key(tuitest.Alt('q'))
	h.Contains("fourth")
	h.Quit()
}

func TestRecvClearDisplay(t *testing.T) {
	t.Parallel()
	h, c := recvFocused(t, 100, 30)
	c.write("old-data")
	h.Contains("old-data")
	h.Key(tuitest.Plain('c'))
	h.Contains("Display cleared: new data appears here")
	h.Lacks("old-data")
	h.Lacks("#1 connected from")
	h.Contains("in 8 B") // counters unchanged
	c.write("new-data")
	h.Contains("new-data")
	h.Lacks("old-data")
	h.Contains("in 16 B")

	// Scrolling to the top stops at the clear. More lines than the pane
	// holds, so home leaves follow mode for good: with all of it on one
	// screen the pane follows again at the next frame, and a wait for the
	// "scrolled" title raced with that frame (failed 1 run in 80 under
	// -race).
	var tall strings.Builder
	for i := range 40 {
		fmt.Fprintf(&tall, "tall-%02d\n", i)
	}
	c.write(tall.String())
	h.Contains("tall-39")
	h.Key(tuitest.Home)
	h.WaitScreen("home took effect: the top after the clear", func(s string) bool {
		return strings.Contains(s, "Receive · scrolled") && strings.Contains(s, "new-data") && !strings.Contains(s, "tall-39")
	})
	h.Key(tuitest.Up)
	h.NextFrame() // a frame drawn after up
	h.Lacks("old-data")
	h.Contains("new-data")
	h.Contains("Receive · scrolled")
	h.Quit()
}

func TestRecvShowSentOff(t *testing.T) {
	t.Parallel()
	h := newHarness(t, 100, 30)
	c := h.dial()
	c.Write([]byte("ping"))
	h.Contains("ping")
	h.Type("pong-reply")
	h.Key(tuitest.Send)
	h.Contains("▶ out 10 B")
	h.Contains("pong-reply")
	h.Contains("sent 10 bytes") // the status line is last writer wins

	h.Key(tuitest.Alt('o')) // from the send pane
	h.Contains("hiding sent data")
	h.Contains("· sent hidden")
	h.WaitScreen("out chunk hidden", func(s string) bool { return !strings.Contains(s, "▶ out") })
	h.Contains("◀ in  4 B")
	h.Contains("out 10 B") // the counter still counts it

	h.Key(tuitest.Tab) // receive pane: plain o
	h.Key(tuitest.Plain('o'))
	h.Contains("▶ out 10 B")
	h.Contains("showing sent data")
	h.Quit()
}

func TestRecvSelectChecksums(t *testing.T) {
	t.Parallel()
	h, c := recvFocused(t, 120, 30)
	c.write("AAAA")
	c.write("123456789")
	h.Contains("123456789")

	h.Key(tuitest.Plain('v'))
	h.Contains("Receive · following · select")
	h.Contains("↑/↓ previous/next chunk")
	h.Key(tuitest.Enter)
	h.Contains("Checksums · #1 ◀ in 9 B")
	h.Contains("CRC-32 0xCBF43926")
	h.Contains("CRC-16/MODBUS 0x4B37")
	h.Contains("CRC-16/CCITT")

	h.Key(tuitest.Up) // the previous chunk; the box follows the selection
	h.Contains("Checksums · #1 ◀ in 4 B")
	h.Key(tuitest.Down)
	h.Contains("Checksums · #1 ◀ in 9 B")
	h.Key(tuitest.Enter) // closes the box
	h.WaitScreen("box closed", func(s string) bool { return !strings.Contains(s, "Checksums ·") })

	h.Key(tuitest.Esc)
	h.WaitScreen("selection left", func(s string) bool { return !strings.Contains(s, "· select") })
	h.Key(tuitest.Enter) // not selecting: nothing
	h.Lacks("Checksums ·")
	h.Quit()
}

func TestRecvCopyUsesOurRendering(t *testing.T) {
	t.Parallel()
	h, c := recvFocused(t, 120, 30)
	hostile := "hi\r\n\x1b]52;c;ZXZpbA==\x07\x9b2J"
	c.write(hostile)
	h.Contains(`\x1B]52;c;ZXZpbA==\x07\x9B2J`)

	h.Key(tuitest.Plain('v'))
	h.Contains("· select")
	h.Key(tuitest.Plain('y'))
	want := "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(render.String([]byte(hostile)))) + "\x07"
	var out []byte
	teatest.WaitFor(t, h.TM.Output(), func(b []byte) bool {
		out = b
		return bytes.Contains(b, []byte(want))
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	if bytes.Contains(out, []byte("\x1b]52;c;ZXZpbA==")) || bytes.Contains(out, []byte(hostile)) {
		t.Fatal("raw network bytes reached the terminal")
	}
	h.Contains("to the clipboard")

	// In the hex view y copies the hexdump.
	h.Key(tuitest.Plain('x'))
	h.Key(tuitest.Plain('y'))
	hexWant := "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(strings.Join(render.HexLines([]byte(hostile), 0), "\n"))) + "\x07"
	teatest.WaitFor(t, h.TM.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(hexWant)) },
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	h.Contains("(hex)")
	h.Quit()
}

func TestRecvSaveConnection(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	h, c := recvFocusedIn(t, 160, 30, options{saveDir: dir})
	var want []byte
	for i := range 3 {
		b := strings.Repeat(string(rune('a'+i)), 100) + "\x00\xff\x1b[2J"
		c.write(b)
		want = append(want, b...)
	}
	// A reply: sent bytes are not part of what w saves.
	h.Key(tuitest.Tab)
	h.Key(tuitest.Tab)
	h.Key(tuitest.Tab) // back to the send pane
	h.Type("reply")
	h.Key(tuitest.Send)
	h.Contains("▶ out 5 B")
	h.Contains("sent 5 bytes") // the status line is last writer wins
	h.Key(tuitest.Tab)

	h.Key(tuitest.Plain('w'))
	s := h.Contains("saved " + filepath.Join(dir, "netassist-conn1-"))
	files, _ := filepath.Glob(filepath.Join(dir, "netassist-conn1-*.bin"))
	if len(files) != 1 {
		t.Fatalf("files %v; screen:\n%s", files, s)
	}
	got, err := os.ReadFile(files[0])
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("saved %q, %v; want %q", got, err, want)
	}
	h.Contains("(318 B received on #1)")

	// A second save gets a new name. Its status is awaited too: it comes
	// from a Cmd, and one still running would replace the status of the
	// next key.
	h.Key(tuitest.Plain('w'))
	var second string
	h.WaitScreen("second file", func(string) bool {
		f, _ := filepath.Glob(filepath.Join(dir, "netassist-conn1-*.bin"))
		for _, name := range f {
			if name != files[0] {
				second = name
			}
		}
		return len(f) == 2
	})
	h.Contains("saved " + second)

	// With two connections and none selected, w asks for one.
	h.dial()
	h.Contains("#2 connected from")
	h.Key(tuitest.Plain('w'))
	h.Contains("select a connection in the list first")
	h.Quit()
}

func TestRecvSaveSessionJSONL(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	h, c := recvFocusedIn(t, 160, 30, options{saveDir: dir})
	in := []byte{}
	for _, b := range []string{"GET / HTTP/1.1\r\n", "\x00\x01\xfe\xff", "done"} {
		c.write(b)
		in = append(in, b...)
	}
	h.Key(tuitest.Plain('W'))
	h.Contains("saved " + filepath.Join(dir, "netassist-session-"))
	h.Contains("events,")
	files, _ := filepath.Glob(filepath.Join(dir, "netassist-session-*.jsonl"))
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
	h.Contains("(4 events, 24 B of data)")
	h.Quit()
}

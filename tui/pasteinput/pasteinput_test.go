package pasteinput

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	uv "github.com/charmbracelet/ultraviolet"
)

// pastes are contents the decoder alone loses or rewrites: escape
// sequences, NUL, invalid UTF-8, U+FFFD, CR/LF/TAB, and text that looks like
// the markers' first bytes.
var pastes = [][]byte{
	[]byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"),
	[]byte("a\tb\x00c\x1b[31mred\x1b[0m\x1b"),
	[]byte("\xff\xfe\xe4\xbd invalid \xef\xbf\xbd utf-8 \x9b\x9d"),
	[]byte("\x1b[20 \x1b[201 \x1b[2 \x1b"),
	[]byte("你好世界 👍🏽"),
	{},
}

// decode runs input through the real terminal decoder Bubble Tea uses and
// returns its events, waiting until want paste events arrived.
func decode(t *testing.T, r io.Reader, want int) []uv.Event {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := make(chan uv.Event, 1024)
	go func() { _ = uv.NewTerminalReader(r, "xterm-256color").StreamEvents(ctx, events) }()
	var got []uv.Event
	deadline := time.After(10 * time.Second)
	pastes := 0
	for pastes < want {
		select {
		case e := <-events:
			got = append(got, e)
			if _, ok := e.(uv.PasteEvent); ok {
				pastes++
			}
		case <-deadline:
			t.Fatalf("decoder gave %d of %d pastes; events %v", pastes, want, got)
		}
	}
	return got
}

// feed writes the terminal bytes into a pipe in pieces of size n, as a
// terminal may deliver them, and returns a Reader over the pipe.
func feed(t *testing.T, input []byte, n int) *Reader {
	t.Helper()
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pr.Close(); pw.Close() })
	go func() {
		for len(input) > 0 {
			k := min(n, len(input))
			if _, err := pw.Write(input[:k]); err != nil {
				return
			}
			input = input[k:]
		}
	}()
	return New(pr)
}

func bracket(b []byte) []byte {
	return append(append(append([]byte(nil), startMarker...), b...), endMarker...)
}

func TestPasteThroughDecoderIsExact(t *testing.T) {
	for _, piece := range []int{1, 2, 3, 7, 4096} {
		var input []byte
		for _, p := range pastes {
			input = append(input, 'k') // a key press between pastes
			input = append(input, bracket(p)...)
		}
		r := feed(t, input, piece)
		events := decode(t, r, len(pastes))
		i := 0
		for _, e := range events {
			pe, ok := e.(uv.PasteEvent)
			if !ok {
				continue
			}
			got, ok := Decode(pe.Content)
			if !ok || !bytes.Equal(got, pastes[i]) {
				t.Errorf("pieces of %d: paste %d decoded to %q (hex ok %v), want %q", piece, i, got, ok, pastes[i])
			}
			i++
		}
	}
}

func TestKeysOutsidePastePassUnchanged(t *testing.T) {
	input := []byte("abc\x1b[A\x1b\x1b[20x\x03")
	r := feed(t, input, 1)
	var got []byte
	buf := make([]byte, 4096)
	for len(got) < len(input) {
		n, err := r.Read(buf)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, buf[:n]...)
	}
	if !bytes.Equal(got, input) {
		t.Fatalf("got %q, want %q", got, input)
	}
}

// A lone ESC key press is returned at once, not held for a marker that may
// follow.
func TestLoneEscNotHeld(t *testing.T) {
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	r := New(pr)
	if _, err := pw.Write([]byte{0x1b}); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 4096)
	n, err := r.Read(buf)
	if err != nil || n != 1 || buf[0] != 0x1b {
		t.Fatalf("read %q, %v; want ESC", buf[:n], err)
	}
}

func TestReadNeverOverflowsSmallBuffers(t *testing.T) {
	payload := strings.Repeat("\x1b[31mx", 100)
	input := bracket([]byte(payload))
	for _, size := range []int{1, 5, 64, 100} {
		r := feed(t, input, 4096)
		var out []byte
		buf := make([]byte, size)
		for !bytes.HasSuffix(out, []byte(endMarker)) {
			n, err := r.Read(buf)
			if err != nil {
				t.Fatal(err)
			}
			if n > size {
				t.Fatalf("Read returned %d > len(p) %d", n, size)
			}
			out = append(out, buf[:n]...)
		}
		want := string(startMarker) + string(hexOf(payload)) + string(endMarker)
		if string(out) != want {
			t.Fatalf("buffer %d: got %q", size, out)
		}
	}
}

func hexOf(s string) []byte {
	const digits = "0123456789abcdef"
	var b []byte
	for i := 0; i < len(s); i++ {
		b = append(b, digits[s[i]>>4], digits[s[i]&15])
	}
	return b
}

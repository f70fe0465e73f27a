package httpserve

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestFileBodyLikeFile: a fileBody reads and seeks as the *os.File it
// wraps would, in any order of seeks and reads.
func TestFileBodyLikeFile(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789abcdef"), 300)
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	open := func() *os.File {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	ref, b := open(), &fileBody{f: open(), size: int64(len(data))}
	ops := []struct {
		seek   bool
		off    int64
		whence int
		n      int
	}{
		{seek: true, off: 0, whence: io.SeekEnd}, {seek: true, off: 0, whence: io.SeekStart},
		{n: 100}, {n: 7}, {seek: true, off: 1000, whence: io.SeekStart}, {n: 50},
		{seek: true, off: -20, whence: io.SeekCurrent}, {n: 30}, {seek: true, off: -10, whence: io.SeekEnd},
		{n: 64}, {n: 5}, {seek: true, off: 3, whence: io.SeekStart}, {n: 4800},
	}
	for i, op := range ops {
		if op.seek {
			want, _ := ref.Seek(op.off, op.whence)
			got, err := b.Seek(op.off, op.whence)
			if err != nil || got != want {
				t.Fatalf("op %d: Seek = %d, %v; want %d", i, got, err, want)
			}
			continue
		}
		want, got := make([]byte, op.n), make([]byte, op.n)
		wn, werr := ref.Read(want)
		gn, gerr := b.Read(got)
		if gn != wn || gerr != werr || !bytes.Equal(got[:gn], want[:wn]) {
			t.Fatalf("op %d: Read = %d, %v; want %d, %v", i, gn, gerr, wn, werr)
		}
	}
	if _, err := b.Seek(-1, io.SeekStart); err == nil {
		t.Error("Seek to -1: no error")
	}
}

// TestRangeCaptureExact: a Range reply (sent with sendfile from an offset
// the fileBody keeps, or written from the captured bytes when the rest
// fits in the capture) has the right bytes, and what the capture kept of
// it is exactly what went out, the rest counted as omitted.
func TestRangeCaptureExact(t *testing.T) {
	dir, text := siteDir(t)
	ts := startServer(t, Config{Root: dir, BodyPrefix: 1000})
	want := map[string][]byte{"bytes=5000-8999": text[5000:9000], "bytes=10000-11199": text[10000:11200], "bytes=-300": text[len(text)-300:]}
	for i, rng := range []string{"bytes=5000-8999", "bytes=10000-11199", "bytes=0-9,20000-20099", "bytes=-300"} {
		c := ts.dial()
		io.WriteString(c, "GET /page.txt HTTP/1.1\r\nHost: h\r\nRange: "+rng+"\r\nConnection: close\r\n\r\n")
		wireBytes, err := io.ReadAll(c)
		c.Close()
		if err != nil {
			t.Fatal(err)
		}
		resp := readResponses(t, bufio.NewReader(bytes.NewReader(wireBytes)), 1)[0]
		if resp.StatusCode != 206 {
			t.Fatalf("%s: status %d", rng, resp.StatusCode)
		}
		if w, ok := want[rng]; ok {
			body, _ := io.ReadAll(resp.Body)
			if !bytes.Equal(body, w) {
				t.Errorf("%s: body differs from the file's bytes", rng)
			}
		}
		exs := ts.waitExchanges(i + 1) // this request's, not the one before
		id := exs[i].Conn
		ts.waitFor("close recorded", func() bool { _, ok := ts.closed(id); return ok })
		kept, omitted := ts.outbound(id)
		if int64(len(kept))+omitted != int64(len(wireBytes)) || !bytes.Equal(kept, wireBytes[:len(kept)]) {
			t.Errorf("%s: capture kept %d + omitted %d of %d bytes sent, kept bytes equal: %v",
				rng, len(kept), omitted, len(wireBytes), bytes.Equal(kept, wireBytes[:min(len(kept), len(wireBytes))]))
		}
	}
}

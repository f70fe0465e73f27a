package netassist

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// fullDisk is a file on a disk with room bytes left: a write past them
// writes what fits and fails with ENOSPC, as write(2) does.
type fullDisk struct {
	*os.File
	room int
}

func (d *fullDisk) Write(b []byte) (int, error) {
	if len(b) <= d.room {
		d.room -= len(b)
		return d.File.Write(b)
	}
	n, _ := d.File.Write(b[:d.room])
	d.room = 0
	return n, &os.PathError{Op: "write", Path: d.Name(), Err: syscall.ENOSPC}
}

// readLines reads path and checks every line is a JSON object.
func readLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > 0 && b[len(b)-1] != '\n' {
		t.Fatalf("%s does not end on a line boundary: ...%q", path, b[max(0, len(b)-40):])
	}
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %d is not JSON: %.80q: %v", len(lines)+1, sc.Text(), err)
		}
		lines = append(lines, sc.Text())
	}
	return lines
}

// A disk that fills up half-way through a line: the error is reported
// (Failed closes, Err names the file and ENOSPC), the file is cut back to
// its last whole line, capture goes on in memory, and nothing blocks.
func TestRecordFileFullDisk(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rec.jsonl")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	lf, err := newLineFile(f, path)
	if err != nil {
		t.Fatal(err)
	}
	lf.f = &fullDisk{File: f, room: 100_000}
	r := &RecordFile{path: path, f: lf, w: NewEventWriter(lf, JSONL, 10*time.Millisecond)}
	st := NewStore(1 << 20)
	st.AddSink(r.w)
	id := st.RecordOpen(TabServer, "127.0.0.1:1", "127.0.0.1:2")
	chunk := bytes.Repeat([]byte("0123456789"), 300)
	for range 100 { // 300 KB of data: the disk fills during the flood
		st.RecordData(id, In, chunk, 0)
	}
	select {
	case <-r.Failed():
	case <-time.After(5 * time.Second):
		t.Fatal("Failed did not close after ENOSPC")
	}
	for range 100 { // capture goes on; the record drops them without blocking
		st.RecordData(id, In, chunk, 0)
	}
	if got := st.Totals(TabServer).BytesIn; got != 200*int64(len(chunk)) {
		t.Errorf("store counted %d bytes in, want %d", got, 200*len(chunk))
	}
	err = r.Err()
	var re *RecordFileError
	if !errors.As(err, &re) || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("Err = %v, want a RecordFileError wrapping ENOSPC", err)
	}
	if msg := err.Error(); msg != "--record "+path+": no space left on device (recording stopped)" {
		t.Errorf("message %q", msg)
	}
	if err := r.Close(); !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("Close = %v, want the ENOSPC error", err)
	}
	lines := readLines(t, path)
	if len(lines) < 2 || len(lines) > 40 {
		t.Errorf("%d whole lines kept of 100 KB", len(lines))
	}
}

// A file that already ends in a cut line (a crash) gets a line break
// before the first new event, so every new line decodes.
func TestRecordFileAppendsAfterACutLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rec.jsonl")
	os.WriteFile(path, []byte("{\"event\":\"listen\"}\n{\"event\":\"da"), 0o644)
	st := NewStore(0)
	r, err := OpenRecordFile(st, path)
	if err != nil {
		t.Fatal(err)
	}
	st.RecordListen(TabServer, "127.0.0.1:7")
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(lines) != 3 || lines[1] != `{"event":"da` || !strings.Contains(lines[2], `"addr":"127.0.0.1:7"`) {
		t.Errorf("file:\n%s", b)
	}
}

// A record file removed while recording is an error (what is written
// next could never be read), reported on the next write and at Close.
func TestRecordFileRemoved(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rec.jsonl")
	st := NewStore(0)
	r, err := OpenRecordFile(st, path)
	if err != nil {
		t.Fatal(err)
	}
	st.RecordListen(TabServer, "127.0.0.1:7")
	if err := r.w.Flush(); err != nil {
		t.Fatal(err)
	}
	os.Remove(path)
	r.f.mu.Lock()
	r.f.checked = time.Time{} // check on the next write
	r.f.mu.Unlock()
	st.RecordListen(TabServer, "127.0.0.1:8")
	r.w.Flush()
	select {
	case <-r.Failed():
	case <-time.After(5 * time.Second):
		t.Fatal("removal not reported")
	}
	if err := r.Err(); !errors.Is(err, ErrRecordRemoved) || !strings.Contains(err.Error(), path) {
		t.Errorf("Err = %v", err)
	}
	if err := r.Close(); !errors.Is(err, ErrRecordRemoved) {
		t.Errorf("Close = %v", err)
	}

	// Removed while idle: Close says so.
	path2 := filepath.Join(t.TempDir(), "rec2.jsonl")
	r2, err := OpenRecordFile(NewStore(0), path2)
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(path2)
	if err := r2.Close(); !errors.Is(err, ErrRecordRemoved) {
		t.Errorf("Close after an idle removal = %v", err)
	}
}

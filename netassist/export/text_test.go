package export

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netassist/netassist/netassist"
)

// The text export of a record is, byte for byte, what headless --format
// text printed for the same events; from the store it is the same but for
// the listen event, which a store does not keep.
func TestTextMatchesHeadless(t *testing.T) {
	ws := newWebSession(t)
	var b bytes.Buffer
	st, err := Text(context.Background(), &b, ws.openRecord(t))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), ws.text) {
		t.Errorf("text from the record differs from headless output:\n--- export\n%s\n--- headless\n%s", b.Bytes(), ws.text)
	}
	if st.Report.Problems() != "" || st.Bytes != int64(b.Len()) {
		t.Errorf("stats %+v", st)
	}
	if !bytes.Contains(b.Bytes(), []byte("[web] #1 http GET /?q=a%20b&x=1&empty= → 200 gzip ")) {
		t.Errorf("no http summary line:\n%s", b.Bytes())
	}

	b.Reset()
	if _, err := Text(context.Background(), &b, FromStore(ws.st, ws.upto)); err != nil {
		t.Fatal(err)
	}
	_, want, _ := bytes.Cut(ws.text, []byte("\n")) // the listen line
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("text from the store differs:\n--- export\n%s\n--- headless\n%s", b.Bytes(), want)
	}
}

// Raw writes each connection's bytes per direction, exactly; a record
// appended to by a second run gets that run's files apart.
func TestRawFilesPerConnection(t *testing.T) {
	ws := newWebSession(t)
	rec, err := os.ReadFile(ws.record)
	if err != nil {
		t.Fatal(err)
	}
	twice := filepath.Join(t.TempDir(), "twice.jsonl")
	if err := os.WriteFile(twice, append(append([]byte(nil), rec...), rec...), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(twice)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dir := filepath.Join(t.TempDir(), "raw")
	if err := PrepareDir(dir, false); err != nil {
		t.Fatal(err)
	}
	st, err := Raw(context.Background(), dir, FromRecord(f), false)
	if err != nil {
		t.Fatal(err)
	}
	if st.Report.Sessions != 2 {
		t.Errorf("%d sessions, want 2", st.Report.Sessions)
	}
	var names []string
	for _, rf := range st.Files {
		names = append(names, filepath.Base(rf.Path))
	}
	want := "conn1-in.bin conn1-out.bin conn2-in.bin conn2-out.bin s2-conn1-in.bin s2-conn1-out.bin s2-conn2-in.bin s2-conn2-out.bin"
	if got := strings.Join(names, " "); got != want {
		t.Fatalf("files %s, want %s", got, want)
	}
	for _, rf := range st.Files {
		id := netassist.ConnID(rf.Conn[len(rf.Conn)-1] - '0')
		var wantBytes []byte
		for _, c := range ws.st.After(netassist.Filter{Conn: id}, 0, 1<<20) {
			if c.Kind == netassist.KindData && c.Dir == rf.Dir {
				wantBytes = append(wantBytes, c.Data...)
			}
		}
		got, err := os.ReadFile(rf.Path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, wantBytes) || rf.Bytes != int64(len(got)) || rf.Omitted != 0 || rf.Missing != 0 {
			t.Errorf("%s: %d bytes (%+v), want %d", rf.Path, len(got), rf, len(wantBytes))
		}
	}
	// A second export into the same folder is refused, file by file
	// without --force.
	if err := PrepareDir(dir, false); err == nil {
		t.Error("PrepareDir accepted a folder with files in it")
	}
	f.Seek(0, 0)
	if _, err := Raw(context.Background(), dir, FromRecord(f), false); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("Raw over existing files: %v", err)
	}
	f.Seek(0, 0)
	if _, err := Raw(context.Background(), dir, FromRecord(f), true); err != nil {
		t.Errorf("Raw with force: %v", err)
	}
}

// A record whose last line was cut (the writer was killed) and with a
// broken line inside (a run appended after a crash) still exports; the
// report says what was left out.
func TestRecordToleratesCutLines(t *testing.T) {
	lines := []string{
		`{"time":"2026-01-02T03:04:05.000000001Z","tab":"server","event":"listen","addr":"127.0.0.1:7890"}`,
		`{"time":"2026-01-02T03:04:06Z","tab":"server","event":"open","conn":1,"local":"127.0.0.1:7890","remote":"127.0.0.1:5000"}`,
		`{"time":"2026-01-02T03:04:07Z","tab":"server","event":"data","conn":1,"dir":"in","len":3,"da`, // cut by a crash
		`{"time":"2026-01-02T03:04:08Z","tab":"server","event":"data","conn":1,"dir":"in","len":5,"data":"aGVsbG8="}`,
		`not json at all`,
		`{"time":"2026-01-02T03:04:08.5Z","tab":"server","event":"eof","conn":1,"dir":"in"}`,
		`{"time":"2026-01-02T03:04:09Z","tab":"server","event":"close","conn":1,"by":"peer"}`,
		`{"time":"2026-01-02T03:04:10Z","tab":"server","event":"data","conn":1,"dir":"in","len":3,"data":"YWJ`,
	}
	src := FromRecord(strings.NewReader(strings.Join(lines, "\n")))
	var b bytes.Buffer
	st, err := Text(context.Background(), &b, src)
	if err != nil {
		t.Fatal(err)
	}
	want := "2026-01-02 03:04:05.000000 [server] listening on 127.0.0.1:7890\n" +
		"2026-01-02 03:04:06.000000 [server] #1 127.0.0.1:5000 connected (local 127.0.0.1:7890)\n" +
		"2026-01-02 03:04:08.000000 [server] #1 127.0.0.1:5000 in  5 bytes\nhello\n" +
		"2026-01-02 03:04:08.500000 [server] #1 127.0.0.1:5000 finished sending (FIN); still open for replies\n" +
		"2026-01-02 03:04:09.000000 [server] #1 127.0.0.1:5000 closed by peer\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	r := st.Report
	if r.Events != 5 || r.BadLines != 2 || fmt.Sprint(r.FirstBad) != "[3 5]" || r.CutLine != 8 || r.CutBytes != len(lines[7]) {
		t.Errorf("report %+v", r)
	}
	if p := r.Problems(); !strings.Contains(p, "last line (8,") || !strings.Contains(p, "2 line(s)") {
		t.Errorf("problems: %s", p)
	}
}

// SaveNew, what the TUI's keys call: from the store, never replacing a
// file, the full path returned.
func TestSaveNewFromStore(t *testing.T) {
	ws := newWebSession(t)
	dir := t.TempDir()
	var paths []string
	for _, format := range []string{FormatHAR, FormatHAR, FormatText, FormatRaw} {
		path, st, err := SaveNew(context.Background(), dir, "netassist-session-1", format, FromStore(ws.st, ws.upto), HAROptions{})
		if err != nil {
			t.Fatal(err)
		}
		if !filepath.IsAbs(path) || st.Events == 0 {
			t.Errorf("%s: %s, %+v", format, path, st)
		}
		paths = append(paths, filepath.Base(path))
	}
	if got := strings.Join(paths, " "); got != "netassist-session-1.har netassist-session-1-2.har netassist-session-1.txt netassist-session-1-raw" {
		t.Errorf("saved %s", got)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "netassist-session-1-raw", "conn1-in.bin")); err != nil || !bytes.HasPrefix(b, []byte("GET /?q=")) {
		t.Errorf("raw conn1-in.bin: %q %v", b, err)
	}
	if _, _, err := SaveNew(context.Background(), dir, "x", "pdf", FromStore(ws.st, ws.upto), HAROptions{}); err == nil {
		t.Error("unknown format accepted")
	}
}

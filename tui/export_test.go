package tui

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// savedPath waits for a status that says what (the words before the
// path) and names a file in dir ending in ext, whole (a long path wraps:
// the screen is read with its line breaks and spaces taken out), and
// returns the path.
func savedPath(h *harness, dir, what, ext string) string {
	h.T.Helper()
	var path string
	squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
	h.WaitScreen("saved "+what+" …"+ext, func(s string) bool {
		s = squeeze(s)
		i := strings.Index(s, squeeze(what)+dir)
		if i < 0 {
			return false
		}
		rest := s[i+len(squeeze(what)):]
		j := strings.Index(rest, ext)
		if j < 0 {
			return false
		}
		path = rest[:j+len(ext)]
		return true
	})
	return path
}

// At 80×24 the export keys save the session where --save-dir says, and
// the status shows each file's full path: the transcript (f10) escapes the
// bytes as headless text does; the raw files (f11) hold them exactly.
func TestExportTranscriptAndRaw(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	h := app{follow: true, set: func(c *Config) { c.SaveDir = dir }}.start(t, 80, 24)
	h.Contains("● listening on 127.0.0.1:")
	h.Key(tuitest.F10)
	h.StatusShows("nothing captured yet")

	c := h.dial()
	req := "GET /lesson HTTP/1.1\r\nHost: x\r\n\r\n\x1b[2J"
	io.WriteString(c, req)
	tuitest.WaitFor(t, "the request", func() bool { return h.store.Totals(netassist.TabServer).BytesIn == int64(len(req)) })
	h.Key(tuitest.F10)
	txt := savedPath(h, dir, "saved the transcript ", ".txt")
	b, err := os.ReadFile(txt)
	if err != nil || !bytes.Contains(b, []byte(`GET /lesson HTTP/1.1\r\n`)) || !bytes.Contains(b, []byte(`\x1B[2J`)) || bytes.Contains(b, []byte("\x1b")) {
		t.Fatalf("transcript %s: %v\n%s", txt, err, b)
	}

	h.Key(tuitest.Alt('8')) // raw files, the alt form
	raw := savedPath(h, dir, "saved 1 raw files in ", "-raw")
	files, _ := filepath.Glob(filepath.Join(raw, "*"))
	if len(files) != 1 {
		t.Fatalf("raw files %v", files)
	}
	if got, _ := os.ReadFile(files[0]); string(got) != req {
		t.Fatalf("raw %s holds %q", files[0], got)
	}
	h.Key(tuitest.F12)
	h.StatusShows("no web requests yet")
	h.Quit()
}

// f12 saves the Web tab's exchanges as HAR 1.2.
func TestExportHAR(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	h := app{web: true, set: func(c *Config) { c.StartTab, c.SaveDir = netassist.TabWeb, dir }}.start(t, 80, 24)
	s := h.WaitScreen("web listening", func(s string) bool { return webListening.MatchString(s) })
	h.addr = webListening.FindStringSubmatch(s)[1]
	h.get("/style.css", "gzip")
	h.Row("GET", "/style.css", "200")
	h.Key(tuitest.F12)
	path := savedPath(h, dir, "saved ", ".har")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var har struct {
		Log struct {
			Version string
			Entries []struct {
				Request struct{ Method, URL string }
			}
		}
	}
	if err := json.Unmarshal(b, &har); err != nil || har.Log.Version != "1.2" || len(har.Log.Entries) != 1 ||
		har.Log.Entries[0].Request.Method != "GET" || !strings.HasSuffix(har.Log.Entries[0].Request.URL, "/style.css") {
		t.Fatalf("HAR %s: %v\n%.400s", path, err, b)
	}
	h.Quit()
}

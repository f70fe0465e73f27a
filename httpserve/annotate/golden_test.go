package annotate

import (
	"flag"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/i18n"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const fixtures = "/work/shared/fixtures/requests"

// golden compares the annotated view of b, in both languages at 80
// columns, with testdata/<name>.<lang>.golden.
func golden(t *testing.T, name string, b []byte, methods ...string) {
	t.Helper()
	for _, l := range i18n.All() {
		got := strings.Join(Annotate(b, Options{Lang: l, Methods: methods}).Render(80, nil), "\n") + "\n"
		path := filepath.Join("testdata", name+"."+l.String()+".golden")
		if *update {
			if err := os.MkdirAll("testdata", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from the golden file (go test -update rewrites it); got:\n%s", path, got)
		}
	}
}

// TestGoldenFixtures annotates the real request bytes of the shared
// fixtures: Chromium's page, image, stylesheet, favicon and form requests,
// and curl's.
func TestGoldenFixtures(t *testing.T) {
	ents, err := os.ReadDir(fixtures)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range ents {
		name, ok := strings.CutSuffix(e.Name(), ".bin")
		if !ok {
			continue
		}
		b, err := os.ReadFile(filepath.Join(fixtures, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		n++
		golden(t, "request-"+name, b)
	}
	if n < 7 {
		t.Errorf("%d fixtures", n)
	}
}

// TestGoldenServerResponses annotates what the web server really sends:
// a gzip body with Content-Length, a gzip body chunked, a 304 and a 206.
func TestGoldenServerResponses(t *testing.T) {
	srv, err := httpserve.New(netassist.NewStore(0), httpserve.Config{})
	if err != nil {
		t.Fatal(err)
	}
	addr, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	tests := []struct {
		name, path, header string
		method             string
	}{
		{"response-gzip", "/style.css", "Accept-Encoding: gzip", "GET"},
		{"response-chunked-gzip", "/http.html", "Accept-Encoding: gzip", "GET"},
		{"response-304", "/style.css", "If-None-Match: *", "GET"},
		{"response-206", "/index.html", "Range: bytes=0-99", "GET"},
		{"response-head", "/index.html", "Accept-Encoding: br", "HEAD"},
	}
	for _, tt := range tests {
		b := fetch(t, addr.String(), tt.method+" "+tt.path+" HTTP/1.1\r\nHost: demo\r\n"+tt.header+"\r\nConnection: close\r\n\r\n")
		golden(t, tt.name, b, tt.method)
	}
}

// fetch sends req on a new connection and returns every byte the server
// sends until it closes, with the dates that change from run to run
// replaced by one of the same length (offsets stay true).
func fetch(t *testing.T, addr, req string) []byte {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, req); err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(c)
	if err != nil {
		t.Fatal(err)
	}
	return dates.ReplaceAll(b, []byte("${1}Mon, 01 Dec 2025 08:00:00 GMT"))
}

var dates = regexp.MustCompile(`(?m)^((?:Date|Last-Modified): )[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT`)

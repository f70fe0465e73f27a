package httpserve

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/netassist/netassist/netassist"
)

// SiteFile reads what a GET would serve: index.html for a directory, the
// query ignored; hidden files and paths out of the root are refused.
func TestSiteFile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("<h1>home</h1>"), 0o644)
	os.WriteFile(filepath.Join(dir, "a.css"), []byte("a{}"), 0o644)
	os.WriteFile(filepath.Join(dir, ".secret"), []byte("no"), 0o644)
	s, err := New(netassist.NewStore(0), Config{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, c := range []struct{ target, name, body string }{
		{"/", "index.html", "<h1>home</h1>"},
		{"/a.css?v=2", "a.css", "a{}"},
	} {
		name, fi, body, err := s.SiteFile(c.target, 1<<20)
		if err != nil || name != c.name || string(body) != c.body || fi.Size() != int64(len(c.body)) {
			t.Errorf("%s: %q %q %v", c.target, name, body, err)
		}
	}
	for _, target := range []string{"/.secret", "/../etc/passwd", "/missing", "*"} {
		if _, _, _, err := s.SiteFile(target, 1<<20); err == nil {
			t.Errorf("%s: served", target)
		}
	}
	if _, _, _, err := s.SiteFile("/index.html", 4); !errors.Is(err, ErrTooLarge) {
		t.Errorf("limit: %v", err)
	}
	demo, err := New(netassist.NewStore(0), Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer demo.Close()
	if name, _, body, err := demo.SiteFile("/", 1<<20); err != nil || name != "index.html" || len(body) < 1024 {
		t.Errorf("demo /: %q %d %v", name, len(body), err)
	}
	if _, _, _, err := demo.SiteFile("/nothing", 1<<20); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("demo missing: %v", err)
	}
}

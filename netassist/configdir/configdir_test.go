package configdir

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDefaultAndPath(t *testing.T) {
	cfg, err := os.UserConfigDir()
	if err != nil {
		t.Skip("no user config folder:", err)
	}
	if d, err := Default(); err != nil || d != filepath.Join(cfg, "netassist") {
		t.Errorf("Default = %q, %v", d, err)
	}
	if p, _ := Path("", "x.json"); p != filepath.Join(cfg, "netassist", "x.json") {
		t.Errorf(`Path("") = %q`, p)
	}
	if p, _ := Path("/d", "x.json"); p != "/d/x.json" {
		t.Errorf(`Path("/d") = %q`, p)
	}
}

func TestWriteFileAtomic(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "f.json")
	for _, data := range []string{"first", "second"} {
		if err := WriteFileAtomic(path, []byte(data)); err != nil {
			t.Fatal(err)
		}
		if b, err := os.ReadFile(path); err != nil || string(b) != data {
			t.Fatalf("read %q, %v; want %q", b, err, data)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("%d files left, want 1 (no temporary files)", len(entries))
	}
}

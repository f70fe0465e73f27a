//go:build linux

package httpserve

import (
	"os"
	"path/filepath"
	"testing"
)

// TestBeneathOpensOnlyLinkFreePaths: the openat2 shortcut opens a file or
// directory whose path has no symbolic link, and nothing else (a link at
// the end or on the way, a path leaving the root, a missing file), which
// then goes through hiddenTarget and os.Root.
func TestBeneathOpensOnlyLinkFreePaths(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"sub", ".hidden"} {
		os.Mkdir(filepath.Join(dir, d), 0o755)
	}
	for _, f := range []string{"a.txt", "sub/b.txt", ".hidden/c.txt", ".secret"} {
		os.WriteFile(filepath.Join(dir, f), []byte(f), 0o644)
	}
	if err := os.Symlink(".secret", filepath.Join(dir, "hidlink")); err != nil {
		t.Skip("symlinks unsupported:", err)
	}
	os.Symlink(".hidden", filepath.Join(dir, "dirlink"))
	os.Symlink("a.txt", filepath.Join(dir, "plainlink"))
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	b := newBeneath(root)
	if b == nil {
		t.Fatal("newBeneath: nil")
	}
	defer b.close()
	if f, ok := b.open("a.txt"); !ok {
		t.Skip("openat2 unavailable here: every file goes the general way")
	} else {
		f.Close()
	}
	for name, want := range map[string]bool{
		"a.txt": true, "sub/b.txt": true, "sub": true, ".": true,
		"hidlink": false, "dirlink/c.txt": false, "plainlink": false,
		"../" + filepath.Base(dir) + "/a.txt": false, "missing.txt": false,
	} {
		f, ok := b.open(name)
		if ok != want {
			t.Errorf("open(%q) = %v, want %v", name, ok, want)
		}
		if ok {
			got, _ := os.ReadFile(filepath.Join(dir, name))
			buf := make([]byte, 64)
			n, _ := f.Read(buf)
			if fi, _ := f.Stat(); !fi.IsDir() && string(buf[:n]) != string(got) {
				t.Errorf("open(%q) read %q, want %q", name, buf[:n], got)
			}
			f.Close()
		}
	}
	if b.off.Load() {
		t.Error("the shortcut turned itself off")
	}
}

package tui

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The packages of tui point one way, down: the leaf packages (i18n,
// styles) ← keymap ← common ← components ← tabs ← tui. A component may
// be built of components (tabframe of addrbar, recvpane and sendpane;
// rules of ruleform); a tab never imports another tab; nothing imports a
// package above it. Test files are not counted; tuitest, the tests'
// helpers, counts as a component.
func TestImportsPointDown(t *testing.T) {
	const mod = "github.com/netassist/netassist/tui"
	layer := func(pkg string) int {
		switch rel := strings.TrimPrefix(strings.TrimPrefix(pkg, mod), "/"); {
		case rel == "":
			return 5
		case strings.HasPrefix(rel, "tabs/"):
			return 4
		case strings.HasPrefix(rel, "components/"), strings.HasPrefix(rel, "internal/"):
			return 3 // tuitest hosts a tab: it sits with the components
		case rel == "common":
			return 2
		case rel == "keymap":
			return 1
		}
		return 0 // i18n, styles
	}
	checked := 0
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		pkg := mod
		if dir := filepath.ToSlash(filepath.Dir(path)); dir != "." {
			pkg += "/" + dir
		}
		for _, imp := range f.Imports {
			dep := strings.Trim(imp.Path.Value, `"`)
			if !strings.HasPrefix(dep, mod) {
				continue
			}
			checked++
			up := layer(dep) > layer(pkg)
			sideways := layer(dep) == layer(pkg) && layer(pkg) != 3 // components may compose components
			if up || sideways {
				t.Errorf("%s imports %s: a package of layer %d imports one of layer %d", path, dep, layer(pkg), layer(dep))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 50 {
		t.Fatalf("only %d imports checked: is the walk in the right place?", checked)
	}
}

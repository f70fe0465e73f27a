package lessons

import (
	"embed"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/netassist/netassist/netassist/configdir"
)

// Ext is the file name extension of a template.
const Ext = ".http"

// DirName is the folder of the user's templates inside the config folder
// (netassist/configdir): <config folder>/templates/*.http.
const DirName = "templates"

//go:embed templates/*.http
var builtin embed.FS

// Builtin returns the templates that ship with netassist, correct ones
// first, then the ones broken on purpose, each by ID. A built-in file
// that does not parse is a bug the tests catch; it is left out.
func Builtin() []Template {
	ts, _ := LoadDir(builtin, "templates")
	for i := range ts {
		ts[i].Source = "builtin"
	}
	return ts
}

// Load returns the built-in templates merged with the user's, read from
// <configDir>/templates (configdir.Default() when configDir is ""), each
// user template's Source its full path. It reads files: call it off a
// UI's goroutine. Errors are one per file that does not parse (the others
// still load), or the folder's.
func Load(configDir string) ([]Template, []error) {
	dir, err := configdir.Path(configDir, DirName)
	if err != nil {
		return Builtin(), []error{err}
	}
	user, errs := LoadDir(os.DirFS(dir), ".")
	for i := range user {
		user[i].Source = filepath.Join(dir, filepath.FromSlash(user[i].Source))
	}
	return Merge(Builtin(), user), errs
}

// maxTemplate bounds a template file (they are a screen or two).
const maxTemplate = 1 << 20

// LoadDir reads every *.http file of dir in fsys, sorted as Builtin
// sorts; each template's Source is its path in fsys. A file that does not
// parse is left out and its error returned (one per file); a missing dir
// is no error.
func LoadDir(fsys fs.FS, dir string) ([]Template, []error) {
	ents, err := fs.ReadDir(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, []error{err}
	}
	var out []Template
	var errs []error
	for _, e := range ents {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, Ext) || strings.HasPrefix(name, ".") {
			continue
		}
		p := path.Join(dir, name)
		b, err := fs.ReadFile(fsys, p)
		if err == nil && len(b) > maxTemplate {
			err = errors.New(p + ": larger than 1 MiB")
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		t, err := Parse(strings.TrimSuffix(name, Ext), b)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		t.Source = p
		out = append(out, t)
	}
	sortTemplates(out)
	return out, errs
}

// Merge returns the built-in templates with the user's added, a user's
// template replacing the built-in one of the same ID.
func Merge(builtin, user []Template) []Template {
	byID := map[string]int{}
	out := append([]Template(nil), builtin...)
	for i, t := range out {
		byID[t.ID] = i
	}
	for _, t := range user {
		if i, ok := byID[t.ID]; ok {
			out[i] = t
			continue
		}
		byID[t.ID] = len(out)
		out = append(out, t)
	}
	sortTemplates(out)
	return out
}

package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/netassist/netassist/netassist"
)

// Where exports go. The CLI and the TUI share these rules: files go to the
// save folder (--save-dir, default the current directory) unless a path is
// given, an existing file is never replaced without asking (--force), and
// a file written into the root of a source checkout says so.

// Formats of Export, as --to names them.
const (
	FormatHAR  = "har"
	FormatText = "text"
	FormatRaw  = "raw"
)

// Formats lists the formats in the order help shows them.
func Formats() []string { return []string{FormatHAR, FormatText, FormatRaw} }

// DefaultName is the name an export of the record at recordPath gets in
// the save folder: session.jsonl gives session.har, session.txt and the
// folder session-raw. "" or "-" (standard input) gives
// netassist-export.*.
func DefaultName(recordPath, format string) string {
	base := filepath.Base(recordPath)
	if recordPath == "" || recordPath == "-" || base == "." || base == string(filepath.Separator) {
		base = "netassist-export"
	}
	for _, ext := range []string{".jsonl", ".ndjson", ".json", ".log"} {
		if b, ok := strings.CutSuffix(base, ext); ok && b != "" {
			base = b
			break
		}
	}
	switch format {
	case FormatHAR:
		return base + ".har"
	case FormatText:
		return base + ".txt"
	}
	return base + "-raw"
}

// ErrExists is the cause of CreateFile's and PrepareDir's refusal to
// replace what is there.
var ErrExists = errors.New("exists (use --force to replace it)")

// CreateFile creates path for an export, refusing to replace an existing
// file unless force. The file is private (0600): captures can hold
// credentials. The error names the path.
func CreateFile(path string, force bool) (*os.File, error) {
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("%s %w", path, ErrExists)
	}
	return f, err
}

// PrepareDir makes dir (and its parents) for a raw export. An existing
// directory that already holds files is refused unless force, so the
// files of two exports never mix unnoticed; with force, files of the same
// names are replaced and others left alone.
func PrepareDir(dir string, force bool) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if force {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if _, err := d.Readdirnames(1); err == nil {
		return fmt.Errorf("%s is not empty: %w", dir, ErrExists)
	} else if err != io.EOF {
		return err
	}
	return nil
}

// CheckoutRoot reports whether dir is the root of a source checkout: it
// holds .git or go.mod. It returns which one ("" if neither), so the
// caller can say where a file went instead of leaving it among the
// sources unnoticed.
func CheckoutRoot(dir string) string {
	for _, marker := range []string{".git", "go.mod"} {
		if _, err := os.Lstat(filepath.Join(dir, marker)); err == nil {
			return marker
		}
	}
	return ""
}

// SaveNew writes src in format (FormatHAR, FormatText or FormatRaw) as a
// new file in dir named base plus the format's extension (.har, .txt; a
// folder base-raw for raw), adding -2, -3, … to the name rather than
// replace anything: the TUI's save keys use it with a name such as
// netassist-session-20261130-120000. It returns the full path written; a
// partial file is removed on error. dir "" is the current directory.
func SaveNew(ctx context.Context, dir, base, format string, src Source, o HAROptions) (string, Stats, error) {
	ext := map[string]string{FormatHAR: ".har", FormatText: ".txt", FormatRaw: "-raw"}[format]
	if ext == "" {
		return "", Stats{}, fmt.Errorf("export: unknown format \"%s\" (har, text, raw)", format)
	}
	if abs, err := filepath.Abs(filepath.Join(dir, base)); err == nil {
		base = abs
	}
	for i := 1; ; i++ {
		path := base + ext
		if i > 1 {
			path = fmt.Sprintf("%s-%d%s", base, i, ext)
		}
		var (
			st  Stats
			err error
		)
		if format == FormatRaw {
			if err = os.Mkdir(path, 0o755); err == nil {
				st, err = Raw(ctx, path, src, false)
				if err != nil {
					os.RemoveAll(path)
				}
			}
		} else {
			var f *os.File
			if f, err = CreateFile(path, false); err == nil {
				if format == FormatHAR {
					st, err = HAR(ctx, f, src, o)
				} else {
					st, err = Text(ctx, f, src)
				}
				if cerr := f.Close(); err == nil {
					err = cerr
				}
				if err != nil {
					os.Remove(path)
				}
			}
		}
		switch {
		case err == nil:
			return path, st, nil
		case (errors.Is(err, fs.ErrExist) || errors.Is(err, ErrExists)) && i < 100:
			continue
		}
		return "", st, netassist.OnPath(path, err)
	}
}

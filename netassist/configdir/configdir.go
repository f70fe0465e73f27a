// Package configdir is where netassist keeps what outlives a run (send
// history, auto-reply rules), and how it writes those files safely.
package configdir

import (
	"fmt"
	"os"
	"path/filepath"
)

// Default is the user's netassist config folder, os.UserConfigDir()/netassist.
func Default() (string, error) {
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("config folder: %w", err)
	}
	return filepath.Join(d, "netassist"), nil
}

// Path returns name inside dir, or inside Default when dir is "".
func Path(dir, name string) (string, error) {
	if dir == "" {
		var err error
		if dir, err = Default(); err != nil {
			return "", err
		}
	}
	return filepath.Join(dir, name), nil
}

// WriteFileAtomic writes data to a temporary file next to path, syncs it
// and renames it to path, so a crash never leaves a half-written file.
func WriteFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename, fails harmlessly
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

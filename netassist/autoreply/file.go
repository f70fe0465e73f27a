package autoreply

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/netassist/netassist/netassist/configdir"
)

// FileName is the name of the rules file in the config folder.
const FileName = "autoreply.json"

// fileVersion is the format version written to FileName.
const fileVersion = 1

// file is the JSON form of FileName.
type file struct {
	Version int    `json:"version"`
	Rules   []Rule `json:"rules"`
}

// Path returns the rules file path in dir ("" for the user's netassist
// config folder, os.UserConfigDir()/netassist).
func Path(dir string) (string, error) {
	p, err := configdir.Path(dir, FileName)
	if err != nil {
		return "", fmt.Errorf("autoreply: %w", err)
	}
	return p, nil
}

// Load reads the saved rules from dir ("" for the user's config folder). No file yet is
// no rules and no error. The rules are returned as written, not compiled:
// a rule saved by a newer version that no longer compiles can still be
// shown and fixed.
func Load(dir string) ([]Rule, error) {
	path, err := Path(dir)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("autoreply: %w", err)
	}
	var f file
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("autoreply: %s: %w", path, err)
	}
	if f.Version > fileVersion {
		return nil, fmt.Errorf("autoreply: %s: format version %d is newer than this netassist (%d)", path, f.Version, fileVersion)
	}
	return f.Rules, nil
}

// Save writes rules to dir ("" for the user's config folder), creating the folder if
// needed. It writes a temporary file and renames it over the old one, so a
// crash never leaves a half-written file.
func Save(dir string, rules []Rule) error {
	path, err := Path(dir)
	if err != nil {
		return err
	}
	if rules == nil {
		rules = []Rule{}
	}
	data, err := json.MarshalIndent(file{Version: fileVersion, Rules: rules}, "", "  ")
	if err != nil {
		return fmt.Errorf("autoreply: %w", err)
	}
	if err := configdir.WriteFileAtomic(path, append(data, '\n')); err != nil {
		return fmt.Errorf("autoreply: %w", err)
	}
	return nil
}

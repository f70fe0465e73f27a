// Package history keeps what was sent from each tab, so it can be recalled
// into the editor and survives restarts (issue 7).
//
// Each tab's list is newest first and de-duplicated: sending something
// again moves it to the front. It is bounded by a number of entries and by
// total text bytes; an entry bigger than the byte bound is not kept at all
// (a pasted megabyte is not worth remembering). The text is what the user
// typed — escapes and macros unexpanded — so a recalled entry is edited
// and sent again exactly as written.
package history

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"

	"github.com/netassist/netassist/netassist/configdir"
)

// Default bounds, per tab.
const (
	DefaultMaxEntries = 200
	DefaultMaxBytes   = 1 << 20
)

// FileName is the name of the history file in the config folder.
const FileName = "history.json"

const fileVersion = 1

// Entry is one sent message as typed.
type Entry struct {
	Text string `json:"text"`
	// Hex says Text is hex digits (the send box was in hex mode).
	Hex bool `json:"hex,omitempty"`
}

// History is every tab's send history. Its methods are safe for
// concurrent use, so Save can run in a background command while the UI
// adds entries.
type History struct {
	// MaxEntries and MaxBytes bound each tab's list; zero means the
	// default. Set them before use.
	MaxEntries int
	MaxBytes   int

	mu   sync.Mutex         // guards tabs
	tabs map[string][]Entry // newest first

	saveMu sync.Mutex // serialises Save, so the last one writes the newest list
}

// New returns an empty History with the default bounds.
func New() *History { return &History{} }

func (h *History) maxEntries() int {
	if h.MaxEntries > 0 {
		return h.MaxEntries
	}
	return DefaultMaxEntries
}

func (h *History) maxBytes() int {
	if h.MaxBytes > 0 {
		return h.MaxBytes
	}
	return DefaultMaxBytes
}

// Add records text as sent from tab, at the front of its list. An equal
// entry (same text and mode) moves to the front instead of repeating; an
// empty text, or one larger than MaxBytes, is not recorded. The oldest
// entries leave when the tab's bounds are passed.
func (h *History) Add(tab, text string, hex bool) {
	if text == "" || len(text) > h.maxBytes() {
		return
	}
	e := Entry{Text: text, Hex: hex}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.tabs == nil {
		h.tabs = make(map[string][]Entry)
	}
	old := h.tabs[tab]
	list := make([]Entry, 0, min(len(old)+1, h.maxEntries()))
	list = append(list, e)
	for _, o := range old {
		if o != e {
			list = append(list, o)
		}
	}
	h.tabs[tab] = h.bound(list)
}

// bound cuts list (newest first) to the entry and byte bounds.
func (h *History) bound(list []Entry) []Entry {
	maxN, maxB := h.maxEntries(), h.maxBytes()
	size := 0
	for i, e := range list {
		size += len(e.Text)
		if i >= maxN || size > maxB {
			clear(list[i:]) // let the dropped strings go
			return list[:i]
		}
	}
	return list
}

// List returns tab's entries, newest first, as a copy the caller may keep.
func (h *History) List(tab string) []Entry {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]Entry(nil), h.tabs[tab]...)
}

// Len is the number of entries tab has.
func (h *History) Len(tab string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.tabs[tab])
}

// Clear forgets tab's history.
func (h *History) Clear(tab string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.tabs, tab)
}

// file is the JSON form of FileName.
type file struct {
	Version int                `json:"version"`
	Tabs    map[string][]Entry `json:"tabs"`
}

// Path returns the history file path in dir ("" for the user's netassist
// config folder, os.UserConfigDir()/netassist).
func Path(dir string) (string, error) {
	p, err := configdir.Path(dir, FileName)
	if err != nil {
		return "", fmt.Errorf("history: %w", err)
	}
	return p, nil
}

// Load reads the history saved in dir ("" for the user's config folder). No file yet is
// an empty history. On a damaged file it returns an empty, usable History
// and the error, so the UI can say so and carry on (the next Save
// replaces the file). Loaded lists are de-duplicated and bounded again, in
// case the file was edited by hand.
func Load(dir string) (*History, error) {
	h := New()
	path, err := Path(dir)
	if err != nil {
		return h, err
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return h, nil
	}
	if err != nil {
		return h, fmt.Errorf("history: %w", err)
	}
	var f file
	if err := json.Unmarshal(data, &f); err != nil {
		return h, fmt.Errorf("history: %s: %w", path, err)
	}
	if f.Version > fileVersion {
		return h, fmt.Errorf("history: %s: format version %d is newer than this netassist (%d)", path, f.Version, fileVersion)
	}
	h.tabs = make(map[string][]Entry, len(f.Tabs))
	for tab, list := range f.Tabs {
		seen := make(map[Entry]bool, len(list))
		clean := make([]Entry, 0, len(list))
		for _, e := range list {
			if e.Text == "" || len(e.Text) > h.maxBytes() || seen[e] {
				continue
			}
			seen[e] = true
			clean = append(clean, e)
		}
		if len(clean) > 0 {
			h.tabs[tab] = h.bound(clean)
		}
	}
	return h, nil
}

// Save writes every tab's history to dir ("" for the user's config folder), creating the
// folder if needed, through a temporary file renamed over the old one, so
// a crash never leaves a half-written file. Concurrent Saves are
// serialised, each writing the lists as they are when it starts writing.
func (h *History) Save(dir string) error {
	path, err := Path(dir)
	if err != nil {
		return err
	}
	h.saveMu.Lock()
	defer h.saveMu.Unlock()
	h.mu.Lock()
	f := file{Version: fileVersion, Tabs: make(map[string][]Entry, len(h.tabs))}
	for tab, list := range h.tabs {
		f.Tabs[tab] = list // lists are replaced on Add, never modified in place
	}
	h.mu.Unlock()
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	if err := configdir.WriteFileAtomic(path, append(data, '\n')); err != nil {
		return fmt.Errorf("history: %w", err)
	}
	return nil
}

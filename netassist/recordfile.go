package netassist

import (
	"fmt"
	"os"
	"time"
)

// RecordFile is a --record file: every event of a store appended to it as JSON
// Lines (DESIGN.md §3), losing none.
type RecordFile struct {
	path string
	f    *os.File
	w    *EventWriter
}

// OpenRecordFile opens (creating or appending to) the file at path and adds a
// sink to st that records every event there from now on. Close it to
// flush. The error names the file.
func OpenRecordFile(st *Store, path string) (*RecordFile, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("--record: %w", err)
	}
	r := &RecordFile{path: path, f: f, w: NewEventWriter(f, JSONL, time.Second)}
	st.AddSink(r.w)
	return r, nil
}

// Path is the file's name as given.
func (r *RecordFile) Path() string { return r.path }

// Close writes every event received so far, syncs the file to disk and
// closes it. Events after Close are not recorded.
func (r *RecordFile) Close() error {
	err := r.w.Close()
	if serr := r.f.Sync(); err == nil {
		err = serr
	}
	if cerr := r.f.Close(); err == nil {
		err = cerr
	}
	return err
}

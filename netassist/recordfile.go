package netassist

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sync"
	"time"
)

// ErrRecordRemoved is the cause of a RecordFileError when the --record file
// was removed or replaced while recording: what would be written next could
// never be read.
var ErrRecordRemoved = errors.New("the file was removed or replaced while recording")

// RecordFileError says a --record file stopped recording: which file, and why
// (ENOSPC, EIO, ErrRecordRemoved, …). Capture goes on in memory.
type RecordFileError struct {
	Path string
	Err  error
}

// Error is one line naming the file and the cause, e.g. "--record
// /tmp/s.jsonl: no space left on device (recording stopped)".
func (e *RecordFileError) Error() string {
	return fmt.Sprintf("--record %s: %v (recording stopped)", e.Path, e.Cause())
}

// Cause is why the file failed, without its path when the cause names
// the file again (a *fs.PathError on Path): "no space left on device".
func (e *RecordFileError) Cause() error {
	var pe *fs.PathError
	if errors.As(e.Err, &pe) && pe.Path == e.Path {
		return pe.Err // the path is said once
	}
	return e.Err
}

func (e *RecordFileError) Unwrap() error { return e.Err }

// RecordFile is a --record file: every event of a store appended to it as
// JSON Lines (DESIGN.md §3), losing none while the disk takes them. The
// file always ends on a line boundary: a write that fails half-way is cut
// back to the last whole line, and Close syncs it to disk. A write error
// stops the recording (Failed closes, Err says why); the store and its
// other sinks go on.
type RecordFile struct {
	path string
	f    *lineFile
	w    *EventWriter
}

// OpenRecordFile opens (creating or appending to) the file at path and adds
// a sink to st that records every event there from now on. Close it to
// flush. The error names the file.
func OpenRecordFile(st *Store, path string) (*RecordFile, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("--record: %w", err)
	}
	lf, err := newLineFile(f, path)
	if err != nil {
		f.Close()
		return nil, &RecordFileError{Path: path, Err: err}
	}
	r := &RecordFile{path: path, f: lf, w: NewJSONLWriter(lf, time.Second)}
	st.AddSink(r.w)
	return r, nil
}

// Path is the file's name as given.
func (r *RecordFile) Path() string { return r.path }

// Failed is closed when the recording stops on an error.
func (r *RecordFile) Failed() <-chan struct{} { return r.w.Failed() }

// Err is nil while recording works, else a *RecordFileError.
func (r *RecordFile) Err() error {
	if err := r.w.Err(); err != nil {
		return &RecordFileError{Path: r.path, Err: err}
	}
	return nil
}

// Flush writes every event received so far to the file (no sync) and
// returns the recording's error (a *RecordFileError), if any.
func (r *RecordFile) Flush() error {
	if err := r.w.Flush(); err != nil {
		return &RecordFileError{Path: r.path, Err: err}
	}
	return nil
}

// Close writes every event received so far, syncs the file to disk
// (fsync) and closes it. Events after Close are not recorded. It returns
// the recording's error (a *RecordFileError), if any.
func (r *RecordFile) Close() error {
	err := r.w.Close()
	if cerr := r.f.close(); err == nil {
		err = cerr
	}
	if err != nil {
		return &RecordFileError{Path: r.path, Err: err}
	}
	return nil
}

// recordSink is the file a lineFile writes: an *os.File, or a test's
// file that fails on cue.
type recordSink interface {
	io.Writer
	Truncate(size int64) error
	Stat() (os.FileInfo, error)
	Sync() error
	Close() error
}

// removedCheckEvery bounds how often a lineFile looks whether its file
// is still there.
const removedCheckEvery = 250 * time.Millisecond

// lineFile is the record's file as the EventWriter writes it (from its
// writer goroutine; Close after that goroutine ended). It knows where the
// last whole line ends, so a failed write is cut back to it, and it
// notices the file being removed or replaced.
type lineFile struct {
	f    recordSink
	path string
	stat func(path string) (os.FileInfo, error) // os.Stat; tests replace it

	mu      sync.Mutex // guards the fields below (Write and close may race at shutdown)
	start   int64      // the file's size when opened: we append after it
	lineEnd int64      // bytes written since start, up to the end of the last whole line
	n       int64      // bytes written since start
	checked time.Time  // the last removal check
	err     error      // the first error; writes stop
}

// newLineFile wraps f, appending to its end. If the file does not end
// with a line break (a crash cut its last line), one is written first, so
// the first new event starts a line of its own.
func newLineFile(f *os.File, path string) (*lineFile, error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	lf := &lineFile{f: f, path: path, stat: os.Stat, start: fi.Size(), checked: time.Now()}
	if lf.start > 0 {
		var last [1]byte
		if _, err := f.ReadAt(last[:], lf.start-1); err != nil {
			return nil, err
		}
		if last[0] != '\n' {
			if _, err := f.Write([]byte{'\n'}); err != nil {
				return nil, err
			}
			lf.start++
		}
	}
	return lf, nil
}

// Write writes b, which the EventWriter hands over in pieces that need not
// end on a line boundary. On an error the file is cut back to the last
// whole line and every later write fails with the same error.
func (l *lineFile) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.err != nil {
		return 0, l.err
	}
	if time.Since(l.checked) >= removedCheckEvery {
		l.checked = time.Now()
		if err := l.stillThere(); err != nil {
			l.err = err
			return 0, err
		}
	}
	n, err := l.f.Write(b)
	if i := bytes.LastIndexByte(b[:n], '\n'); i >= 0 {
		l.lineEnd = l.n + int64(i) + 1
	}
	l.n += int64(n)
	if err != nil {
		l.err = err
		l.cut()
	}
	return n, err
}

// stillThere reports ErrRecordRemoved when path no longer names the file
// being written.
func (l *lineFile) stillThere() error {
	have, err := l.f.Stat()
	if err != nil {
		return err
	}
	now, err := l.stat(l.path)
	if err != nil || !os.SameFile(have, now) {
		return ErrRecordRemoved
	}
	return nil
}

// cut truncates a partly written line away. Called with l.mu held.
func (l *lineFile) cut() {
	if l.n != l.lineEnd && !errors.Is(l.err, ErrRecordRemoved) {
		if l.f.Truncate(l.start+l.lineEnd) == nil {
			l.n = l.lineEnd
		}
	}
}

// close checks the file is still there, syncs it to disk and closes it.
func (l *lineFile) close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	err := l.err
	if err == nil {
		err = l.stillThere()
	}
	l.cut()
	if serr := l.f.Sync(); err == nil {
		err = serr
	}
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	return err
}

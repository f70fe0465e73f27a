package headless

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/netassist/netassist/netassist/render"
)

// ErrReported is returned by Run (wrapped) when a failure was already
// reported on Config.Errs as it happened — the output or the --record file
// stopped taking events — and nothing else went wrong: the exit code is 1
// and there is nothing more to print.
var ErrReported = errors.New("failure already reported")

// sinkWatch reports, on one line each and the moment they happen, the
// failures of the run's sinks (headless output, --record), so a full disk
// is never silent, and remembers them for the exit code.
type sinkWatch struct {
	done chan struct{}  // closed by stop: the watchers return
	wg   sync.WaitGroup // the watchers

	mu sync.Mutex // guards w and n
	w  io.Writer
	n  int // failures reported
}

func newSinkWatch(w io.Writer) *sinkWatch {
	if w == nil {
		w = io.Discard
	}
	return &sinkWatch{w: w, done: make(chan struct{})}
}

// watch reports errf() once failed closes. Its goroutine ends at stop,
// after reporting a failure that happened before stop.
func (s *sinkWatch) watch(failed <-chan struct{}, errf func() error) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer func() {
			if r := recover(); r != nil {
				s.report(fmt.Errorf("internal error in the headless sink watcher: %v", r))
			}
		}()
		select {
		case <-failed:
		case <-s.done:
			select {
			case <-failed:
			default:
				return
			}
		}
		s.report(errf())
	}()
}

// report writes one line for err.
func (s *sinkWatch) report(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
	say(s.w, "%v", err)
}

// say writes one line on w: "netassist: " and the message, through the
// one renderer (DESIGN.md §5): errors carry file names and peers' text.
func say(w io.Writer, format string, args ...any) {
	io.WriteString(w, "netassist: "+render.Text(fmt.Sprintf(format, args...))+"\n")
}

// stop ends the watchers, each having reported what failed before.
func (s *sinkWatch) stop() {
	close(s.done)
	s.wg.Wait()
}

// reported is how many failures were reported.
func (s *sinkWatch) reported() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}

// syncIfFile syncs w to disk when it is a regular file (stdout redirected
// to one), so the headless output survives as the record does; pipes and
// terminals have nothing to sync.
func syncIfFile(w io.Writer) error {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	return f.Sync()
}

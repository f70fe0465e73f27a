package headless

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/netassist/netassist/netassist"
)

// fullDisk fails every write, as a full disk does.
type fullDisk struct{}

func (fullDisk) Write([]byte) (int, error) {
	return 0, &os.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.ENOSPC}
}

// syncBuffer is a bytes.Buffer safe for the writer goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Output that cannot be written is reported at once, in one line, while
// the run goes on (the record still gets every event); Run then returns an
// error wrapping ErrReported, so nothing is printed twice.
func TestOutputFailureReportedAtOnce(t *testing.T) {
	rec := filepath.Join(t.TempDir(), "rec.jsonl")
	errs := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Config{Tab: netassist.TabServer, Addr: "127.0.0.1:0", Format: FormatJSONL,
			Out: fullDisk{}, Errs: errs, Record: rec})
	}()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(errs.String(), "\n") { // the listen event's write failed
		if time.Now().After(deadline) {
			t.Fatal("the failure was not reported while running")
		}
		time.Sleep(5 * time.Millisecond)
	}
	select {
	case err := <-done:
		t.Fatalf("Run ended on an output failure: %v", err)
	default:
	}
	cancel()
	err := <-done
	if !errors.Is(err, ErrReported) {
		t.Fatalf("Run = %v, want ErrReported", err)
	}
	if got := errs.String(); got != "netassist: writing output: write /dev/stdout: no space left on device\n" {
		t.Errorf("stderr %q", got)
	}
	b, _ := os.ReadFile(rec)
	if !bytes.Contains(b, []byte(`"event":"listen"`)) {
		t.Errorf("the record lacks the listen event: %q", b)
	}
}

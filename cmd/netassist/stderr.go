package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/netassist/netassist/netassist/render"
)

// maxCaptured bounds what stderrCapture keeps.
const maxCaptured = 1 << 20

// stderrCapture takes os.Stderr while the TUI runs. Nothing should write
// there then (it would scribble over the screen), but Bubble Tea, on a
// panic in the UI, restores the terminal and prints the panic and a stack
// trace to os.Stderr. The contract is one line per failure and never a
// stack trace: the capture keeps that text, and the caller turns it into
// one line naming the cause and a file holding the details.
type stderrCapture struct {
	orig *os.File
	w    *os.File
	done chan struct{} // closed when the copying goroutine has read everything

	mu  sync.Mutex // guards buf
	buf bytes.Buffer
}

// captureStderr swaps os.Stderr for a pipe; stop puts it back.
func captureStderr() (*stderrCapture, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	c := &stderrCapture{orig: os.Stderr, w: w, done: make(chan struct{})}
	go func() {
		defer close(c.done)
		defer r.Close()
		defer recovered("the stderr capture", nil)
		chunk := make([]byte, 32<<10)
		for {
			n, err := r.Read(chunk)
			c.mu.Lock()
			if room := maxCaptured - c.buf.Len(); room > 0 {
				c.buf.Write(chunk[:min(n, room)])
			}
			c.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	os.Stderr = w
	return c, nil
}

// stop restores os.Stderr and returns what was written meanwhile. It may
// be called more than once.
func (c *stderrCapture) stop() []byte {
	if os.Stderr == c.w {
		os.Stderr = c.orig
		c.w.Close()
		<-c.done
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.Bytes()
}

// writeRendered writes what a library wrote to stderr while the UI ran,
// line by line through the one renderer: it may hold anything.
func writeRendered(w io.Writer, report []byte) {
	text := strings.TrimSuffix(strings.ReplaceAll(string(report), "\r\n", "\n"), "\n")
	for _, l := range strings.Split(text, "\n") {
		io.WriteString(w, render.Text(l)+"\n")
	}
}

// panicError turns Bubble Tea's panic report ("Caught panic:", the value,
// "Restoring terminal...", the stack) into one line: the panic's value and
// the file the whole report was saved to.
func panicError(report []byte, dir string) error {
	text := strings.ReplaceAll(string(report), "\r\n", "\n")
	value := "unknown"
	if _, after, ok := strings.Cut(text, "Caught panic:\n\n"); ok {
		value, _, _ = strings.Cut(after, "\n\nRestoring terminal...")
		value = strings.TrimSpace(value) // printError escapes it
	}
	f, err := os.CreateTemp(dir, "netassist-panic-*.txt")
	if err != nil {
		return fmt.Errorf("internal error in the UI: %s", value)
	}
	defer f.Close()
	io.WriteString(f, text)
	return fmt.Errorf("internal error in the UI: %s (details in %s)", value, f.Name())
}

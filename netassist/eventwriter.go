package netassist

import (
	"bufio"
	"io"
	"sync"
	"time"
)

// Format appends one event, formatted, to dst.
type Format func(dst []byte, e *Event) []byte

// JSONL formats an event as one line of JSON (DESIGN.md §3).
func JSONL(dst []byte, e *Event) []byte {
	dst = e.AppendJSON(dst)
	return append(dst, '\n')
}

// EventWriter is a Sink that formats every event into a buffered writer
// (the --record file, or headless output). It never drops an event: when
// the buffer is full the write goes through, so a slow disk slows capture
// rather than losing bytes. A goroutine flushes it periodically so a
// reader of the file sees events promptly.
type EventWriter struct {
	format Format

	mu  sync.Mutex // guards w, buf, err
	w   *bufio.Writer
	buf []byte
	err error

	stop chan struct{}
	done chan struct{}
}

// NewEventWriter returns a sink writing to w with format, flushed every
// flushEvery (0: only on Flush and Close).
func NewEventWriter(w io.Writer, format Format, flushEvery time.Duration) *EventWriter {
	ew := &EventWriter{
		format: format,
		w:      bufio.NewWriterSize(w, 256<<10),
		stop:   make(chan struct{}),
		done:   make(chan struct{}),
	}
	if flushEvery > 0 {
		go ew.flushLoop(flushEvery)
	} else {
		close(ew.done)
	}
	return ew
}

func (ew *EventWriter) flushLoop(every time.Duration) {
	defer close(ew.done)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			ew.Flush()
		case <-ew.stop:
			return
		}
	}
}

// WriteEvent formats e and buffers it.
func (ew *EventWriter) WriteEvent(e *Event) {
	ew.mu.Lock()
	defer ew.mu.Unlock()
	if ew.err != nil {
		return
	}
	ew.buf = ew.format(ew.buf[:0], e)
	if _, err := ew.w.Write(ew.buf); err != nil {
		ew.err = err
	}
	if cap(ew.buf) > 1<<20 {
		ew.buf = nil // don't pin a huge buffer after one big chunk
	}
}

// Flush writes buffered events out.
func (ew *EventWriter) Flush() error {
	ew.mu.Lock()
	defer ew.mu.Unlock()
	if ew.err == nil {
		ew.err = ew.w.Flush()
	}
	return ew.err
}

// Err is the first write error, if any.
func (ew *EventWriter) Err() error {
	ew.mu.Lock()
	defer ew.mu.Unlock()
	return ew.err
}

// Close stops the flusher and flushes. It does not close the underlying
// writer.
func (ew *EventWriter) Close() error {
	select {
	case <-ew.stop:
	default:
		close(ew.stop)
	}
	<-ew.done
	return ew.Flush()
}

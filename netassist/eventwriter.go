package netassist

import (
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// Format appends one event, formatted, to dst.
type Format func(dst []byte, e *Event) []byte

// JSONL formats an event as one line of JSON (DESIGN.md §3).
func JSONL(dst []byte, e *Event) []byte {
	dst = e.AppendJSON(dst)
	return append(dst, '\n')
}

// Batch limits: a batch goes to the writer goroutine when it holds this
// many bytes (formatted, or of event data for a deferred format) or this
// many events. A megabyte per write(2) is past the point where the call's
// own cost matters, and keeps the writer's memory small (a few batches).
const (
	batchBytes  = 1 << 20
	batchEvents = 4096
	// batchesAhead is how many full batches may wait for the writer before
	// WriteEvent waits for it (never drops: back-pressure instead).
	batchesAhead = 4
	// batchKeep is the largest buffer a written batch keeps for reuse
	// (one huge event must not pin its memory).
	batchKeep = 4 << 20
)

// EventWriter is a Sink that writes every event, formatted, to a writer
// (the --record file, or headless output), losing none. The store calls
// WriteEvent under its lock, so WriteEvent does little: a JSON Lines
// writer (NewJSONLWriter) formats the event into the current batch there
// (SIMD base64, 6-9 GB/s here against 13-18 for the copy it replaces: a
// few tens of microseconds per 256 KiB read), which saves a pass over the
// bytes and leaves the writer goroutine nothing but write(2), so the file
// system is the limit; any other format (text, which sanitizes every
// byte) has the event copied into the batch and formatted by the writer
// goroutine.
// Capture and the UI never wait on the disk, unless the disk falls more
// than a few batches behind: then WriteEvent waits rather than drop an
// event. Events are handed over every flushEvery, so a reader of the file
// sees them promptly. There is no buffering past the batch: each batch is
// one write (a deferred format's: a write per megabyte of output).
type EventWriter struct {
	w      io.Writer
	format Format
	inline bool // format in WriteEvent (JSONL); else in the writer goroutine

	mu      sync.Mutex  // guards batch, closed and stopped; held while handing a batch over, which keeps batches in order
	batch   *eventBatch // events not yet handed to the writer
	closed  bool        // Close has run: batches is closed
	stopped bool        // formatting panicked: later events are dropped

	errMu  sync.Mutex    // guards err (separate from mu: the writer sets it while WriteEvent may wait on it)
	err    error         // the first error: a write's, or a panic while formatting
	failed chan struct{} // closed when err is set
	bad    atomic.Bool   // err is set (WriteEvent's check, without the lock)

	batches chan *eventBatch // to the writer goroutine
	free    chan *eventBatch // written batches, for reuse
	written chan struct{}    // closed when the writer goroutine has exited

	stopOnce sync.Once
	stop     chan struct{}
	ticker   chan struct{} // closed when the flush goroutine has exited
}

// eventBatch is a run of events: formatted into out (inline), or copied
// with their data into one buffer (deferred).
type eventBatch struct {
	out    []byte   // inline: the formatted events
	events []Event  // deferred: the events, Data nil
	spans  [][2]int // deferred: Data of events[i] is data[spans[i][0]:spans[i][1]]
	data   []byte
	n      int        // events in the batch
	err    error      // a panic while formatting inline: the writer's error once out is written
	flush  chan error // if set: report here once this batch is written
}

// size is what the batch holds, against batchBytes.
func (b *eventBatch) size() int { return len(b.out) + len(b.data) }

// NewEventWriter returns a sink writing to w with format, which runs on
// the writer's own goroutine (it may be slow and keep state: text),
// handing events over every flushEvery (0: only on Flush and Close).
func NewEventWriter(w io.Writer, format Format, flushEvery time.Duration) *EventWriter {
	return newEventWriter(w, format, false, flushEvery)
}

// NewJSONLWriter returns a sink writing JSON Lines (DESIGN.md §3) to w,
// handing events over every flushEvery (0: only on Flush and Close). Each
// event is formatted in WriteEvent, under the store's lock, instead of
// being copied there and formatted later: the writer goroutine only
// writes. The bytes are those of JSONL, event by event.
func NewJSONLWriter(w io.Writer, flushEvery time.Duration) *EventWriter {
	return newEventWriter(w, JSONL, true, flushEvery)
}

func newEventWriter(w io.Writer, format Format, inline bool, flushEvery time.Duration) *EventWriter {
	ew := &EventWriter{
		w:       w,
		format:  format,
		inline:  inline,
		batches: make(chan *eventBatch, batchesAhead),
		free:    make(chan *eventBatch, batchesAhead+2),
		written: make(chan struct{}),
		failed:  make(chan struct{}),
		stop:    make(chan struct{}),
		ticker:  make(chan struct{}),
	}
	go ew.writeLoop()
	if flushEvery > 0 {
		go ew.flushLoop(flushEvery)
	} else {
		close(ew.ticker)
	}
	return ew
}

// WriteEvent adds e to the current batch: formatted (inline), or copied
// (sinks must not keep e.Data; a Detail is kept by reference, records are
// not changed after they are stored). A panic while formatting inline (a
// Detail's bug) becomes the writer's error, not the capture's.
func (ew *EventWriter) WriteEvent(e *Event) {
	if ew.bad.Load() {
		return
	}
	ew.mu.Lock()
	defer ew.mu.Unlock()
	if ew.closed || ew.stopped {
		return
	}
	b := ew.batch
	if b == nil {
		b = ew.newBatch()
		ew.batch = b
	}
	if ew.inline {
		if !ew.formatInline(b, e) {
			ew.stopped = true
			ew.handOver(nil) // what came before is written, then the error set
			return
		}
	} else {
		ev := *e
		ev.Data = nil
		start := len(b.data)
		b.data = append(b.data, e.Data...)
		b.events = append(b.events, ev)
		b.spans = append(b.spans, [2]int{start, len(b.data)})
	}
	b.n++
	if b.size() >= batchBytes || b.n >= batchEvents {
		ew.handOver(nil)
	}
}

// formatInline appends e, formatted, to b.out; on a panic it takes back
// what the event had appended, keeps the panic as the batch's error and
// reports false.
func (ew *EventWriter) formatInline(b *eventBatch, e *Event) (ok bool) {
	mark := len(b.out)
	defer Recover("event writer", func(p *PanicError) {
		b.out = b.out[:mark]
		b.err = p
	})
	b.out = ew.format(b.out, e)
	return true
}

// newBatch returns an empty batch, reusing a written one if there is one.
func (ew *EventWriter) newBatch() *eventBatch {
	select {
	case b := <-ew.free:
		return b
	default:
		return &eventBatch{}
	}
}

// handOver gives the current batch (an empty one if none) to the writer,
// asking it to report when written if flush is set. Called with ew.mu held.
func (ew *EventWriter) handOver(flush chan error) {
	b := ew.batch
	if b == nil {
		if flush == nil {
			return
		}
		b = ew.newBatch()
	}
	ew.batch = nil
	b.flush = flush
	ew.batches <- b
}

// writeLoop is the writer goroutine: it writes the batches in order until
// Close closes the channel. After the first error it writes nothing more
// but keeps draining, so WriteEvent never waits forever.
func (ew *EventWriter) writeLoop() {
	defer close(ew.written)
	var buf []byte // a deferred format's output
	for b := range ew.batches {
		if ew.Err() == nil {
			var err error
			buf, err = ew.writeBatch(b, buf)
			ew.setErr(err)
			ew.setErr(b.err)
		}
		if b.flush != nil {
			b.flush <- ew.Err()
		}
		ew.recycle(b)
	}
}

// recycle empties a written batch and offers it for reuse.
func (ew *EventWriter) recycle(b *eventBatch) {
	clear(b.events) // drop Detail references
	if cap(b.out) > batchKeep {
		b.out = nil
	}
	if cap(b.data) > batchKeep {
		b.data = nil
	}
	b.out, b.events, b.spans, b.data, b.n, b.err, b.flush = b.out[:0], b.events[:0], b.spans[:0], b.data[:0], 0, nil, nil
	select {
	case ew.free <- b:
	default:
	}
}

// writeBatch writes b: its formatted bytes at once (inline), or its events
// formatted into buf and written a megabyte or so at a time. A panic while
// formatting (a Detail's bug) becomes the error.
func (ew *EventWriter) writeBatch(b *eventBatch, buf []byte) (_ []byte, err error) {
	defer Recover("event writer", func(p *PanicError) { err = p })
	if len(b.out) > 0 {
		_, err := ew.w.Write(b.out)
		return buf, err
	}
	buf = buf[:0]
	for i := range b.events {
		ev := &b.events[i]
		ev.Data = b.data[b.spans[i][0]:b.spans[i][1]]
		buf = ew.format(buf, ev)
		if len(buf) >= batchBytes {
			if _, err := ew.w.Write(buf); err != nil {
				return buf[:0], err
			}
			buf = buf[:0]
		}
	}
	if len(buf) > 0 {
		if _, err := ew.w.Write(buf); err != nil {
			return buf[:0], err
		}
	}
	if cap(buf) > batchKeep {
		buf = nil
	}
	return buf, nil
}

func (ew *EventWriter) setErr(err error) {
	if err == nil {
		return
	}
	ew.errMu.Lock()
	if ew.err == nil {
		ew.err = err
		ew.bad.Store(true)
		close(ew.failed)
	}
	ew.errMu.Unlock()
}

func (ew *EventWriter) flushLoop(every time.Duration) {
	defer close(ew.ticker)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			ew.handOverIdle()
		case <-ew.stop:
			return
		}
	}
}

// handOverIdle hands the current batch to the writer if it has events and
// the writer has room: the periodic hand-over, which must not add a small
// write to a queue of full ones (the events go with the next batch).
func (ew *EventWriter) handOverIdle() {
	ew.mu.Lock()
	defer ew.mu.Unlock()
	if ew.closed || ew.batch == nil || ew.batch.n == 0 || len(ew.batches) > 0 {
		return
	}
	ew.handOver(nil)
}

// Flush writes every event received so far and waits until it is written.
func (ew *EventWriter) Flush() error {
	done := make(chan error, 1)
	ew.mu.Lock()
	if ew.closed {
		ew.mu.Unlock()
		return ew.Err()
	}
	ew.handOver(done)
	ew.mu.Unlock()
	<-done
	return ew.Err()
}

// Failed is closed at the first write error, so an owner can report it at
// once (headless: a line on stderr; the TUI: its status bar) instead of
// polling Err. From then on events are dropped, not written: whatever the
// error left on the writer is all there is, and capture goes on in memory.
func (ew *EventWriter) Failed() <-chan struct{} { return ew.failed }

// Err is the first write error, if any.
func (ew *EventWriter) Err() error {
	ew.errMu.Lock()
	defer ew.errMu.Unlock()
	return ew.err
}

// Close writes every event received so far, then stops the EventWriter's
// goroutines; events after Close are dropped. It does not close the
// underlying writer.
func (ew *EventWriter) Close() error {
	ew.stopOnce.Do(func() { close(ew.stop) })
	<-ew.ticker // the periodic hand-over has stopped
	ew.mu.Lock()
	if !ew.closed {
		ew.closed = true
		ew.handOver(nil)
		close(ew.batches)
	}
	ew.mu.Unlock()
	<-ew.written
	return ew.Err()
}

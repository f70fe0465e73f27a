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

// Batch limits: a batch goes to the writer goroutine when it holds this
// many bytes of event data or this many events.
const (
	batchBytes  = 1 << 20
	batchEvents = 4096
	// batchesAhead is how many full batches may wait for the writer before
	// WriteEvent waits for it (never drops: back-pressure instead).
	batchesAhead = 4
)

// EventWriter is a Sink that writes every event, formatted, to a writer
// (the --record file, or headless output), losing none. The store calls
// WriteEvent under its lock, so WriteEvent only copies the event into a
// batch; a goroutine of the EventWriter formats (base64 is the costly part)
// and writes. Capture and the UI therefore never wait on the disk, unless
// the disk falls more than a few batches behind: then WriteEvent waits
// rather than drop an event. The buffer is flushed every flushEvery, so a
// reader of the file sees events promptly.
type EventWriter struct {
	format Format

	mu     sync.Mutex  // guards batch and closed; held while handing a batch over, which keeps batches in order
	batch  *eventBatch // events not yet handed to the writer
	closed bool        // Close has run: batches is closed

	errMu  sync.Mutex    // guards err (separate from mu: the writer sets it while WriteEvent may wait on it)
	err    error         // the writer's first error
	failed chan struct{} // closed when err is set

	batches chan *eventBatch // to the writer goroutine
	free    chan *eventBatch // written batches, for reuse
	written chan struct{}    // closed when the writer goroutine has exited

	stopOnce sync.Once
	stop     chan struct{}
	ticker   chan struct{} // closed when the flush goroutine has exited
}

// eventBatch is a run of events with their data copied into one buffer.
type eventBatch struct {
	events []Event
	spans  [][2]int // Data of events[i] is data[spans[i][0]:spans[i][1]]
	data   []byte
	flush  chan error // if set: flush after this batch and report here
}

// NewEventWriter returns a sink writing to w with format, flushed every
// flushEvery (0: only on Flush and Close).
func NewEventWriter(w io.Writer, format Format, flushEvery time.Duration) *EventWriter {
	ew := &EventWriter{
		format:  format,
		batches: make(chan *eventBatch, batchesAhead),
		free:    make(chan *eventBatch, batchesAhead+2),
		written: make(chan struct{}),
		failed:  make(chan struct{}),
		stop:    make(chan struct{}),
		ticker:  make(chan struct{}),
	}
	go ew.writeLoop(bufio.NewWriterSize(w, 256<<10))
	if flushEvery > 0 {
		go ew.flushLoop(flushEvery)
	} else {
		close(ew.ticker)
	}
	return ew
}

// WriteEvent copies e into the current batch. Sinks must not keep e.Data,
// so the bytes are copied; a Detail is kept by reference (records are not
// changed after they are stored).
func (ew *EventWriter) WriteEvent(e *Event) {
	if ew.Err() != nil {
		return
	}
	ew.mu.Lock()
	defer ew.mu.Unlock()
	if ew.closed {
		return
	}
	b := ew.batch
	if b == nil {
		b = ew.newBatch()
		ew.batch = b
	}
	ev := *e
	ev.Data = nil
	start := len(b.data)
	b.data = append(b.data, e.Data...)
	b.events = append(b.events, ev)
	b.spans = append(b.spans, [2]int{start, len(b.data)})
	if len(b.data) >= batchBytes || len(b.events) >= batchEvents {
		ew.handOver(nil)
	}
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
// asking it to flush afterwards when flush is set. Called with ew.mu held.
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

func (ew *EventWriter) writeLoop(w *bufio.Writer) {
	defer close(ew.written)
	var buf []byte
	var werr error
	for b := range ew.batches {
		buf, werr = ew.writeBatch(w, b, buf, werr)
		ew.setErr(werr)
		if b.flush != nil {
			b.flush <- werr
		}
		clear(b.events) // drop Detail references
		b.events, b.spans, b.data, b.flush = b.events[:0], b.spans[:0], b.data[:0], nil
		select {
		case ew.free <- b:
		default:
		}
	}
	if werr == nil {
		ew.setErr(w.Flush()) // what came after the last flush, at Close
	}
}

// writeBatch formats b into buf and writes it in pieces of about a
// megabyte (those go past w's buffer without a copy, in few syscalls),
// then flushes if b asks. After the first error it writes nothing more. A
// panic while formatting (a Detail's bug) becomes the writer's error, so
// the writer keeps draining batches and WriteEvent never waits forever.
func (ew *EventWriter) writeBatch(w *bufio.Writer, b *eventBatch, buf []byte, werr error) (_ []byte, err error) {
	defer Recover("event writer", func(p *PanicError) { err = p })
	if werr != nil {
		return buf, werr
	}
	buf = buf[:0]
	for i := range b.events {
		ev := &b.events[i]
		ev.Data = b.data[b.spans[i][0]:b.spans[i][1]]
		buf = ew.format(buf, ev)
		if len(buf) >= 1<<20 {
			if _, err := w.Write(buf); err != nil {
				return buf[:0], err
			}
			buf = buf[:0]
		}
	}
	if len(buf) > 0 {
		if _, err := w.Write(buf); err != nil {
			return buf[:0], err
		}
	}
	if cap(buf) > 4<<20 {
		buf = nil // don't pin a huge buffer after one big chunk
	}
	if b.flush != nil {
		return buf, w.Flush()
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
			ew.Flush()
		case <-ew.stop:
			return
		}
	}
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

// Close writes and flushes every event received so far, then stops the
// EventWriter's goroutines; events after Close are dropped. It does not
// close the underlying writer.
func (ew *EventWriter) Close() error {
	ew.stopOnce.Do(func() { close(ew.stop) })
	<-ew.ticker // the periodic flush has stopped
	ew.mu.Lock()
	if !ew.closed {
		ew.closed = true
		ew.handOver(nil)
		close(ew.batches)
	}
	ew.mu.Unlock()
	<-ew.written // the writer flushes once the batches run out
	return ew.Err()
}

package netassist

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"
)

// slowWriter blocks every write until released, like a stalled disk.
type slowWriter struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	release chan struct{}
}

func (w *slowWriter) Write(b []byte) (int, error) {
	<-w.release
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(b)
}

// A stalled output must not stall capture until several batches are
// queued, and nothing may be lost or reordered once it resumes.
func TestEventWriterDoesNotBlockCaptureAndLosesNothing(t *testing.T) {
	w := &slowWriter{release: make(chan struct{})}
	ew := NewEventWriter(w, JSONL, 0)
	st := NewStore(0)
	st.AddSink(ew)
	id := st.RecordOpen(TabServer, "l", "r")

	// The disk is stalled: storing a few MiB must still go through.
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 1000 {
			st.RecordData(id, In, bytes.Repeat([]byte{byte(i)}, 1000), 0)
		}
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("capture waited on a stalled output")
	}
	close(w.release) // the disk resumes
	if err := ew.Close(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(w.buf.Bytes()))
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		var ev struct {
			Event string `json:"event"`
			Data  string `json:"data"`
		}
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatal(err)
		}
		if ev.Event != "data" {
			continue
		}
		b, _ := base64.StdEncoding.DecodeString(ev.Data)
		if !bytes.Equal(b, bytes.Repeat([]byte{byte(n)}, 1000)) {
			t.Fatalf("data event %d out of order or wrong", n)
		}
		n++
	}
	if n != 1000 {
		t.Fatalf("%d data events written, want 1000", n)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, io.ErrShortWrite }

func TestEventWriterReportsWriteError(t *testing.T) {
	ew := NewEventWriter(failWriter{}, JSONL, time.Millisecond)
	ew.WriteEvent(&Event{Kind: KindError, Tab: TabServer, Err: "x"})
	if err := ew.Flush(); !errors.Is(err, io.ErrShortWrite) {
		t.Errorf("Flush: %v", err)
	}
	ew.WriteEvent(&Event{Kind: KindError, Tab: TabServer, Err: "y"}) // dropped, no hang
	if err := ew.Close(); !errors.Is(err, io.ErrShortWrite) {
		t.Errorf("Close: %v", err)
	}
}

// The SIMD base64 of data events is the standard encoding, at every
// length (the vector code handles blocks, the tail is scalar).
func TestAppendBase64IsStandard(t *testing.T) {
	data := make([]byte, 3<<10)
	for i := range data {
		data[i] = byte(i*131 + i>>8)
	}
	for n := 0; n <= len(data); n += 1 + n/64 {
		prefix := []byte("x")
		got := appendBase64(prefix, data[:n])
		if want := "x" + base64.StdEncoding.EncodeToString(data[:n]); string(got) != want {
			t.Fatalf("%d bytes: %q, want %q", n, got, want)
		}
	}
}

// panicDetail is a protocol record whose JSON panics (a bug in a layer).
type panicDetail struct{}

func (panicDetail) EventName() string                  { return "broken" }
func (panicDetail) AppendJSONFields(dst []byte) []byte { panic("format exploded") }
func (panicDetail) Summary() string                    { return "" }

// A panic while formatting becomes the writer's error: the writer keeps
// draining, so capture never waits on it, and Close reports it.
func TestEventWriterPanicBecomesItsError(t *testing.T) {
	var out bytes.Buffer
	ew := NewEventWriter(&out, JSONL, 0)
	st := NewStore(0)
	st.AddSink(ew)
	id := st.RecordOpen(TabServer, "l", "r")
	st.RecordDetail(id, panicDetail{})
	var p *PanicError
	if err := ew.Flush(); !errors.As(err, &p) || p.Where != "event writer" {
		t.Fatalf("Flush = %v, want the panic", err)
	}
	for range 3 * batchEvents { // more than the batches that fit ahead
		st.RecordData(id, In, []byte("x"), 0)
	}
	if err := ew.Close(); !errors.As(err, &p) {
		t.Fatalf("Close = %v", err)
	}
}

// events is a run of every kind of event, data of several sizes included.
func testEvents() []Event {
	at := time.Date(2026, 11, 30, 12, 0, 0, 123456789, time.UTC)
	evs := []Event{
		{Time: at, Tab: TabServer, Kind: KindListen, Addr: "127.0.0.1:7890"},
		{Time: at, Tab: TabServer, Kind: KindOpen, Conn: 1, Local: "127.0.0.1:7890", Remote: "127.0.0.1:5151"},
		{Time: at, Tab: TabServer, Kind: KindEOF, Conn: 1, Dir: In},
		{Time: at, Tab: TabServer, Kind: KindClose, Conn: 1, By: ByPeer, Err: "reset \"x\"", Unsent: 3},
		{Time: at, Tab: TabClient, Kind: KindError, Err: "dial <refused>"},
	}
	for i, n := range []int{0, 1, 2, 3, 1000, 300 << 10, 2 << 20} {
		data := make([]byte, n)
		for j := range data {
			data[j] = byte(j*7 + i)
		}
		evs = append(evs, Event{Time: at, Tab: TabServer, Kind: KindData, Conn: 1, Dir: Dir(i % 2), Data: data, Omitted: int64(i)})
	}
	return evs
}

// The inline JSON Lines writer writes exactly what JSONL formats, in
// order, whatever the batch boundaries.
func TestJSONLWriterWritesJSONLBytes(t *testing.T) {
	var want []byte
	var out bytes.Buffer
	ew := NewJSONLWriter(&out, 0)
	for range 3 {
		for _, e := range testEvents() {
			want = JSONL(want, &e)
			ew.WriteEvent(&e)
		}
		if err := ew.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	if err := ew.Close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		t.Fatalf("wrote %d bytes, want %d (JSONL of each event)", out.Len(), len(want))
	}
}

// A panic while formatting inline (in WriteEvent, under the store's lock)
// becomes the writer's error once what came before is written: capture
// goes on, no half event is written, later ones are dropped, and Close
// reports it.
func TestJSONLWriterPanicBecomesItsError(t *testing.T) {
	var out bytes.Buffer
	ew := NewJSONLWriter(&out, 0)
	st := NewStore(0)
	st.AddSink(ew)
	id := st.RecordOpen(TabServer, "l", "r")
	st.RecordDetail(id, panicDetail{})
	var p *PanicError
	select {
	case <-ew.Failed():
	case <-time.After(5 * time.Second):
		t.Fatal("Failed not closed")
	}
	if err := ew.Err(); !errors.As(err, &p) || p.Where != "event writer" {
		t.Fatalf("Err = %v, want the panic", err)
	}
	for range 3 * batchEvents { // more than the batches that fit ahead
		st.RecordData(id, In, []byte("x"), 0)
	}
	if err := ew.Close(); !errors.As(err, &p) {
		t.Fatalf("Close = %v", err)
	}
	if got := out.String(); strings.Contains(got, "broken") || !strings.HasPrefix(got, `{"time"`) || strings.Count(got, "\n") != 1 {
		t.Fatalf("want the open event alone, whole: %q", got)
	}
}

package annotate

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/netassist/netassist/httpserve/glossary"
	"github.com/netassist/netassist/httpserve/wire"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/export"
)

// Stream is what one side of one connection sent, read from a --record
// file (JSON Lines, DESIGN.md §3) or a store through an export.Source: the
// data events of one session, tab, connection and direction, joined in
// order.
type Stream struct {
	// Session numbers the runs a record holds (connection IDs start again
	// in each run appended to the file); 1 for the first.
	Session int
	Tab     string
	Conn    uint64
	Dir     string // "in" (received by netassist) or "out" (sent by it)
	Data    []byte
	// Omitted counts bytes that were sent but not recorded (a file body
	// sent with sendfile keeps only a prefix): the stream is cut short.
	Omitted int64
}

// IsRecord reports whether b looks like a --record file: its first line
// is a JSON object with an "event" field.
func IsRecord(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 || b[0] != '{' {
		return false
	}
	line, _, _ := bytes.Cut(b, []byte("\n"))
	var e struct {
		Event string `json:"event"`
	}
	return json.Unmarshal(line, &e) == nil && e.Event != ""
}

// Streams reads every data event of src (export.FromRecord for a --record
// file, export.FromStore for what the TUI holds) and returns each
// connection's bytes per direction, in the order each first appeared.
// Lines of a record that are not events are skipped (src.Report counts
// them).
func Streams(src export.Source) ([]Stream, error) {
	type key struct {
		session int
		tab     netassist.Tab
		conn    netassist.ConnID
		dir     netassist.Dir
	}
	index := map[key]int{}
	var out []Stream
	for {
		it, err := src.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		e := &it.Event
		if e.Kind != netassist.KindData {
			continue
		}
		k := key{it.Session, e.Tab, e.Conn, e.Dir}
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, Stream{Session: it.Session, Tab: string(e.Tab), Conn: uint64(e.Conn), Dir: e.Dir.String()})
		}
		out[i].Data = append(out[i].Data, e.Data...) // e.Data is the source's until the next call
		out[i].Omitted += e.Omitted
	}
}

// Methods returns the method of each request in a stream of requests, in
// order: what the responses on the same connection answer.
func Methods(requests []byte) []string {
	if wire.IsResponse(requests) {
		return nil
	}
	msgs, _, _ := wire.ParseAll(requests)
	out := make([]string, 0, len(msgs))
	for _, m := range msgs {
		if m.Head != nil && m.Head.StartOK {
			out = append(out, m.Head.Start.Method)
		}
	}
	return out
}

// StreamDoc is one annotated stream of a record.
type StreamDoc struct {
	Stream
	Title string // "web · connection 3 · in (received by netassist) · 644 bytes"
	Doc   *Doc
}

// AnnotateStreams annotates each stream; a stream of responses is read
// with the methods of the requests the other direction of its connection
// carried (o.Methods is ignored). Streams that are not HTTP are annotated
// all the same (their findings say so).
func AnnotateStreams(streams []Stream, o Options) []StreamDoc {
	out := make([]StreamDoc, 0, len(streams))
	t := textIn(o.Lang)
	p := glossary.PhrasesIn(o.Lang)
	for _, s := range streams {
		so := o
		so.Methods = nil
		if wire.IsResponse(s.Data) {
			for _, r := range streams {
				if r.Session == s.Session && r.Tab == s.Tab && r.Conn == s.Conn && r.Dir != s.Dir {
					so.Methods = Methods(r.Data)
				}
			}
		}
		dir := t.DirIn
		if s.Dir == "out" {
			dir = t.DirOut
		}
		title := t.Stream(show(s.Tab), s.Conn, dir, p.Bytes(int64(len(s.Data))))
		if s.Session > 1 {
			title = t.Session(s.Session) + " · " + title
		}
		if s.Omitted > 0 {
			title += " · " + t.Omitted(p.Bytes(s.Omitted))
		}
		out = append(out, StreamDoc{Stream: s, Title: title, Doc: Annotate(s.Data, so)})
	}
	return out
}

package annotate

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/netassist/netassist/httpserve/glossary"
	"github.com/netassist/netassist/httpserve/wire"
)

// Stream is what one side of one connection sent, read from a --record
// file (JSON Lines, DESIGN.md §3): the data events of one tab, connection
// and direction, joined in order.
type Stream struct {
	Tab  string
	Conn uint64
	Dir  string // "in" (received by netassist) or "out" (sent by it)
	Data []byte
	// Omitted counts bytes that were sent but not recorded (a file body
	// sent with sendfile keeps only a prefix): the stream is cut short.
	Omitted int64
}

// event is the part of a record line Streams reads.
type event struct {
	Tab     string `json:"tab"`
	Event   string `json:"event"`
	Conn    uint64 `json:"conn"`
	Dir     string `json:"dir"`
	Data    []byte `json:"data"` // base64 in the record
	Omitted int64  `json:"omitted"`
}

// IsRecord reports whether b looks like a --record file: its first line
// is a JSON object with an "event" field.
func IsRecord(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 || b[0] != '{' {
		return false
	}
	line, _, _ := bytes.Cut(b, []byte("\n"))
	var e event
	return json.Unmarshal(line, &e) == nil && e.Event != ""
}

// Streams reads a --record file and returns each connection's bytes per
// direction, in the order each first appeared. Events other than data
// are skipped. A line that is not JSON is an error naming it, except a
// last line cut short (a record whose writer was killed mid-line).
func Streams(b []byte) ([]Stream, error) {
	type key struct {
		tab  string
		conn uint64
		dir  string
	}
	index := map[key]int{}
	var out []Stream
	for n := 1; len(b) > 0; n++ {
		line, rest, found := bytes.Cut(b, []byte("\n"))
		b = rest
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		var e event
		if err := json.Unmarshal(line, &e); err != nil {
			if !found {
				break // the last line, cut short
			}
			return out, fmt.Errorf("record line %d: %w", n, err)
		}
		if e.Event != "data" {
			continue
		}
		k := key{e.Tab, e.Conn, e.Dir}
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, Stream{Tab: e.Tab, Conn: e.Conn, Dir: e.Dir})
		}
		out[i].Data = append(out[i].Data, e.Data...)
		out[i].Omitted += e.Omitted
	}
	return out, nil
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
				if r.Tab == s.Tab && r.Conn == s.Conn && r.Dir != s.Dir {
					so.Methods = Methods(r.Data)
				}
			}
		}
		dir := t.DirIn
		if s.Dir == "out" {
			dir = t.DirOut
		}
		title := t.Stream(show(s.Tab), s.Conn, dir, p.Bytes(int64(len(s.Data))))
		if s.Omitted > 0 {
			title += " · " + t.Omitted(p.Bytes(s.Omitted))
		}
		out = append(out, StreamDoc{Stream: s, Title: title, Doc: Annotate(s.Data, so)})
	}
	return out
}

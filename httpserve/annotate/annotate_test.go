package annotate

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/netassist/netassist/httpserve/glossary"
	"github.com/netassist/netassist/netassist/export"
	"github.com/netassist/netassist/netassist/i18n"
)

// segs returns the segments of every message, in order.
func segs(d *Doc) []Segment {
	var out []Segment
	for _, m := range d.Messages {
		out = append(out, m.Segments...)
	}
	return out
}

func notes(s Segment) string {
	var t []string
	for _, n := range s.Notes {
		t = append(t, n.Text)
	}
	return strings.Join(t, " | ")
}

func TestRequestParts(t *testing.T) {
	in := "GET /a%20b?x=1 HTTP/1.1\r\nHost: h\r\nX-Thing: 1\r\nOData-Version: 4.0\r\nAccept-Encoding: br;q=1, gzip;q=0.5, zstd;q=0\r\n\r\n"
	d := Annotate([]byte(in), Options{})
	if d.Response || len(d.Messages) != 1 {
		t.Fatalf("response %v, %d messages", d.Response, len(d.Messages))
	}
	ss := segs(d)
	kinds := []Kind{KindStart, KindField, KindField, KindField, KindField, KindBlank, KindVerdict}
	if len(ss) != len(kinds) {
		t.Fatalf("%d segments, want %d", len(ss), len(kinds))
	}
	off := 0
	for i, s := range ss {
		if s.Kind != kinds[i] {
			t.Errorf("segment %d is %v, want %v", i, s.Kind, kinds[i])
		}
		if s.Kind != KindVerdict {
			if s.Off != off {
				t.Errorf("segment %d at %d, want %d", i, s.Off, off)
			}
			off += s.Len
		}
	}
	if off != len(in) {
		t.Errorf("segments cover %d of %d bytes", off, len(in))
	}
	// The start line's three parts, named, at their places.
	want := []string{"GET", "/a%20b?x=1", "HTTP/1.1"}
	for i, p := range ss[0].Parts {
		if got := in[p.Off : p.Off+p.Len]; got != want[i] {
			t.Errorf("part %d (%s) = %q, want %q", i, p.Name, got, want[i])
		}
	}
	if n := notes(ss[0]); !strings.Contains(n, "percent-decoded: /a b?x=1") || !strings.Contains(n, "CRLF") {
		t.Errorf("start notes: %s", n)
	}
	// Field name and value parts.
	if p := ss[1].Parts; len(p) != 2 || in[p[0].Off:p[0].Off+p[0].Len] != "Host" || in[p[1].Off:p[1].Off+p[1].Len] != "h" {
		t.Errorf("Host parts %+v", p)
	}
	for i, want := range map[int]string{
		2: "not a registered header",
		3: "registered with IANA",
		4: "br preferred, q=1 · gzip accepted, q=0.5 · zstd refused, q=0",
	} {
		if !strings.Contains(notes(ss[i]), want) {
			t.Errorf("segment %d notes %q, want %q", i, notes(ss[i]), want)
		}
	}
}

func TestBasicAuthDecoded(t *testing.T) {
	d := Annotate([]byte("GET / HTTP/1.1\r\nHost: a\r\nAuthorization: Basic dGVhY2hlcjpzZWNyZXQ=\r\n\r\n"), Options{})
	if n := notes(segs(d)[2]); !strings.Contains(n, "base64-decoded: teacher:secret") {
		t.Errorf("notes %s", n)
	}
}

func TestQValues(t *testing.T) {
	a := annotator{p: glossary.PhrasesIn(i18n.English), t: &english}
	tests := map[string]string{
		"gzip, deflate, br, zstd":            "gzip accepted, q=1 · deflate accepted, q=1 · br accepted, q=1 · zstd accepted, q=1",
		"en-US,en;q=0.9":                     "en-US preferred, q=1 · en accepted, q=0.9",
		"*;q=0, identity":                    "* (anything else) refused, q=0 · identity preferred, q=1",
		"text/html;level=1;q=0.5, */*;q=0.1": "text/html preferred, q=0.5 · */* (any type) accepted, q=0.1",
		"gzip;q=2":                           "gzip refused, q=2",
	}
	for in, want := range tests {
		if got := a.qvalues(in); got != want {
			t.Errorf("%q:\n got %s\nwant %s", in, got, want)
		}
	}
}

func TestStatusAndChunks(t *testing.T) {
	in := "HTTP/1.1 404 Nope\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n" +
		"4\r\nnot \r\n5;x=y\r\nfound\r\n0\r\nX-Sum: 9\r\n\r\n"
	for _, l := range i18n.All() {
		d := Annotate([]byte(in), Options{Lang: l})
		if !d.Response || len(d.Findings) != 0 {
			t.Fatalf("%v: response %v findings %v", l, d.Response, d.Findings)
		}
		var kinds []string
		for _, s := range segs(d) {
			kinds = append(kinds, s.Kind.String())
		}
		want := "start field field blank verdict chunk-size chunk-data chunk-size chunk-data last-chunk trailer body-end"
		if got := strings.Join(kinds, " "); got != want {
			t.Errorf("%v: kinds\n got %s\nwant %s", l, got, want)
		}
	}
	d := Annotate([]byte(in), Options{})
	ss := segs(d)
	for i, want := range map[int]string{
		0: "4xx client error · ",
		4: "chunked: 2 chunks, 9 bytes",
		5: "chunk size 4 (hex) = 4 bytes",
		7: "chunk extension ;x=y",
		9: "last chunk",
	} {
		if !strings.Contains(notes(ss[i]), want) {
			t.Errorf("segment %d (%v) notes %q, want %q", i, ss[i].Kind, notes(ss[i]), want)
		}
	}
	if !strings.Contains(notes(ss[0]), `the usual reason phrase is "Not Found"`) {
		t.Errorf("reason: %s", notes(ss[0]))
	}
	if got := in[ss[6].Off : ss[6].Off+ss[6].Len]; got != "not \r\n" {
		t.Errorf("chunk data segment %q", got)
	}
}

// A finding becomes a note of the segment that holds its offset.
func TestFindingsPlaced(t *testing.T) {
	in := "HTTP/1.1 200 OK\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhello"
	d := Annotate([]byte(in), Options{Lang: i18n.Chinese})
	var placed []string
	for _, s := range segs(d) {
		for _, n := range s.Notes {
			if n.Kind == NoteFinding {
				placed = append(placed, fmt.Sprintf("%s@%d in %v", n.Finding.Code, n.Finding.Off, s.Kind))
				if !strings.ContainsAny(n.Text, "行字节") {
					t.Errorf("finding note not in Chinese: %s", n.Text)
				}
			}
		}
	}
	want := "bare-lf@15 in start, content-length-mismatch@65 in extra"
	if got := strings.Join(placed, ", "); got != want {
		t.Errorf("placed %s, want %s", got, want)
	}
	if len(d.Findings) != 2 {
		t.Errorf("findings %v", d.Findings)
	}
}

func TestEncodedAndBinary(t *testing.T) {
	gz := "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff\xcaH\xcd\xc9\xc9\x07\x04\x00\x00\xff\xff\x86\xa6\x106\x05\x00\x00\x00"
	in := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n%s", len(gz), gz)
	d := Annotate([]byte(in), Options{})
	var hex, dec int
	for _, s := range segs(d) {
		switch s.Kind {
		case KindHex:
			hex++
			if hex == 1 && !strings.HasPrefix(string(s.Data), "1f 8b 08") {
				t.Errorf("hex row %q", s.Data)
			}
		case KindDecoded:
			dec++
			if string(s.Data) != "hello" {
				t.Errorf("decoded %q", s.Data)
			}
		case KindVerdict:
			if n := notes(s); !strings.Contains(n, "gzip-encoded body: 29 bytes as sent, 5 bytes decoded") {
				t.Errorf("verdict %s", n)
			}
		}
	}
	if hex != 2 || dec != 1 {
		t.Errorf("%d hex rows, %d decoded", hex, dec)
	}
}

// Nothing from the wire reaches the rendered text raw, whatever the bytes:
// only graphic characters, at most width cells per line.
func TestRenderIsSafe(t *testing.T) {
	nasty := "\x1b]52;c;aGk=\x07\x1b[2J\u202e\x9b\x00\u200b"
	ins := []string{
		"GET /" + nasty + " HTTP/1.1\r\nHost: " + nasty + "\r\nAccept: " + nasty + ";q=0\r\nX" + nasty + ": 1\r\n\r\n",
		"HTTP/1.1 200 " + nasty + "\r\nContent-Type: text/html\r\nContent-Length: 40\r\n\r\n" + nasty + nasty,
		"POST / HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\n\r\na=%1b%5b2",
		"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;" + nasty + "\r\n" + nasty,
		nasty,
	}
	for _, in := range ins {
		for _, l := range i18n.All() {
			for _, w := range []int{80, 40} {
				for _, line := range Annotate([]byte(in), Options{Lang: l}).Render(w, nil) {
					for _, r := range line {
						if !unicode.IsGraphic(r) {
							t.Fatalf("%q: %U in %q", in, r, line)
						}
					}
				}
			}
		}
	}
}

func FuzzAnnotate(f *testing.F) {
	f.Add([]byte("GET / HTTP/1.1\r\nHost: a\r\n\r\n"))
	f.Add([]byte("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"))
	f.Add([]byte("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 2\r\n\r\n\x1f\x8b"))
	f.Fuzz(func(t *testing.T, b []byte) {
		d := Annotate(b, Options{MaxBody: 64, HexBytes: 32})
		for _, m := range d.Messages {
			for _, s := range m.Segments {
				if s.Off < 0 || s.Len < 0 || s.Off+s.Len > len(b) {
					t.Fatalf("segment %v [%d,+%d) outside %d bytes", s.Kind, s.Off, s.Len, len(b))
				}
			}
		}
		for _, line := range d.Render(30, nil) {
			for _, r := range line {
				if !unicode.IsGraphic(r) {
					t.Fatalf("%U in %q", r, line)
				}
			}
		}
	})
}

func TestRecordStreams(t *testing.T) {
	line := func(event string, conn int, dir, data string) string {
		return fmt.Sprintf(`{"time":"2026-01-01T00:00:00Z","tab":"web","event":%q,"conn":%d,"dir":%q,"len":%d,"data":%q}`,
			event, conn, dir, len(data), base64.StdEncoding.EncodeToString([]byte(data)))
	}
	rec := strings.Join([]string{
		`{"time":"2026-01-01T00:00:00Z","tab":"web","event":"listen","addr":"127.0.0.1:8080"}`,
		line("open", 1, "", ""),
		line("data", 1, "in", "HEAD / HTTP/1.1\r\nHost: a\r\n\r\n"),
		line("data", 1, "out", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"),
		line("data", 1, "out", "Content-Length: 3477\r\n\r\n"),
		`{"time":"2026-01-01T00:00:00Z","tab":"web","event":"data","conn":1,"di`, // cut short
	}, "\n")
	if !IsRecord([]byte(rec)) || IsRecord([]byte("GET / HTTP/1.1\r\n\r\n")) {
		t.Fatal("IsRecord")
	}
	streams, err := Streams(export.FromRecord(strings.NewReader(rec)))
	if err != nil || len(streams) != 2 {
		t.Fatalf("%d streams, %v", len(streams), err)
	}
	docs := AnnotateStreams(streams, Options{})
	resp := docs[1]
	if resp.Dir != "out" || !resp.Doc.Response || len(resp.Doc.Findings) != 0 {
		// A reply to HEAD: its Content-Length is GET's, no body follows.
		t.Errorf("out stream: response %v, findings %v", resp.Doc.Response, resp.Doc.Findings)
	}
	if !strings.Contains(resp.Title, "web · connection 1 · out") {
		t.Errorf("title %q", resp.Title)
	}
	// A second run appended to the record starts its connection IDs
	// again: its conn 1 is another stream.
	again := rec[:strings.LastIndex(rec, "\n")] + "\n" + line("open", 1, "", "") + "\n" + line("data", 1, "in", "GET /x HTTP/1.1\r\n\r\n") + "\n"
	streams, err = Streams(export.FromRecord(strings.NewReader(again)))
	if err != nil || len(streams) != 3 || streams[2].Session != 2 || string(streams[2].Data) != "GET /x HTTP/1.1\r\n\r\n" {
		t.Fatalf("second run: %+v, %v", streams, err)
	}
	if docs := AnnotateStreams(streams, Options{}); !strings.HasPrefix(docs[2].Title, "run 2 of the record · ") {
		t.Errorf("title %q", docs[2].Title)
	}
}

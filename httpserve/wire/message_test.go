package wire

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestParseResponse(t *testing.T) {
	const chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" +
		"5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nX-Trailer: yes\r\n\r\n"
	tests := []struct {
		name     string
		in       string
		method   string
		framing  Framing
		cl       int64
		body     string
		complete bool
		last     bool
		chunks   int
		len      int // -1: the whole input
		problem  string
	}{
		{name: "content-length", in: "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
			framing: FramingLength, cl: 5, body: "hello", complete: true, len: -1},
		{name: "content-length partial", in: "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel",
			framing: FramingLength, cl: 5, body: "hel", len: -1},
		{name: "content-length then more", in: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhiHTTP/1.1",
			framing: FramingLength, cl: 2, body: "hi", complete: true, len: 40},
		{name: "content-length zero", in: "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n",
			framing: FramingLength, cl: 0, complete: true, len: -1},
		{name: "repeated equal content-length", in: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nhi",
			framing: FramingLength, cl: 2, body: "hi", complete: true, len: -1},
		// net/http refuses a list in one field, and "2" beside "02".
		{name: "content-length list", in: "HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\n\r\nhi",
			framing: FramingClose, cl: -1, body: "hi", len: -1, problem: `"2, 2"`},
		{name: "content-length 2 and 02", in: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 02\r\n\r\nhi",
			framing: FramingClose, cl: -1, body: "hi", len: -1, problem: `"2, 02"`},
		{name: "conflicting content-length", in: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nhi",
			framing: FramingClose, cl: -1, body: "hi", len: -1, problem: "is not one valid number"},
		{name: "bad content-length", in: "HTTP/1.1 200 OK\r\nContent-Length: 12x\r\n\r\nhi",
			framing: FramingClose, cl: -1, body: "hi", len: -1, problem: `"12x"`},
		{name: "chunked", in: chunked,
			framing: FramingChunked, cl: -1, body: "hello, world", complete: true, last: true, chunks: 2, len: -1},
		{name: "chunked wins over content-length", in: "HTTP/1.1 200 OK\r\nContent-Length: 99\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n",
			framing: FramingChunked, cl: -1, body: "hi", complete: true, last: true, chunks: 1, len: -1, problem: "Content-Length is ignored"},
		{name: "chunked upper-case hex, LF only", in: "HTTP/1.1 200 OK\nTransfer-Encoding: Chunked\n\nA\n0123456789\n0\n\n",
			framing: FramingChunked, cl: -1, body: "0123456789", complete: true, last: true, chunks: 1, len: -1, problem: "bare LF"},
		{name: "chunked bad size", in: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\nzz\r\nxx",
			framing: FramingChunked, cl: -1, body: "hi", chunks: 1, len: -1, problem: `chunk size "zz" is not a hex number`},
		{name: "chunk longer than its size", in: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhiya\r\n0\r\n\r\n",
			framing: FramingChunked, cl: -1, body: "hi", chunks: 1, len: -1, problem: "longer than its size"},
		{name: "transfer-encoding without chunked", in: "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nabc",
			framing: FramingClose, cl: -1, body: "abc", len: -1, problem: "does not end in chunked"},
		{name: "until close", in: "HTTP/1.0 200 OK\r\nServer: x\r\n\r\nall of it",
			framing: FramingClose, cl: -1, body: "all of it", len: -1},
		{name: "no reason phrase", in: "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n",
			framing: FramingLength, complete: true, len: -1},
		{name: "204 ignores body", in: "HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 200 OK\r\n",
			framing: FramingNone, cl: -1, complete: true, len: 27},
		{name: "304 keeps content-length as information", in: "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n",
			framing: FramingNone, cl: 10, complete: true, len: -1},
		{name: "100 continue", in: "HTTP/1.1 100 Continue\r\n\r\n",
			framing: FramingNone, cl: -1, complete: true, len: -1},
		{name: "reply to HEAD", in: "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n", method: "HEAD",
			framing: FramingNone, cl: 1234, complete: true, len: -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := tt.method
			if method == "" {
				method = "GET"
			}
			r, err := ParseResponse([]byte(tt.in), method)
			if err != nil {
				t.Fatal(err)
			}
			wantLen := tt.len
			if wantLen < 0 {
				wantLen = len(tt.in)
			}
			if r.Framing != tt.framing || r.ContentLength != tt.cl || string(r.Body) != tt.body ||
				r.Complete != tt.complete || r.LastChunk != tt.last || dataChunks(r) != tt.chunks || r.Len != wantLen {
				t.Errorf("got framing %v cl %d body %q complete %v last %v chunks %d len %d\n"+
					"want framing %v cl %d body %q complete %v last %v chunks %d len %d",
					r.Framing, r.ContentLength, r.Body, r.Complete, r.LastChunk, dataChunks(r), r.Len,
					tt.framing, tt.cl, tt.body, tt.complete, tt.last, tt.chunks, wantLen)
			}
			problems := messagesOf(r.Findings)
			if (tt.problem == "") != (problems == "") || !strings.Contains(problems, tt.problem) {
				t.Errorf("problems %q, want one containing %q", problems, tt.problem)
			}
			if r.Framing != FramingChunked && !bytes.Equal(r.Body, r.WireBody) {
				t.Errorf("WireBody %q differs from Body %q", r.WireBody, r.Body)
			}
			if r.HeadLen+len(r.WireBody) != r.Len {
				t.Errorf("HeaderLen %d + WireBody %d != Len %d", r.HeadLen, len(r.WireBody), r.Len)
			}
		})
	}
}

func TestParseResponseHeader(t *testing.T) {
	in := "HTTP/1.1 301 Moved Permanently\r\n" +
		"location: /new\r\n" +
		"X-CUSTOM-thing:   spaced value \t\r\n" +
		"Set-Cookie: a=1\r\n" +
		"Set-Cookie: b=2\r\n" +
		"X-Folded: one\r\n two\r\n" +
		"Empty:\r\n" +
		"Content-Length: 3\r\n\r\nabc"
	r, err := ParseResponse([]byte(in), "")
	if err != nil {
		t.Fatal(err)
	}
	st := r.Head.Start
	if st.Text != "HTTP/1.1 301 Moved Permanently" || st.Proto != "HTTP/1.1" || st.Code != 301 || st.Reason != "Moved Permanently" {
		t.Errorf("status line parsed as %q %q %d %q", st.Text, st.Proto, st.Code, st.Reason)
	}
	want := [][2]string{
		{"location", "/new"},
		{"X-CUSTOM-thing", "spaced value"},
		{"Set-Cookie", "a=1"},
		{"Set-Cookie", "b=2"},
		{"X-Folded", "one two"},
		{"Empty", ""},
		{"Content-Length", "3"},
	}
	if got := nameValues(r.Head.Fields); !reflect.DeepEqual(got, want) {
		t.Errorf("header\n got %q\nwant %q", got, want)
	}
	if r.HeadLen != len(in)-3 {
		t.Errorf("HeaderLen = %d, want %d", r.HeadLen, len(in)-3)
	}
	if r.Get("LOCATION") != "/new" || strings.Join(r.Values("set-cookie"), " ") != "a=1 b=2" || r.Get("nope") != "" {
		t.Errorf("Get/Values: %q %q", r.Get("LOCATION"), r.Values("set-cookie"))
	}
	if len(r.Findings) != 1 || r.Findings[0].Code != CodeObsFold || r.Findings[0].Off != int64(strings.Index(in, " two")) {
		t.Errorf("findings %v, want the folded line", r.Findings)
	}
}

func TestParseResponseErrors(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"", ErrIncomplete},
		{"HTT", ErrIncomplete},
		{"HTTP/1.1 200 OK", ErrIncomplete},
		{"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n", ErrIncomplete},
		{"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r", ErrIncomplete},
		{"GET / HTTP/1.1\r\n\r\n", ErrNotHTTP},
		{"HTTP/2 200\r\n\r\n", ErrNotHTTP},
		{"HTTP/1.1 20 OK\r\n\r\n", ErrNotHTTP},
		{"HTTP/1.1 abc OK\r\n\r\n", ErrNotHTTP},
		{"HTTP/1.1200 OK\r\n\r\n", ErrNotHTTP},
		{"\x16\x03\x01\x02\x00", ErrNotHTTP}, // a TLS handshake
		{"HTTP/1.1 200 OK\r\nX: " + strings.Repeat("a", MaxHeaderBytes), ErrHeaderTooLarge},
	}
	for _, tt := range tests {
		r, err := ParseResponse([]byte(tt.in), "")
		if !errors.Is(err, tt.want) || r != nil {
			t.Errorf("ParseResponse(%.30q) = %v, %v; want %v", tt.in, r, err, tt.want)
		}
	}
}

// TestParseResponseChunkedPrefixes feeds every prefix of a chunked reply,
// as it would arrive byte by byte: the decoded body only grows, is always
// a prefix of the final one, and the reply is complete only at the end.
func TestParseResponseChunkedPrefixes(t *testing.T) {
	full := "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" +
		"3\r\nabc\r\n10;name=value\r\n0123456789abcdef\r\n1\r\n\n\r\n0\r\nT: 1\r\n\r\n"
	wantBody := "abc0123456789abcdef\n"
	hdr := strings.Index(full, "\r\n\r\n") + 4
	lastChunkAt := strings.Index(full, "0\r\nT") + 3
	prev := 0
	for n := hdr; n <= len(full); n++ {
		r, err := ParseResponse([]byte(full[:n]), "")
		if err != nil {
			t.Fatalf("prefix %d: %v", n, err)
		}
		body := string(r.Body)
		if !strings.HasPrefix(wantBody, body) || len(body) < prev {
			t.Fatalf("prefix %d: body %q, not growing towards %q", n, body, wantBody)
		}
		prev = len(body)
		if r.Complete != (n == len(full)) || r.LastChunk != (n >= lastChunkAt) {
			t.Fatalf("prefix %d: complete %v last chunk %v", n, r.Complete, r.LastChunk)
		}
		if len(r.Findings) > 0 {
			t.Fatalf("prefix %d: findings %v", n, r.Findings)
		}
		if r.Len > n {
			t.Fatalf("prefix %d: Len %d beyond the input", n, r.Len)
		}
	}
	r, _ := ParseResponse([]byte(full), "")
	if string(r.Body) != wantBody || dataChunks(r) != 3 || !reflect.DeepEqual(nameValues(r.Trailer), [][2]string{{"T", "1"}}) || r.Len != len(full) {
		t.Errorf("final: body %q chunks %d trailer %q len %d", r.Body, dataChunks(r), nameValues(r.Trailer), r.Len)
	}
}

func TestParseResponses(t *testing.T) {
	one := "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none"
	two := "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\ntwo\r\n0\r\n\r\n"
	head := "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"
	cont := "HTTP/1.1 100 Continue\r\n\r\n"
	partial := "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nthr"
	tests := []struct {
		name    string
		in      string
		methods []string
		bodies  []string
		partial string // body of the partial response; "-" none
		err     error
	}{
		{"two keep-alive", one + two, nil, []string{"one", "two"}, "-", nil},
		{"two and a partial", one + two + partial, nil, []string{"one", "two"}, "thr", nil},
		{"header still arriving", one + "HTTP/1.1 200 O", nil, []string{"one"}, "-", ErrIncomplete},
		{"garbage after", one + "junk\r\n", nil, []string{"one"}, "-", ErrNotHTTP},
		{"HEAD then GET", head + one, []string{"HEAD", "GET"}, []string{"", "one"}, "-", nil},
		{"100 continue does not use a method", cont + head + one, []string{"HEAD"}, []string{"", "", "one"}, "-", nil},
		{"until close is partial", one + "HTTP/1.0 200 OK\r\n\r\nrest", nil, []string{"one"}, "rest", nil},
		{"nothing", "", nil, nil, "-", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done, part, err := ParseResponses([]byte(tt.in), tt.methods...)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			var bodies []string
			off := 0
			for _, r := range done {
				bodies = append(bodies, string(r.Body))
				if r.Off != off || !r.Complete {
					t.Errorf("response at %d: Offset %d complete %v", off, r.Off, r.Complete)
				}
				off += r.Len
			}
			if !reflect.DeepEqual(bodies, tt.bodies) {
				t.Errorf("bodies %q, want %q", bodies, tt.bodies)
			}
			switch {
			case tt.partial == "-" && part != nil:
				t.Errorf("partial %+v, want none", part)
			case tt.partial != "-" && (part == nil || string(part.Body) != tt.partial || part.Off != off):
				t.Errorf("partial %+v, want body %q at %d", part, tt.partial, off)
			}
		})
	}
}

func TestParseResponsesTunnel(t *testing.T) {
	in := "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\x81\x05hello"
	done, part, err := ParseResponses([]byte(in))
	if err != nil || part != nil || len(done) != 1 || !done[0].Tunnel || done[0].Len != len(in)-7 {
		t.Fatalf("got %v %v %v", done, part, err)
	}
	done, _, err = ParseResponses([]byte("HTTP/1.1 200 Connection established\r\n\r\n\x16\x03\x01"), "CONNECT")
	if err != nil || len(done) != 1 || !done[0].Tunnel {
		t.Fatalf("CONNECT: %v %v", done, err)
	}
}

// TestGzipReply: a gzip-encoded, chunked reply as a server sends it; the
// raw body stays as it crossed the wire and decodes on request.
func TestGzipReply(t *testing.T) {
	var pb strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&pb, "<p>line %d: %x</p>\n", i, i*i*7919)
	}
	page := pb.String()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(page))
	zw.Close()
	enc := gz.Bytes()

	var wire bytes.Buffer
	wire.WriteString("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nVary: Accept-Encoding\r\nTransfer-Encoding: chunked\r\n\r\n")
	for i := 0; i < len(enc); i += 100 {
		c := enc[i:min(i+100, len(enc))]
		fmt.Fprintf(&wire, "%x\r\n%s\r\n", len(c), c)
	}
	wire.WriteString("0\r\n\r\n")

	r, err := ParseResponse(wire.Bytes(), "")
	if err != nil {
		t.Fatal(err)
	}
	if !r.Complete || !bytes.Equal(r.Body, enc) || r.ContentEncoding() != "gzip" {
		t.Fatalf("complete %v body %d bytes (want %d) encoding %q", r.Complete, len(r.Body), len(enc), r.ContentEncoding())
	}
	got, err := Decode(r.ContentEncoding(), r.Body)
	if err != nil || string(got) != page {
		t.Fatalf("decoded %d bytes, %v; want %d bytes", len(got), err, len(page))
	}

	// Half the reply: decoding what arrived gives a prefix of the page.
	r, err = ParseResponse(wire.Bytes()[:r.HeadLen+(wire.Len()-r.HeadLen)/2], "")
	if err != nil {
		t.Fatal(err)
	}
	if r.Complete {
		t.Fatal("half a reply is complete")
	}
	got, err = Decode(r.ContentEncoding(), r.Body)
	if err == nil || !strings.HasPrefix(page, string(got)) {
		t.Errorf("half decoded %d bytes, err %v; want a prefix and an error", len(got), err)
	}
}

func TestFramingString(t *testing.T) {
	for f, want := range map[Framing]string{FramingNone: "none", FramingLength: "content-length",
		FramingChunked: "chunked", FramingClose: "until close", 9: "unknown"} {
		if f.String() != want {
			t.Errorf("%d: %q, want %q", f, f, want)
		}
	}
	r := &Message{Framing: FramingClose}
	if r.Done(false) || !r.Done(true) {
		t.Error("Done for a close-framed body")
	}
}

func dataChunks(m *Message) int {
	n := 0
	for _, c := range m.Chunks {
		if c.Size > 0 {
			n++
		}
	}
	return n
}

func messagesOf(fs []Finding) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Message())
	}
	return strings.Join(out, "; ")
}

func nameValues(fs []Field) [][2]string {
	var out [][2]string
	for _, f := range fs {
		out = append(out, [2]string{f.Name, f.Value})
	}
	return out
}

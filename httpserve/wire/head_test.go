package wire

import (
	"reflect"
	"testing"
)

func TestParseHeadOffsets(t *testing.T) {
	in := "\r\nPOST /x?a=1 HTTP/1.1\r\nHost:  a \r\nX-Fold: one\r\n two\nnocolon\r\nBad Name: v\r\n\r\nbody"
	h := ParseHead([]byte(in))
	if !h.Complete || h.Skip != 2 || len(h.Raw) != len(in)-4 || !h.StartOK {
		t.Fatalf("complete %v skip %d raw %d ok %v", h.Complete, h.Skip, len(h.Raw), h.StartOK)
	}
	st := h.Start
	if !st.Request || st.Method != "POST" || st.Target != "/x?a=1" || st.Proto != "HTTP/1.1" || st.Major != 1 || st.Minor != 1 {
		t.Fatalf("start %+v", st)
	}
	for i, want := range []string{"POST", "/x?a=1", "HTTP/1.1"} {
		if p := st.Parts[i]; st.Text[p.Off:p.End()] != want {
			t.Errorf("part %d = %q, want %q", i, st.Text[p.Off:p.End()], want)
		}
	}
	want := []Field{
		{Name: "Host", Value: "a", Off: 24, ValueOff: 31},
		{Name: "X-Fold", Value: "one two", Off: 35, ValueOff: 43},
		{Name: "", Value: "nocolon", Off: 53, ValueOff: 53},
		{Name: "Bad Name", Value: "v", Off: 62, ValueOff: 72},
	}
	if !reflect.DeepEqual(h.Fields, want) {
		t.Fatalf("fields\n got %+v\nwant %+v", h.Fields, want)
	}
	var codes []string
	for _, f := range h.Findings {
		codes = append(codes, f.Code+"@"+itoa(f.Off))
	}
	wantCodes := []string{"leading-empty-lines@0", "obs-fold@48", "bare-lf@52", "no-colon@53", "bad-header-name@62"}
	if !reflect.DeepEqual(codes, wantCodes) {
		t.Errorf("findings %v, want %v", codes, wantCodes)
	}
	var kinds []LineKind
	for _, l := range h.Lines() {
		kinds = append(kinds, l.Kind)
	}
	wantKinds := []LineKind{LineSkip, LineStart, LineField, LineField, LineFold, LineField, LineField, LineEnd}
	if !reflect.DeepEqual(kinds, wantKinds) {
		t.Errorf("line kinds %v, want %v", kinds, wantKinds)
	}
}

func itoa(n int64) string { return string(appendInt(nil, n)) }

func appendInt(b []byte, n int64) []byte {
	if n >= 10 {
		b = appendInt(b, n/10)
	}
	return append(b, byte('0'+n%10))
}

func TestStatusLine(t *testing.T) {
	tests := []struct {
		in     string
		ok     bool
		code   int
		reason string
	}{
		{"HTTP/1.1 200 OK", true, 200, "OK"},
		{"HTTP/1.0 404 Not Found", true, 404, "Not Found"},
		{"HTTP/1.1 204", true, 204, ""},
		{"HTTP/1.1  301 Moved", true, 301, "Moved"},
		{"HTTP/1.1 20 OK", false, 0, ""},
		{"HTTP/2 200", false, 0, ""},
		{"HTTP/1.1 099 x", false, 0, ""},
	}
	for _, tt := range tests {
		s, ok := ParseStatusLine(tt.in)
		if ok != tt.ok || s.Code != tt.code || s.Reason != tt.reason {
			t.Errorf("%q: ok %v code %d reason %q", tt.in, ok, s.Code, s.Reason)
		}
		if ok && tt.in[s.Parts[1].Off:s.Parts[1].End()] != itoa(int64(tt.code)) {
			t.Errorf("%q: code part %+v", tt.in, s.Parts[1])
		}
	}
}

func TestFindingString(t *testing.T) {
	f := Finding{Code: CodeCLMismatch, Severity: Error, Off: 62, Args: []string{"20", "46"}}
	if got := f.String(); got != "error content-length-mismatch @62: Content-Length says 20, the body has 46 bytes" {
		t.Errorf("got %q", got)
	}
}

func TestCloseFindings(t *testing.T) {
	for _, tt := range []struct{ in, code string }{
		{"GET / HTTP/1.1\r\nHost: a\r\n", CodeNoBlankLine},
		{"POST / HTTP/1.1\r\nContent-Length: 20\r\n\r\nshort", CodeCLMismatch},
		{"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n", CodeBadChunked},
	} {
		s := Splitter{}
		for b := []byte(tt.in); len(b) > 0; {
			b = b[s.Next(b).N:]
		}
		s.Close()
		fs := s.Frame().Findings
		if len(fs) == 0 || fs[len(fs)-1].Code != tt.code || fs[len(fs)-1].Off != int64(len(tt.in)) {
			t.Errorf("%q: findings %v, want %s at the end", tt.in, fs, tt.code)
		}
	}
}

func TestSniff(t *testing.T) {
	for in, want := range map[string]string{"\x1f\x8b\x08": "gzip", "\x28\xb5\x2f\xfd": "zstd", "\x78\x9c": "deflate", "<html>": "", "": ""} {
		if got := Sniff([]byte(in)); got != want {
			t.Errorf("Sniff(%q) = %q, want %q", in, got, want)
		}
	}
}

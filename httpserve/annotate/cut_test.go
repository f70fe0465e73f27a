package annotate

import (
	"strings"
	"testing"

	"github.com/netassist/netassist/httpserve/wire"
	"github.com/netassist/netassist/netassist/i18n"
)

// The first bytes of a longer stream (Options.Cut, the TUI's 256 KiB
// window) end where the window ends, not where a message broke off: no
// framing error for the unfinished last message, and a note saying the
// rest is not shown (breaker #5). Whole, the same bytes are errors.
func TestCutIsNotAFramingError(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		whole    string // the code the same bytes give as a whole stream
	}{
		{"content-length", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 4194304\r\n\r\n" + strings.Repeat("x", 1000), wire.CodeCLMismatch},
		{"chunked", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n" + strings.Repeat("x", 1000), wire.CodeBadChunked},
		{"head", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Long: " + strings.Repeat("y", 100), wire.CodeNoBlankLine},
		{"second request", "GET / HTTP/1.1\r\nHost: x\r\n\r\nPOST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 5000\r\n\r\nabc", wire.CodeCLMismatch},
	} {
		for _, l := range []i18n.Lang{i18n.English, i18n.Chinese} {
			if d := Annotate([]byte(tc.in), Options{Lang: l}); !hasFinding(d, tc.whole) {
				t.Errorf("%s: whole, no %s: %v", tc.name, tc.whole, d.Findings)
			}
			d := Annotate([]byte(tc.in), Options{Lang: l, Cut: true})
			for _, f := range d.Findings {
				if f.Severity == wire.Error {
					t.Errorf("%s %s: cut, error %v", tc.name, l, f)
				}
			}
			if !d.Cut {
				t.Errorf("%s: Doc.Cut not set", tc.name)
			}
			if tc.name == "head" {
				continue // no verdict before the head ends
			}
			cut := textIn(l).Cut("1")
			cut = cut[:strings.Index(cut, "1")]
			var all []string
			for _, s := range segs(d) {
				all = append(all, notes(s))
			}
			if !strings.Contains(strings.Join(all, "\n"), cut) {
				t.Errorf("%s %s: no note %q in\n%s", tc.name, l, cut, strings.Join(all, "\n"))
			}
		}
	}
}

func hasFinding(d *Doc, code string) bool {
	for _, f := range d.Findings {
		if f.Code == code {
			return true
		}
	}
	return false
}

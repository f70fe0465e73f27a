package reqdiff

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode"

	"github.com/netassist/netassist/netassist/i18n"
)

const fixtures = "/work/shared/fixtures/requests/"

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(fixtures + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// ops writes the fields as "op name" (moved fields with ↕), for comparing.
func ops(d *Diff) []string {
	var out []string
	for _, f := range d.Fields {
		s := f.Op.String() + " " + f.Name()
		if f.Moved {
			s += " ↕"
		}
		out = append(out, s)
	}
	return out
}

func TestChromiumVsCurl(t *testing.T) {
	d := Compare(read(t, "chromium156-01-index.bin"), read(t, "curl7.88-get.bin"))
	if d.Response || d.Mixed || !d.Parts[1].Changed || d.Parts[0].Changed || d.Parts[2].Changed {
		t.Errorf("parts %+v", d.Parts)
	}
	if d.Parts[1].A != "/" || d.Parts[1].B != "/curl-get" {
		t.Errorf("target %q → %q", d.Parts[1].A, d.Parts[1].B)
	}
	want := []string{
		"same Host",
		"removed Connection", "removed sec-ch-ua", "removed sec-ch-ua-mobile", "removed sec-ch-ua-platform",
		"removed Upgrade-Insecure-Requests",
		"changed User-Agent",
		"changed Accept",
		"removed Sec-Fetch-Site", "removed Sec-Fetch-Mode", "removed Sec-Fetch-User", "removed Sec-Fetch-Dest",
		"removed Accept-Encoding", "removed Accept-Language",
	}
	if got := ops(d); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("fields:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !d.BodySame {
		t.Error("bodies differ")
	}
}

// A reload: Chromium adds Cache-Control: max-age=0 after Connection and
// the validators at the end; here Accept-Language also comes before
// Accept-Encoding, and the page's ETag changed.
func TestFirstLoadVsReload(t *testing.T) {
	first := string(read(t, "chromium156-01-index.bin"))
	reload := strings.Replace(first, "Connection: keep-alive\r\n", "Connection: keep-alive\r\nCache-Control: max-age=0\r\n", 1)
	reload = strings.Replace(reload, "Accept-Encoding: gzip, deflate, br, zstd\r\nAccept-Language: en-US,en;q=0.9\r\n",
		"Accept-Language: en-US,en;q=0.9\r\nAccept-Encoding: gzip, deflate, br, zstd\r\nIf-None-Match: \"7d01d1e6f50cff46-zstd\"\r\nIf-Modified-Since: Mon, 30 Nov 2026 12:24:11 GMT\r\n", 1)
	d := Compare([]byte(first), []byte(reload))
	got := ops(d)
	want := []string{"same Host", "same Connection", "added Cache-Control", "same sec-ch-ua", "same sec-ch-ua-mobile",
		"same sec-ch-ua-platform", "same Upgrade-Insecure-Requests", "same User-Agent", "same Accept",
		"same Sec-Fetch-Site", "same Sec-Fetch-Mode", "same Sec-Fetch-User", "same Sec-Fetch-Dest",
		"same Accept-Language ↕", "same Accept-Encoding", "added If-None-Match", "added If-Modified-Since"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("fields:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if d.Changes() != 4 {
		t.Errorf("%d changes", d.Changes())
	}
	for _, l := range i18n.All() {
		text := strings.Join(d.Render(l, 80, nil), "\n")
		for _, want := range map[i18n.Lang][]string{
			i18n.English: {"+ If-None-Match: \"7d01d1e6f50cff46-zstd\"", "↕ Accept-Language", "moved: in A it came after Accept-Encoding", "3 added, 0 removed, 0 changed, 1 moved"},
			i18n.Chinese: {"只在 B 中", "位置变了：在 A 中它在 Accept-Encoding 之后", "新增 3，删除 0，修改 0，移动 1"},
		}[l] {
			if !strings.Contains(text, want) {
				t.Errorf("%v: no %q in\n%s", l, want, text)
			}
		}
	}
}

func TestChangedAndCase(t *testing.T) {
	a := "POST /f HTTP/1.1\r\nhost: a\r\nContent-Length: 3\r\nX-A: 1\r\nX-A: 2\r\n\r\nabc"
	b := "POST /f HTTP/1.0\r\nHost: a\r\nX-A: 1\r\nX-A: 3\r\nContent-Length: 4\r\n\r\nabcd"
	d := Compare([]byte(a), []byte(b))
	want := []string{"same Host", "same X-A", "changed X-A", "changed Content-Length ↕"}
	if got := ops(d); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("fields %v, want %v", got, want)
	}
	if !d.Fields[0].CaseOnly || d.Fields[1].CaseOnly || d.BodySame || !d.Parts[2].Changed {
		t.Errorf("case %v, body same %v, version %+v", d.Fields[0].CaseOnly, d.BodySame, d.Parts[2])
	}
	text := strings.Join(d.Render(i18n.English, 60, nil), "\n")
	for _, want := range []string{"~ HTTP version: HTTP/1.1 → HTTP/1.0", "A: 2", "B: 3", "name in another case", "body: differs (A 3 bytes, B 4 bytes)"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in\n%s", want, text)
		}
	}
}

func TestResponsesAndJunk(t *testing.T) {
	d := Compare([]byte("HTTP/1.1 200 OK\r\nA: 1\r\n\r\n"), []byte("HTTP/1.1 404 Not Found\r\nB: 2\r\n\r\n"))
	if !d.Response || !d.Parts[1].Changed || len(d.Fields) != 2 || d.Fields[0].Op != Removed || d.Fields[1].Op != Added {
		t.Errorf("%+v", d)
	}
	if !strings.Contains(strings.Join(d.Render(i18n.English, 80, nil), "\n"), "status code: 200 → 404") {
		t.Error("status line parts")
	}
	// Not HTTP at all, and hostile bytes: no panic, nothing raw on screen.
	d = Compare([]byte("\x1b[2J junk"), []byte("GET /\x1b]0;x\x07 HTTP/1.1\r\nX-\u202e: \x9b\r\n\r\n"))
	for _, l := range d.Render(i18n.English, 30, nil) {
		for _, r := range l {
			if !unicode.IsGraphic(r) {
				t.Fatalf("%U in %q", r, l)
			}
		}
	}
}

func TestLIS(t *testing.T) {
	for _, tt := range []struct {
		seq  []int
		want string
	}{
		{[]int{0, 1, 2}, "[true true true]"},
		{[]int{2, 0, 1}, "[false true true]"},
		{[]int{1, 0}, "[false true]"},
		{nil, "[]"},
	} {
		if got := fmt.Sprint(lis(tt.seq)); got != tt.want {
			t.Errorf("lis(%v) = %s, want %s", tt.seq, got, tt.want)
		}
	}
}

package lessons

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/netassist/netassist/httpserve/check"
	"github.com/netassist/netassist/httpserve/wire"
	"github.com/netassist/netassist/netassist/i18n"
)

// The lessons the issue asks for, by ID.
var wantIDs = []string{"200-html", "301-redirect", "302-redirect", "304-not-modified", "404-not-found",
	"500-server-error", "set-cookie", "401-basic-auth", "chunked", "gzip", "drip", "keep-alive",
	"connection-close", "100-continue"}

func TestBuiltinComplete(t *testing.T) {
	files, _ := builtin.ReadDir("templates")
	ts := Builtin()
	if len(ts) != len(files) {
		_, errs := LoadDir(builtin, "templates")
		t.Fatalf("%d of %d built-in templates parse: %v", len(ts), len(files), errs)
	}
	ids := map[string]bool{}
	names := map[i18n.Lang][]string{}
	notes := map[i18n.Lang][]string{}
	for _, tp := range ts {
		ids[tp.ID] = true
		for _, l := range i18n.All() {
			names[l] = append(names[l], tp.Name.In(l))
			notes[l] = append(notes[l], tp.Note.In(l))
		}
		if tp.Source != "builtin" {
			t.Errorf("%s: source %q", tp.ID, tp.Source)
		}
		if tp.Note.En == tp.Note.Zh || tp.Name.Zh == tp.Name.En {
			t.Errorf("%s: not translated", tp.ID)
		}
		if n := len([]rune(tp.Note.En)); n > 120 {
			t.Errorf("%s: English note is %d characters: one line, please", tp.ID, n)
		}
	}
	for _, id := range wantIDs {
		if !ids[id] {
			t.Errorf("no %s template", id)
		}
	}
	i18n.CheckComplete(t, map[i18n.Lang][]string{i18n.English: names[i18n.English], i18n.Chinese: names[i18n.Chinese]})
	i18n.CheckComplete(t, map[i18n.Lang][]string{i18n.English: notes[i18n.English], i18n.Chinese: notes[i18n.Chinese]})
	// Correct ones first.
	if i := slices.IndexFunc(ts, Template.IsBroken); i < 0 || slices.ContainsFunc(ts[i:], func(t Template) bool { return !t.IsBroken() }) {
		t.Error("broken templates are not last")
	}
}

// Every template passes the checker with no error, except those broken on
// purpose, which show exactly what they say.
func TestBuiltinsCheck(t *testing.T) {
	for _, tp := range Builtin() {
		r, err := tp.Build()
		if err != nil {
			t.Errorf("%s: %v", tp.ID, err)
			continue
		}
		fs := check.Check(r.Bytes, check.Options{})
		if !tp.IsBroken() {
			if check.HasError(fs) || len(fs) > 0 {
				t.Errorf("%s: %v\n%q", tp.ID, fs, r.Bytes)
			}
			continue
		}
		for _, code := range tp.Broken {
			if !slices.ContainsFunc(fs, func(f wire.Finding) bool { return f.Code == code }) {
				t.Errorf("%s: broken on purpose with %s, check says %v", tp.ID, code, fs)
			}
		}
		if !slices.ContainsFunc(fs, func(f wire.Finding) bool { return f.Severity >= wire.Warning }) {
			t.Errorf("%s: marked broken, check finds nothing wrong", tp.ID)
		}
	}
}

func get(t *testing.T, id string) Template {
	t.Helper()
	for _, tp := range Builtin() {
		if tp.ID == id {
			return tp
		}
	}
	t.Fatalf("no template %s", id)
	return Template{}
}

func build(t *testing.T, id string) Reply {
	t.Helper()
	r, err := get(t, id).Build()
	if err != nil {
		t.Fatal(err)
	}
	if j := bytes.Join(r.Pieces, nil); !bytes.Equal(j, r.Bytes) {
		t.Fatalf("%s: the pieces do not join into the reply", id)
	}
	return r
}

func TestGzipTemplate(t *testing.T) {
	r := build(t, "gzip")
	m, err := wire.ParseResponse(r.Bytes, "GET")
	if err != nil || !m.Complete {
		t.Fatalf("%v, complete %v", err, m.Complete)
	}
	if !bytes.HasPrefix(m.Body, []byte{0x1f, 0x8b}) {
		t.Errorf("body starts % x", m.Body[:4])
	}
	plain, err := wire.Decode("gzip", m.Body)
	if err != nil || !bytes.Contains(plain, []byte("浏览器看到 Content-Encoding: gzip")) || !bytes.Contains(plain, []byte("\r\n")) {
		t.Errorf("decoded %q, %v", plain, err)
	}
	if m.ContentLength != int64(len(m.Body)) {
		t.Errorf("Content-Length %d, body %d", m.ContentLength, len(m.Body))
	}
	if len(r.Pieces) != 1 || r.Gap != 0 || r.Close {
		t.Errorf("pieces %d gap %v close %v", len(r.Pieces), r.Gap, r.Close)
	}
}

func TestDripTemplates(t *testing.T) {
	r := build(t, "drip")
	// The head, four chunks, the last chunk.
	if len(r.Pieces) != 6 || r.Gap != time.Second {
		t.Fatalf("%d pieces, gap %v", len(r.Pieces), r.Gap)
	}
	if !bytes.HasSuffix(r.Pieces[0], []byte("\r\n\r\n")) || !bytes.HasPrefix(r.Pieces[1], []byte("31\r\n<!doctype")) ||
		string(r.Pieces[5]) != "0\r\n\r\n" {
		t.Errorf("pieces %q", r.Pieces)
	}
	r = build(t, "100-continue")
	if len(r.Pieces) != 3 || string(r.Pieces[0]) != "HTTP/1.1 100 Continue\r\n\r\n" || !bytes.HasPrefix(r.Pieces[1], []byte("HTTP/1.1 200 OK")) {
		t.Errorf("100-continue pieces %q", r.Pieces)
	}
	// length: auto counts the final response's body, not the interim's.
	if !bytes.Contains(r.Bytes, []byte("Content-Length: 27\r\n")) || bytes.Count(r.Bytes, []byte("Content-Length")) != 1 {
		t.Errorf("100-continue: %q", r.Bytes)
	}
	if r := build(t, "connection-close"); !r.Close {
		t.Error("connection-close does not close")
	}
}

func TestPieces(t *testing.T) {
	b := []byte("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789")
	got := Pieces(b, Drip{Pieces: 3, Gap: time.Second})
	want := []string{"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n", "01234", "56789"}
	if len(got) != 3 || string(got[0]) != want[0] || string(got[1]) != want[1] || string(got[2]) != want[2] {
		t.Errorf("Pieces = %q", got)
	}
	if got := Pieces([]byte("0123456789"), Drip{Pieces: 2, Gap: time.Second}); len(got) != 2 || string(got[0]) != "01234" {
		t.Errorf("no head: %q", got)
	}
	if got := Pieces(b, Drip{}); len(got) != 1 {
		t.Errorf("no drip: %q", got)
	}
	if got := Pieces(b, Drip{Gap: time.Second}); len(got) != 2 {
		t.Errorf("natural: %q", got)
	}
}

func TestParseErrors(t *testing.T) {
	tests := map[string]string{
		"no separator":   "name: x\nnote: a\nnote.zh: b\n",
		"unknown key":    "name: x\ncolour: red\n---\n",
		"no name":        "note: a\nnote.zh: b\n---\nHTTP/1.1 200 OK\n\n",
		"no zh note":     "name: x\nnote: a\n---\nHTTP/1.1 200 OK\n\n",
		"bad drip":       "name: x\nnote: a\nnote.zh: b\ndrip: 1 x soon\n---\n",
		"bad encode":     "name: x\nnote: a\nnote.zh: b\nencode: lzma\n---\n",
		"encode no head": "name: x\nnote: a\nnote.zh: b\nencode: gzip\n---\nHTTP/1.1 200 OK\n\nhi",
		"bad bool":       "name: x\nnote: a\nnote.zh: b\nclose: maybe\n---\n",
		"not key:value":  "name: x\njust words\n---\n",
	}
	for name, in := range tests {
		if _, err := Parse("t", []byte(in)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	_, err := Parse("t", []byte("note: a\nnote.zh: b\n---\n"))
	if !errors.Is(err, ErrNoName) {
		t.Errorf("no name: %v", err)
	}
	// CRLF files read the same; the message is everything after ---.
	tp, err := Parse("t", []byte("# a comment\r\nname: x\r\nnote: a\r\nnote.zh: b\r\n---\r\nHTTP/1.1 204 No Content\r\n\r\n"))
	if err != nil || tp.Message != "HTTP/1.1 204 No Content\r\n\r\n" || tp.Name.Zh != "x" {
		t.Errorf("CRLF file: %+v, %v", tp, err)
	}
	r, err := tp.Build()
	if err != nil || string(r.Bytes) != "HTTP/1.1 204 No Content\r\n\r\n" {
		t.Errorf("Build %q, %v", r.Bytes, err)
	}
}

func TestUserTemplates(t *testing.T) {
	fsys := fstest.MapFS{
		"templates/200-html.http": {Data: []byte("name: mine\nnote: my note\nnote.zh: 我的\n---\nHTTP/1.1 200 OK\nContent-Length: 2\nContent-Type: text/plain\n\nhi")},
		"templates/extra.http":    {Data: []byte("name: extra\nnote: n\nnote.zh: 注\n---\nHTTP/1.1 204 No Content\n\n")},
		"templates/bad.http":      {Data: []byte("garbage")},
		"templates/notes.txt":     {Data: []byte("ignored")},
	}
	user, errs := LoadDir(fsys, "templates")
	if len(user) != 2 || len(errs) != 1 || !strings.Contains(errs[0].Error(), "bad") {
		t.Fatalf("%d templates, errors %v", len(user), errs)
	}
	all := Merge(Builtin(), user)
	if len(all) != len(Builtin())+1 {
		t.Errorf("%d merged", len(all))
	}
	for _, tp := range all {
		if tp.ID == "200-html" && (tp.Name.En != "mine" || tp.Source != "templates/200-html.http") {
			t.Errorf("the user's 200-html does not replace the built-in one: %+v", tp)
		}
	}
	// Load reads <config folder>/templates.
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, DirName), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, DirName, "extra.http"), fsys["templates/extra.http"].Data, 0o644); err != nil {
		t.Fatal(err)
	}
	all, errs = Load(dir)
	if len(errs) > 0 || len(all) != len(Builtin())+1 {
		t.Fatalf("Load: %d, %v", len(all), errs)
	}
	for _, tp := range all {
		if tp.ID == "extra" && tp.Source != filepath.Join(dir, DirName, "extra.http") {
			t.Errorf("source %q", tp.Source)
		}
	}
	if all, errs := Load(filepath.Join(dir, "none")); len(errs) > 0 || len(all) != len(Builtin()) {
		t.Errorf("no folder: %d, %v", len(all), errs)
	}
}

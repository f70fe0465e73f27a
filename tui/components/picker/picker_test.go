package picker

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/httpserve/lessons"
	"github.com/netassist/netassist/netassist/compose"
	na "github.com/netassist/netassist/netassist/i18n"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// The POST template's Content-Length is the body's length once the send
// pane turns its line breaks into CRLF.
func TestRequestTemplatesParse(t *testing.T) {
	en := i18n.English()
	ct := &en.Client
	for _, r := range []Template{
		{Method: GET}, {Method: HEAD, Close: true}, {Method: POST, Gzip: true}, {Method: POST, Close: true},
	} {
		b, err := compose.Text(r.Text(ct, "[::1]:8080"), compose.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		req, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(b)))
		if err != nil {
			t.Fatalf("%s: %v\n%q", r.Name(ct), err, b)
		}
		body, _ := io.ReadAll(req.Body)
		if req.Host != "[::1]:8080" || req.Close != r.Close || (req.Header.Get("Accept-Encoding") == "gzip") != r.Gzip {
			t.Errorf("%s: host %q close %v headers %v", r.Name(ct), req.Host, req.Close, req.Header)
		}
		if r.Method == POST && (string(body) != ct.TemplateForm || req.ContentLength != int64(len(body))) {
			t.Errorf("POST body %q, Content-Length %d", body, req.ContentLength)
		}
		if fixed, changed := compose.FixContentLength(b); changed != "" || !bytes.Equal(fixed, b) {
			t.Errorf("%s: FixContentLength changed %s", r.Name(ct), changed)
		}
	}
}

func TestViewSize(t *testing.T) {
	p := New(common.Default())
	p.Open(Template{Method: POST, Gzip: true})
	p.SetHost("example.test:80")
	for _, sz := range tuitest.Sizes {
		p.SetSize(sz[0], sz[1])
		tuitest.CheckSize(t, "picker", p.View(), sz[0], sz[1])
	}
}

// Keys move, toggle and use; esc and alt+t close without a choice.
func TestPickerKeys(t *testing.T) {
	p := New(common.Default())
	p.SetSize(60, 20)
	p.SetHost("h:1")
	p.Open(Template{})
	if !p.IsOpen() || !p.TakesText() {
		t.Fatal("not open")
	}
	p.Update(tuitest.Down)
	p.Update(tuitest.Down)
	p.Update(tuitest.Space) // POST
	p.Update(tuitest.Down)
	p.Update(tuitest.Space) // Connection: close
	s := ansi.Strip(p.View())
	for _, want := range []string{"(•) POST", "[x] Connection: close", "[ ] Accept-Encoding: gzip", "POST / HTTP/1.1", "Host: h:1", "Connection: close"} {
		if !strings.Contains(s, want) {
			t.Errorf("picker lacks %q:\n%s", want, s)
		}
	}
	if _, ok := p.Chosen(); ok {
		t.Fatal("chosen before enter")
	}
	p.Update(tuitest.Enter)
	got, ok := p.Chosen()
	if !ok || p.IsOpen() || got != (Template{Method: POST, Close: true}) {
		t.Fatalf("chosen %+v %v, open %v", got, ok, p.IsOpen())
	}
	if _, ok := p.Chosen(); ok {
		t.Fatal("chosen twice")
	}
	// enter on a method row picks it; esc and alt+t close without one.
	p.Open(got)
	p.Update(tuitest.Up) // HEAD
	p.Update(tuitest.Enter)
	if got, _ := p.Chosen(); got.Method != HEAD || !got.Close {
		t.Fatalf("chosen %+v", got)
	}
	for _, k := range []any{tuitest.Esc, tuitest.Alt('t')} {
		p.Open(Template{})
		p.Update(tuitest.Space)
		p.Update(k)
		if _, ok := p.Chosen(); ok || p.IsOpen() {
			t.Fatalf("%v: chosen or open", k)
		}
	}
	if en := i18n.English(); (Template{Method: HEAD, Gzip: true}).Name(&en.Client) != "HEAD · Connection: keep-alive · Accept-Encoding: gzip" {
		t.Fatal("name")
	}
}

// The lesson picker: the tab's short reply first, then the templates;
// the cursor shown by a mark as well as by colour; broken ones marked;
// the highlighted one's note in the UI's language; enter picks once,
// esc and alt+t close.
func TestLessonsPicker(t *testing.T) {
	c := common.Default()
	txt := i18n.For(i18n.LangChinese)
	c.Text, c.Lang = &txt, i18n.LangChinese
	l := NewLessons(c)
	l.Open(lessons.Template{ID: "basic", Name: na.Text{En: "basic", Zh: "基本"}, Note: na.Text{En: "n", Zh: "基本回复"}})
	if v := ansi.Strip(l.View()); l.width == 0 && v != "" {
		t.Fatalf("zero size drew %q", v)
	}
	l.SetSize(70, 14)
	if v := ansi.Strip(l.View()); !strings.Contains(v, "正在读取模板") || !strings.Contains(v, "▸  基本") {
		t.Fatalf("loading:\n%s", v)
	}
	l.SetList(lessons.Builtin(), nil)
	for _, sz := range tuitest.Sizes {
		l.SetSize(sz[0], sz[1])
		tuitest.CheckSize(t, "lessons", l.View(), sz[0], sz[1])
	}
	l.SetSize(70, 14)
	for l.Selected().ID != "broken-length" {
		l.Key(tuitest.Down)
	}
	v := ansi.Strip(l.View())
	if !strings.Contains(v, "▸✗ "+l.Selected().Name.Zh) || !strings.Contains(v, "故意写错：content-length-mismatch") ||
		!strings.Contains(v, l.Selected().Note.Zh[:12]) {
		t.Fatalf("broken row:\n%s", v)
	}
	// A user's file that does not parse is named, not skipped silently.
	l.SetList(lessons.Builtin(), []error{errors.New("mine.http line 2: unknown key \"x\"")})
	if v := ansi.Strip(l.View()); !strings.Contains(v, "1 个模板文件未能读取：mine.http line 2") {
		t.Fatalf("load error:\n%s", v)
	}
	tuitest.CheckSize(t, "lessons", l.View(), 70, 14)
	l.Key(tuitest.Enter)
	if got, ok := l.Chosen(); !ok || got.ID != "broken-length" || l.IsOpen() {
		t.Fatalf("chosen %v %v", got.ID, ok)
	}
	if _, ok := l.Chosen(); ok {
		t.Fatal("chosen twice")
	}
	for _, k := range []tea.KeyPressMsg{tuitest.Esc, tuitest.Alt('t')} {
		l.Open(lessons.Template{ID: "basic"})
		l.Key(k)
		if _, ok := l.Chosen(); ok || l.IsOpen() {
			t.Fatalf("%v: open %v", k, l.IsOpen())
		}
	}
}

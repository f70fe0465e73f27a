package picker

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist/compose"
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

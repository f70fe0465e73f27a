package sendpane

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/httpserve/lessons"
	"github.com/netassist/netassist/netassist/compose"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// openLessons opens the picker and hands it the built-in templates, as
// the load Cmd does.
func openLessons(t *testing.T, p *Model) {
	t.Helper()
	msg := p.OpenLessons("HTTP/1.1 200 OK\nContent-Length: 2\n\nhi")()
	p.Update(msg)
	if !p.LessonsOpen() {
		t.Fatal("the picker did not open")
	}
}

// pick moves the picker to the template with id and uses it.
func pick(t *testing.T, p *Model, id string) common.StatusMsg {
	t.Helper()
	for range 100 {
		if p.lessons.Selected().ID == id {
			cmd, _ := p.Key(tuitest.Enter)
			st, _ := statusOf(cmd)
			return st
		}
		p.Key(tuitest.Down)
	}
	t.Fatalf("no template %s", id)
	return common.StatusMsg{}
}

// The picker lists the tab's short reply, then the lesson templates, and
// shows the highlighted one's note; picking one says its note too.
func TestLessonPickerNotes(t *testing.T) {
	p := checkPane(t, 80, 6)
	openLessons(t, p)
	v := ansi.Strip(p.LessonsView(80, 14))
	for _, want := range []string{"Lesson templates", "Short reply (200 OK, a little HTML)", "200 OK with an HTML page", "The smallest complete reply"} {
		if !strings.Contains(v, want) {
			t.Fatalf("picker lacks %q:\n%s", want, v)
		}
	}
	tuitest.CheckSize(t, "lessons", p.LessonsView(80, 14), 80, 14)
	for _, sz := range tuitest.Sizes {
		tuitest.CheckSize(t, "lessons", p.LessonsView(sz[0], sz[1]), sz[0], sz[1])
	}
	p.Key(tuitest.Down)
	second := p.lessons.Selected()
	if v := ansi.Strip(p.LessonsView(80, 14)); !strings.Contains(v, "▸  "+second.Name.En) || !strings.Contains(v, second.Note.En[:30]) {
		t.Fatalf("the second row's note:\n%s", v)
	}
	st := pick(t, p, "404-not-found")
	if !strings.HasPrefix(st.Text, "404 Not Found") || !strings.Contains(st.Text, " — ") || p.LessonsOpen() {
		t.Fatalf("status %q, open %v", st.Text, p.LessonsOpen())
	}
	if v := ansi.Strip(p.View()); !strings.Contains(v, "lesson 404-not-found") {
		t.Fatalf("title:\n%s", v)
	}
	// esc closes without a choice; alt+k detaches the template.
	openLessons(t, p)
	p.Key(tuitest.Esc)
	if p.LessonsOpen() || p.lesson == nil {
		t.Fatal("esc")
	}
	p.OptionKey(tuitest.Alt('k'), false)
	if p.lesson != nil {
		t.Fatal("clearing kept the template")
	}
}

// Every built-in template makes, in the editor, the bytes its own Build
// makes: the picker changes nothing on the way.
func TestLessonsMakeTheirBytes(t *testing.T) {
	for _, lt := range lessons.Builtin() {
		t.Run(lt.ID, func(t *testing.T) {
			p := checkPane(t, 80, 6)
			p.applyLesson(lt)
			got, err := p.Bytes()
			want, werr := lt.Build()
			if err != nil || werr != nil || !bytes.Equal(got, want.Bytes) {
				t.Fatalf("editor %q makes %q, %v\nBuild makes %q, %v", p.Value(), got, err, want.Bytes, werr)
			}
			// length: auto: the editor (what a projector shows) says the
			// Content-Length the wire carries, not the file's 0.
			if lt.Length {
				resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(got[bytes.LastIndex(got, []byte("HTTP/1.1 ")):])), nil)
				if err != nil {
					t.Fatal(err)
				}
				if want := fmt.Sprintf("Content-Length: %d", resp.ContentLength); !strings.Contains(p.Value(), want) {
					t.Fatalf("the editor lacks %q:\n%s", want, p.Value())
				}
			}
		})
	}
}

// A template file saved with CRLF line ends, with a TAB, goes into the
// editor so it makes the same bytes.
func TestLessonFromCRLFFile(t *testing.T) {
	lt, err := lessons.Parse("mine", []byte("name: mine\r\nnote: n\r\nnote.zh: n\r\n---\r\nHTTP/1.1 200 OK\r\nX-Tab: a\tb\r\nContent-Length: 2\r\n\r\nhi"))
	if err != nil {
		t.Fatal(err)
	}
	for _, crlf := range []bool{true, false} {
		lt.CRLF = crlf
		p := checkPane(t, 80, 6)
		p.applyLesson(lt)
		want, _ := compose.Text(lt.Message, compose.Options{CRLF: crlf, Escapes: true})
		if got, err := p.Bytes(); err != nil || !bytes.Equal(got, want) {
			t.Fatalf("crlf %v: editor %q makes %q, %v; want %q", crlf, p.Value(), got, err, want)
		}
		if strings.ContainsAny(p.Value(), "\r\t") {
			t.Fatalf("the editor holds %q", p.Value())
		}
	}
}

// gzip: the body is compressed when sent and Content-Length counts the
// compressed bytes; edits to the text are compressed too.
func TestLessonGzip(t *testing.T) {
	p := checkPane(t, 80, 6)
	openLessons(t, p)
	pick(t, p, "gzip")
	b, err := p.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(b)), nil)
	if err != nil {
		t.Fatalf("%v\n%q", err, b)
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(zr)
	if !strings.Contains(string(body), "travelled gzip-compressed") || resp.ContentLength <= 0 {
		t.Fatalf("body %q, length %d", body, resp.ContentLength)
	}
	if pv := ansi.Strip(p.Preview(200)); !strings.Contains(pv, `\x1F\x8B`) {
		t.Fatalf("the preview does not show the compressed bytes: %q", pv)
	}
}

// A drip sends the reply in pieces through Deliver, a tick apart, the
// close with the last; esc stops it at once.
func TestLessonDrip(t *testing.T) {
	lt, err := lessons.Parse("slow", []byte("name: slow\nnote: n\nnote.zh: n\ndrip: 3 x 20ms\nclose: yes\n---\nHTTP/1.1 200 OK\nContent-Length: 10\n\n0123456789"))
	if err != nil {
		t.Fatal(err)
	}
	p := checkPane(t, 80, 6)
	p.applyLesson(lt)
	var got []string
	var closes []bool
	deliver := func(b []byte, closeAfter bool) common.StatusMsg {
		got, closes = append(got, string(b)), append(closes, closeAfter)
		return common.StatusMsg{Text: "sent"}
	}
	cmd := p.SendCmd(deliver)
	var final common.StatusMsg
	for i := 0; i < 10 && cmd != nil; i++ {
		msg := cmd()
		if b, ok := msg.(tea.BatchMsg); ok { // after the last: status, history, check
			final, _ = statusOf(func() tea.Msg { return b })
			break
		}
		if tick, ok := msg.(dripTickMsg); ok && tick.i == 2 {
			if v := ansi.Strip(p.View()); !strings.Contains(v, "drip 2/3") {
				t.Fatalf("title:\n%s", v)
			}
		}
		cmd = p.Update(msg)
	}
	if final.Text != "dripped 49 bytes in 3 pieces (the last piece: sent)" { // the whole reply, not the last piece
		t.Fatalf("status %+v", final)
	}
	if strings.Join(got, "") != "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789" || len(got) != 3 {
		t.Fatalf("pieces %q", got)
	}
	if closes[0] || closes[1] || !closes[2] {
		t.Fatalf("closes %v", closes)
	}

	// esc stops a drip between pieces.
	got = nil
	msg := p.SendCmd(deliver)()
	p.Update(msg)
	if c, ok := p.Key(tuitest.Esc); !ok || c == nil {
		t.Fatal("esc did not stop the drip")
	}
	if p.drip.active || len(got) != 1 {
		t.Fatalf("active %v, pieces %q", p.drip.active, got)
	}
}

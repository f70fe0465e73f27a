package server

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/httpserve/lessons"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// The live checker under the reply editor (issue 14 item 2), at 80×24: a
// hand-written reply with a wrong Content-Length gets its finding under
// the editor; f6 sets the length; the reply that goes out is the fixed one.
func TestLiveCheckerFixKey(t *testing.T) {
	t.Parallel()
	h := newHarness(t, 80, 24)
	p := newPeer(t, h)
	h.Paste("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 20\r\n\r\nhello")
	h.Contains("✗ error content-length-mismatch @70: Content-Length says 20, the body")
	h.Key(tea.KeyPressMsg{Code: tea.KeyF6})
	h.StatusShows("fixed: content-length-mismatch")
	h.Contains("Content-Length: 5 ")
	h.Gone("✗ error")
	h.Key(tuitest.Send)
	want := "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"
	tuitest.WaitFor(t, "the fixed reply", func() bool { return string(p.bytes()) == want })
	h.Quit()
}

// The lesson template picker (issue 14 item 4) at 80×24: alt+t lists the
// tab's short reply, the built-in lessons and the user's own from the
// config folder, each highlighted row with its note; picking the user's
// drip template sends its reply in pieces, a pause apart, and closes.
func TestLessonPickerDrip(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tdir := filepath.Join(dir, lessons.DirName)
	if err := os.MkdirAll(tdir, 0o700); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(tdir, "zz-slow.http")
	src := "name: Slow reply\nnote: Three pieces, a pause between: watch them arrive.\nnote.zh: 分三段发送。\n" +
		"drip: 3 x 150ms\nclose: yes\nlength: auto\n---\nHTTP/1.1 200 OK\nContent-Type: text/plain\nContent-Length: 0\n\n0123456789abcdef"
	if err := os.WriteFile(file, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	list, errs := lessons.Load(dir)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	at := slices.IndexFunc(list, func(l lessons.Template) bool { return l.ID == "zz-slow" })

	h := start(t, 80, 24, options{dir: dir})
	p := newPeer(t, h)
	h.Key(tuitest.Alt('t'))
	h.Contains("Lesson templates")
	h.Contains("The smallest complete reply") // the first row's note
	h.Contains("100 Continue, then 200")      // the templates are read
	for range at + 1 {
		h.Key(tuitest.Down)
	}
	h.Contains("▸  Slow reply")
	h.Contains("Three pieces, a pause between")
	h.Contains("from " + file)
	h.Key(tuitest.Enter)
	h.StatusShows("Slow reply — Three pieces")
	h.Contains("lesson zz-slow")
	start := time.Now()
	h.Key(tuitest.Send)
	want := "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 16\r\n\r\n0123456789abcdef"
	tuitest.WaitFor(t, "the dripped reply", func() bool { return string(p.bytes()) == want })
	if d := time.Since(start); d < 300*time.Millisecond {
		t.Fatalf("three pieces 150ms apart arrived in %v", d)
	}
	h.StatusShows(fmt.Sprintf("dripped %d bytes in 3 pieces (the last piece: sent ", len(want)))
	select {
	case <-p.done: // closed after the last piece
	case <-time.After(5 * time.Second):
		t.Fatal("the connection was not closed after the drip")
	}
	h.Quit()
}

// A paste while a pane that is not an editor has the focus goes to the
// send pane (which takes the focus), not nowhere.
func TestPasteOutsideEditor(t *testing.T) {
	t.Parallel()
	h := newHarness(t, 100, 30)
	h.Key(tuitest.Tab) // the receive pane
	h.Paste("PING\tx\r\n")
	h.Contains(`8 bytes: PING\tx\r\n`)
	h.Contains(`│PING\tx`)
	h.Quit()
}

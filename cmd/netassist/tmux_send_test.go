package main

import (
	"bytes"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/netassist/netassist/httpserve/lessons"
)

// recvPeer is a loopback TCP peer that keeps every byte netassist sends
// it, on one connection.
type recvPeer struct {
	addr string
	mu   sync.Mutex // guards got
	got  []byte
}

func newRecvPeer(t *testing.T) *recvPeer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &recvPeer{addr: ln.Addr().String()}
	done := make(chan struct{})
	t.Cleanup(func() { ln.Close(); <-done })
	go func() {
		defer close(done)
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		go func() { <-t.Context().Done(); c.Close() }()
		buf := make([]byte, 4096)
		for {
			n, err := c.Read(buf)
			p.mu.Lock()
			p.got = append(p.got, buf[:n]...)
			p.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	return p
}

// waitBytes waits until the peer holds exactly want (and fails at once
// if it holds something else that want does not start with).
func (p *recvPeer) waitBytes(t *testing.T, want []byte) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		p.mu.Lock()
		got := append([]byte(nil), p.got...)
		p.mu.Unlock()
		switch {
		case bytes.Equal(got, want):
			return
		case !bytes.HasPrefix(want, got), time.Now().After(deadline):
			t.Fatalf("the peer got %q\nwant %q", got, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestTmuxPasteKeepsBytes pastes files into the real binary's send pane
// the way a terminal does (tmux paste-buffer -p: a bracketed paste) and
// checks, on a loopback peer, that exactly the file's bytes are sent
// (issue 12 item 2): a CRLF file is one line break per pair, not an
// empty line after every line (40 bytes, not 46); a LF file pasted as a
// terminal pastes it (each LF turned into CR) makes the same 40 bytes
// with the CRLF option on; a TAB stays 0x09 and ESC, NUL and DEL are kept,
// shown escaped in the editor and the preview.
func TestTmuxPasteKeepsBytes(t *testing.T) {
	peer := newRecvPeer(t)
	dir := t.TempDir()
	file := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const reply = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"
	crlf := file("crlf.http", reply)
	lf := file("lf.http", "HTTP/1.1 200 OK\nContent-Length: 2\n\nhi")
	ctl := file("ctl.bin", "a\tb\x1bc\x00d\x7f")
	// An escape sequence and bytes that are not UTF-8: Bubble Tea's input
	// decoder alone drops both inside a paste (tui/pasteinput keeps them).
	seq := file("seq.bin", "x\x1b[31my\xff\xfez")

	s := newTmux(t, 80, 24)
	s.keys(binary+" client "+peer.addr+"; echo EXIT=$?", "Enter")
	s.waitFor("connected", regexp.MustCompile(`connected to 127\.0\.0\.1`))
	paste := func(path string, raw bool) {
		t.Helper()
		s.keys("M-k")                                              // clear the editor
		s.waitFor("empty editor", regexp.MustCompile(`\b0 bytes`)) // not "10 bytes"
		s.run("load-buffer", "-b", "p", path)
		args := []string{"paste-buffer", "-p", "-b", "p", "-t", s.name}
		if raw {
			args = append(args, "-r") // the file's line ends as they are
		}
		s.run(args...)
	}
	var sent []byte

	paste(crlf, true)
	s.waitFor("the CRLF file in the preview", regexp.MustCompile(`40 bytes: HTTP/1\.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nhi`))
	s.waitFor("one editor line per line", regexp.MustCompile(`│HTTP/1\.1 200 OK\s+│\n│Content-Length: 2\s+│\n│\s+│\n│hi\s+│`))
	s.keys("C-s")
	sent = append(sent, reply...)
	peer.waitBytes(t, sent)

	paste(crlf, false) // tmux turns each LF into CR: the line ends arrive as CR CR
	s.waitFor("the CRLF file through LF→CR", regexp.MustCompile(`40 bytes: HTTP/1\.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nhi`))
	s.keys("C-s")
	sent = append(sent, reply...)
	peer.waitBytes(t, sent)

	paste(lf, false) // tmux turns each LF into CR, as most terminals do
	s.waitFor("the LF file in the preview", regexp.MustCompile(`40 bytes: HTTP/1\.1 200 OK\\r\\n`))
	s.keys("C-s")
	sent = append(sent, reply...)
	peer.waitBytes(t, sent)

	paste(ctl, true)
	s.waitFor("controls escaped in the editor", regexp.MustCompile(`│a\\tb\\x1Bc\\x00d\\x7F\s+│`))
	s.waitFor("controls escaped in the preview", regexp.MustCompile(`8 bytes: a\\tb\\x1Bc\\x00d\\x7F`))
	s.keys("C-s")
	sent = append(sent, "a\tb\x1bc\x00d\x7f"...)
	peer.waitBytes(t, sent)

	paste(seq, true)
	s.waitFor("the sequence and bytes escaped in the preview", regexp.MustCompile(`10 bytes: x\\x1B\[31my\\xFF\\xFEz`))
	s.keys("C-s")
	sent = append(sent, "x\x1b[31my\xff\xfez"...)
	peer.waitBytes(t, sent)

	s.keys("C-c")
	s.waitFor("exit", regexp.MustCompile(`EXIT=0`))
}

// TestTmuxCheckerFixKey types a request with a wrong Content-Length into
// the real binary at 80×24: the checker's finding shows under the editor,
// f6 sets the length, and the peer receives the fixed request.
func TestTmuxCheckerFixKey(t *testing.T) {
	peer := newRecvPeer(t)
	s := newTmux(t, 80, 24)
	s.keys(binary+" client "+peer.addr+"; echo EXIT=$?", "Enter")
	s.waitFor("connected", regexp.MustCompile(`connected to 127\.0\.0\.1`))
	s.keys("M-k")
	s.waitFor("empty editor", regexp.MustCompile(`0 bytes`))
	s.keys("-l", `POST /form HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 20\r\n\r\nhello`)
	s.waitFor("the finding", regexp.MustCompile(`✗ error content-length-mismatch @\d+: Content-Length says 20`))
	s.keys("F6")
	s.waitFor("fixed", regexp.MustCompile(`fixed: content-length-mismatch`))
	s.waitFor("the length in the editor", regexp.MustCompile(`│5\\r\\n\\r\\nhello`))
	s.waitFor("the preview", regexp.MustCompile(`82 bytes: POST /form`))
	s.keys("C-s")
	peer.waitBytes(t, []byte("POST /form HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"))
	s.keys("C-c")
	s.waitFor("exit", regexp.MustCompile(`EXIT=0`))
}

// TestTmuxLessonPicker answers a real connection from the Server tab of
// the real binary at 80×24 with a lesson template: alt+t lists the
// templates with the highlighted one's note, enter puts it in the editor
// (its note in the status line), and the client receives exactly the
// bytes the template builds.
func TestTmuxLessonPicker(t *testing.T) {
	var lt lessons.Template
	list := lessons.Builtin()
	at := slices.IndexFunc(list, func(l lessons.Template) bool { return l.ID == "404-not-found" })
	lt = list[at]
	want, err := lt.Build()
	if err != nil {
		t.Fatal(err)
	}
	s := newTmux(t, 80, 24)
	s.keys(binary+" -l 127.0.0.1:0; echo EXIT=$?", "Enter")
	addr := s.waitFor("listening", regexp.MustCompile(`listening on (127\.0\.0\.1:\d+)`))[1]
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte("GET /missing HTTP/1.1\r\nHost: x\r\n\r\n"))
	s.waitFor("the request", regexp.MustCompile(`GET /missing HTTP/1\.1\\r\\n`))

	s.keys("M-t")
	s.waitFor("the picker", regexp.MustCompile(`Lesson templates`))
	s.waitFor("the first note", regexp.MustCompile(`The smallest complete reply`))
	s.waitFor("the templates read", regexp.MustCompile(`100 Continue, then 200`))
	for range at + 1 {
		s.keys("Down")
	}
	s.waitFor("404 highlighted with its note", regexp.MustCompile(`▸  `+regexp.QuoteMeta(lt.Name.En)+`(?s).*`+regexp.QuoteMeta(lt.Note.En[:24])))
	s.keys("Enter")
	s.waitFor("the note in the status line", regexp.MustCompile(regexp.QuoteMeta(lt.Name.En+" — ")))
	s.waitFor("in the editor", regexp.MustCompile(`│HTTP/1\.1 404 Not Found\s+│`))
	s.keys("C-s")
	got := make([]byte, len(want.Bytes))
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.ReadFull(c, got); err != nil || !bytes.Equal(got, want.Bytes) {
		t.Fatalf("the client got %q, %v\nwant %q", got, err, want.Bytes)
	}
	s.keys("C-c")
	s.waitFor("exit", regexp.MustCompile(`EXIT=0`))
}

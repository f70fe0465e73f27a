package netassist

import (
	"strings"
	"testing"
	"time"
)

// A character split across two reads shows whole under the read that
// completes it; the header of the first says bytes are held; bytes still
// held at the close are shown on the close line. Each direction and each
// connection is its own stream.
func TestTextFormatSplitCharacters(t *testing.T) {
	f := NewTextFormat()
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	var out []byte
	ev := func(e Event) {
		e.Time, e.Tab = at, TabServer
		out = f.Format(out, &e)
	}
	ev(Event{Kind: KindOpen, Conn: 1, Remote: "127.0.0.1:5", Local: "127.0.0.1:7"})
	ev(Event{Kind: KindOpen, Conn: 2, Remote: "127.0.0.1:6", Local: "127.0.0.1:7"})
	b := []byte("你好世界")
	ev(Event{Kind: KindData, Conn: 1, Dir: In, Data: b[:4]})
	ev(Event{Kind: KindData, Conn: 2, Dir: In, Data: []byte("\xa5x")}) // not a continuation of #1
	ev(Event{Kind: KindData, Conn: 1, Dir: Out, Data: []byte("ok")})
	ev(Event{Kind: KindData, Conn: 1, Dir: In, Data: b[4:]})
	ev(Event{Kind: KindData, Conn: 1, Dir: In, Data: []byte("\xe4\xbd")})
	ev(Event{Kind: KindClose, Conn: 1, By: ByPeer})
	want := `2026-01-02 03:04:05.000000 [server] #1 127.0.0.1:5 connected (local 127.0.0.1:7)
2026-01-02 03:04:05.000000 [server] #2 127.0.0.1:6 connected (local 127.0.0.1:7)
2026-01-02 03:04:05.000000 [server] #1 127.0.0.1:5 in  4 bytes (1 byte of a character held for the next read)
你
2026-01-02 03:04:05.000000 [server] #2 127.0.0.1:6 in  2 bytes
\xA5x
2026-01-02 03:04:05.000000 [server] #1 127.0.0.1:5 out 2 bytes
ok
2026-01-02 03:04:05.000000 [server] #1 127.0.0.1:5 in  8 bytes
好世界
2026-01-02 03:04:05.000000 [server] #1 127.0.0.1:5 in  2 bytes (2 bytes of a character held for the next read)

2026-01-02 03:04:05.000000 [server] #1 127.0.0.1:5 closed by peer (in ended mid-character: \xE4\xBD)
`
	if got := string(out); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if strings.Contains(string(out), "\xe4\xbd") && !strings.Contains(string(out), "你") {
		t.Error("raw bytes in the output")
	}
}

// A FIN ends one direction: what it held is shown on the FIN line.
func TestTextFormatHeldAtFIN(t *testing.T) {
	f := NewTextFormat()
	var out []byte
	for _, e := range []Event{
		{Kind: KindOpen, Conn: 1, Remote: "r"},
		{Kind: KindData, Conn: 1, Dir: In, Data: []byte("a\xe4")},
		{Kind: KindEOF, Conn: 1, Dir: In},
	} {
		e.Tab = TabServer
		out = f.Format(out, &e)
	}
	if !strings.HasSuffix(string(out), "r finished sending (FIN); still open for replies (ended mid-character: \\xE4)\n") {
		t.Errorf("%s", out)
	}
}

// Every field of a record being exported is untrusted, the tab's name too
// (breaker-2 D2): `export --to text` wrote it raw.
func TestTextFormatEscapesTheTab(t *testing.T) {
	f := NewTextFormat()
	e := Event{Time: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Tab: "server\x1b[2J\u202e", Kind: KindError, Err: "x"}
	got := string(f.Format(nil, &e))
	want := "2026-01-02 03:04:05.000000 [server\\x1B[2J\\u{202E}] error: x\n"
	if got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
}

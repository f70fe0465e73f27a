package recvpane

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// testPane is a receive pane on st's Server tab, its text area 80×10.
func testPane(st *netassist.Store) *Model {
	p := New(common.Default(), st, netassist.TabServer)
	p.SetSize(82, 12)
	p.SetEmpty("empty")
	return p
}

func paneText(p *Model) string { return ansi.Strip(strings.Join(p.body(), "\n")) }

// Hiding sent data never hides received data from the pane: with 100,000
// sent chunks above the last received one, a frame still shows it (the
// store skips the sent ones without copying them out), and quickly.
func TestRecvSentHiddenNeverLosesReceived(t *testing.T) {
	st := netassist.NewStore(1 << 30)
	id := st.RecordOpen(netassist.TabServer, "l", "r")
	st.RecordData(id, netassist.In, []byte("OLD-IN"), 0)
	for range 100_000 {
		st.RecordData(id, netassist.Out, []byte("out"), 0)
	}
	p := testPane(st)
	p.showSent = false
	start := time.Now()
	s := paneText(p)
	if d := time.Since(start); d > time.Second {
		t.Errorf("a frame over 100,000 hidden chunks took %v", d)
	}
	if !strings.Contains(s, "OLD-IN") || strings.Contains(s, "▶ out") {
		t.Fatalf("the received chunk must show, the sent ones not:\n%s", s)
	}
	// Newer received data shows at once.
	st.RecordData(id, netassist.In, []byte("NEW-IN"), 0)
	if s := paneText(p); !strings.Contains(s, "NEW-IN") || !strings.Contains(s, "OLD-IN") || strings.Contains(s, "▶ out") {
		t.Fatalf("pane:\n%s", s)
	}
	// Selection moves over the hidden chunks to the older received one.
	p.enterSelect()
	if !p.selecting {
		t.Fatal("no chunk selected")
	}
	p.moveSelection(-1)
	if c, _ := p.selected(); string(c.Data) != "OLD-IN" {
		t.Fatalf("selected %q, want OLD-IN", c.Data)
	}
	// Scrolled to the top and back down, nothing is skipped either.
	p.selecting = false
	p.gotoTop()
	if s := paneText(p); !strings.Contains(s, "OLD-IN") {
		t.Fatalf("top:\n%s", s)
	}
}

func TestRecvSentHiddenNearby(t *testing.T) {
	st := netassist.NewStore(0)
	id := st.RecordOpen(netassist.TabServer, "l", "r")
	st.RecordData(id, netassist.In, []byte("IN-1"), 0)
	st.RecordData(id, netassist.Out, []byte("OUT-1"), 0)
	st.RecordData(id, netassist.In, []byte("IN-2"), 0)
	p := testPane(st)
	p.showSent = false
	s := paneText(p)
	if !strings.Contains(s, "IN-1") || !strings.Contains(s, "IN-2") || strings.Contains(s, "OUT-1") {
		t.Fatalf("pane:\n%s", s)
	}
	p.enterSelect()
	p.moveSelection(-1)
	if c, _ := p.selected(); string(c.Data) != "IN-1" {
		t.Fatalf("up from IN-2 selected %q, want IN-1 (OUT-1 hidden)", c.Data)
	}
	p.toggleSent()
	if s := paneText(p); !strings.Contains(s, "OUT-1") {
		t.Fatalf("pane:\n%s", s)
	}
}

// Pausing freezes the view; picking another connection while paused
// pauses that one from then on, with its own waiting count.
func TestRecvPauseAcrossFilterChange(t *testing.T) {
	st := netassist.NewStore(0)
	a := st.RecordOpen(netassist.TabServer, "l", "ra")
	b := st.RecordOpen(netassist.TabServer, "l", "rb")
	st.RecordData(a, netassist.In, []byte("A-1"), 0)
	p := testPane(st)
	p.togglePause()
	st.RecordData(a, netassist.In, []byte("A-2!"), 0)
	st.RecordData(b, netassist.In, []byte("B-1"), 0)
	if s := paneText(p); strings.Contains(s, "A-2!") || strings.Contains(s, "B-1") || p.waiting() != 7 {
		t.Fatalf("waiting %d, pane:\n%s", p.waiting(), s)
	}
	p.SetFilter(netassist.Filter{Tab: netassist.TabServer, Conn: b})
	if !p.paused || p.waiting() != 0 || !strings.Contains(paneText(p), "B-1") {
		t.Fatalf("paused %v waiting %d, pane:\n%s", p.paused, p.waiting(), paneText(p))
	}
	st.RecordData(b, netassist.In, []byte("B-2"), 0)
	if p.waiting() != 3 || strings.Contains(paneText(p), "B-2") {
		t.Fatalf("waiting %d", p.waiting())
	}
	p.togglePause()
	if !strings.Contains(paneText(p), "B-2") {
		t.Fatalf("pane:\n%s", paneText(p))
	}
}

// Options that change rendering drop the render cache.
func TestRecvEncodingInvalidatesCache(t *testing.T) {
	st := netassist.NewStore(0)
	id := st.RecordOpen(netassist.TabServer, "l", "r")
	st.RecordData(id, netassist.In, []byte("\xC4\xE3\xBA\xC3"), 0)
	p := testPane(st)
	// C3 may begin a two-byte UTF-8 character: held for the next read.
	if s := paneText(p); !strings.Contains(s, `\xC4\xE3\xBA`) || !strings.Contains(s, "(1 B held)") {
		t.Fatalf("pane:\n%s", s)
	}
	p.cycleEncoding()
	if s := paneText(p); !strings.Contains(s, "你好") {
		t.Fatalf("pane:\n%s", s)
	}
	if p.badges() != " · GBK" {
		t.Fatalf("badges %q", p.badges())
	}
}

// BenchmarkRecvViewSentHidden is one frame with sent data hidden over a
// capture of 100,000 sent chunks: bounded by maxScanChunks, not by the
// capture.
func BenchmarkRecvViewSentHidden(b *testing.B) {
	st := netassist.NewStore(1 << 30)
	id := st.RecordOpen(netassist.TabServer, "l", "r")
	for range 100_000 {
		st.RecordData(id, netassist.Out, []byte(strings.Repeat("o", 64)), 0)
	}
	p := testPane(st)
	p.showSent = false
	for b.Loop() {
		p.body()
	}
}

// A save says when bytes had left memory before it ran.
func TestRecvSaveSaysWhatWasDropped(t *testing.T) {
	dir := t.TempDir()
	st := netassist.NewStore(4096)
	id := st.RecordOpen(netassist.TabServer, "l", "r")
	for range 100 {
		st.RecordData(id, netassist.In, []byte(strings.Repeat("x", 100)), 0)
	}
	p := testPane(st)
	p.c.SaveDir = dir
	for _, cmd := range []func() tea.Cmd{p.saveConnCmd, p.saveSessionCmd} {
		msg, ok := cmd()().(common.StatusMsg)
		if !ok || msg.Err || !strings.Contains(msg.Text, "had left memory before (capture budget); a --record file keeps everything") {
			t.Fatalf("status %+v", msg)
		}
	}
	info, _ := st.Conn(id)
	files, _ := filepath.Glob(filepath.Join(dir, "netassist-conn1-*.bin"))
	if len(files) != 1 {
		t.Fatalf("files %v", files)
	}
	if fi, err := os.Stat(files[0]); err != nil || fi.Size() != 10_000-info.DroppedBytes || fi.Mode().Perm() != 0o600 {
		t.Fatalf("saved %v, %v; dropped %d", fi, err, info.DroppedBytes)
	}
}

func TestViewSize(t *testing.T) {
	st := netassist.NewStore(0)
	id := st.RecordOpen(netassist.TabServer, "l", "127.0.0.1:9")
	for i := range 50 {
		st.RecordData(id, netassist.In, []byte(strings.Repeat("data ", i)+"\r\n"), 0)
	}
	p := testPane(st)
	for _, scrolled := range []bool{false, true} {
		if scrolled {
			p.MoveBy(-30)
		}
		for _, sz := range tuitest.Sizes {
			p.SetSize(sz[0], sz[1])
			tuitest.CheckSize(t, "recvpane", p.View(), sz[0], sz[1])
		}
	}
}

// The title says what the pane shows: the connection, the position, the
// view and the options that differ from the defaults.
func TestTitle(t *testing.T) {
	st := netassist.NewStore(0)
	id := st.RecordOpen(netassist.TabServer, "l", "127.0.0.1:9")
	st.RecordData(id, netassist.In, []byte("hello\r\n"), 0)
	p := testPane(st)
	p.SetSize(100, 8)
	title := func() string { return ansi.Strip(strings.SplitN(p.View(), "\n", 2)[0]) }
	for _, c := range []struct {
		do   func()
		want string
	}{
		{func() {}, "╭─Receive · following─"},
		{func() { p.Update(tuitest.Plain('x')) }, "╭─Receive · following · hex─"},
		{func() { p.SetFilter(netassist.Filter{Tab: netassist.TabServer, Conn: id}) }, "╭─Receive #1 · following · hex─"},
		{func() { p.Update(tuitest.Plain('x')); p.Update(tuitest.Plain('e')) }, "╭─Receive #1 · following · GBK─"},
		{func() { p.Update(tuitest.Plain('o')) }, "╭─Receive #1 · following · GBK · sent hidden─"},
		{func() { p.Update(tuitest.Plain('p')) }, "╭─Receive #1 · paused · GBK · sent hidden─"},
		{func() { st.RecordData(id, netassist.In, []byte("12345"), 0) }, "╭─Receive #1 · paused · 5 B waiting · GBK · sent hidden─"},
	} {
		c.do()
		if got := title(); !strings.HasPrefix(got, c.want) {
			t.Fatalf("title %q, want %q…", got, c.want)
		}
	}
}

// The alt keys work from any pane; the plain ones only through Update.
func TestGlobalKeys(t *testing.T) {
	p := testPane(netassist.NewStore(0))
	for _, c := range []struct {
		key tea.KeyPressMsg
		ok  bool
	}{
		{tuitest.Alt('x'), true}, {tuitest.Alt('d'), true}, {tuitest.Alt('q'), true}, {tuitest.Alt('o'), true},
		{tuitest.Alt('g'), true}, {tuitest.Plain('x'), false}, {tuitest.Plain('p'), false}, {tuitest.Up, false},
	} {
		if _, ok := p.GlobalKey(c.key); ok != c.ok {
			t.Errorf("%v: handled %v, want %v", c.key, ok, c.ok)
		}
	}
	if !p.hex || p.timestamps || !p.paused || p.showSent {
		t.Fatalf("hex %v timestamps %v paused %v sent %v", p.hex, p.timestamps, p.paused, p.showSent)
	}
}

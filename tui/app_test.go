package tui

import (
	"context"
	"io/fs"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

func TestFocusTabsHexAndHelp(t *testing.T) {
	t.Parallel()
	h := newHarness(t, 80, 24)
	c := h.dial()
	c.Write([]byte("AB\x00"))
	h.Contains(`AB\x00`)

	h.Key(tuitest.Alt('x')) // hex view from any pane
	h.Contains("00000000  41 42 00")
	h.Contains("Receive · following · hex")
	h.Key(tuitest.Alt('x'))
	h.Contains(`AB\x00`)

	h.Key(tuitest.Tab) // receive pane: plain letters are commands here
	h.Key(tea.KeyPressMsg{Code: 'x', Text: "x"})
	h.Contains("00000000  41 42 00")

	h.Key(tea.KeyPressMsg{Code: '?', Text: "?"})
	h.Contains("Keys")
	h.Contains("close after send")
	h.Key(tuitest.Esc)
	h.WaitScreen("help closed", func(s string) bool { return !strings.Contains(s, "press ? or esc to close help") })

	h.Key(tuitest.Alt('2'))
	h.Contains("Connect to")
	c.Write([]byte("more"))
	h.Contains("1 Server•") // activity on the hidden tab
	h.Key(tuitest.Alt('1'))
	h.Contains("Receive")
	h.Quit()
}

func TestResizeTinyAndBack(t *testing.T) {
	t.Parallel()
	h := newHarness(t, 80, 24)
	c := h.dial()
	c.Write([]byte("hello\r\n"))
	h.Contains(`hello\r\n`)
	for _, sz := range [][2]int{{20, 5}, {10, 3}, {1, 1}, {0, 0}, {15, 40}, {200, 8}, {80, 24}} {
		h.Send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		w, hh := sz[0], sz[1]
		s := h.WaitScreen("resize", func(s string) bool {
			if w == 0 || hh == 0 {
				return s == ""
			}
			return len(strings.Split(s, "\n")) == hh && ansi.StringWidth(strings.Split(s, "\n")[0]) == w
		})
		for i, line := range strings.Split(s, "\n") {
			if lw := ansi.StringWidth(line); w > 0 && lw != w {
				t.Errorf("%dx%d: line %d is %d cells wide", w, hh, i, lw)
			}
		}
	}
	h.Contains(`hello\r\n`)
	h.Quit()
}

func TestRecordIndicator(t *testing.T) {
	t.Parallel()
	st := netassist.NewStore(0)
	m := New(Config{Store: st, Server: &netassist.Server{Store: st}, ListenAddr: "127.0.0.1:0",
		RecordPath: "cap\x1b]0;x\x07.jsonl", Context: context.Background()})
	m = update(m, tea.WindowSizeMsg{Width: 120, Height: 20})
	s := ansi.Strip(m.View().Content)
	if !strings.Contains(s, `● rec cap\x1B]0;x\x07.jsonl │ 0 open`) {
		t.Fatalf("no record indicator:\n%s", s)
	}
	long := "/very/long/directory/name/that/goes/on/and/on/capture-2026.jsonl"
	m = New(Config{Store: st, Server: &netassist.Server{Store: st}, RecordPath: long, Context: context.Background()})
	m = update(m, tea.WindowSizeMsg{Width: 120, Height: 20})
	if s := ansi.Strip(m.View().Content); !strings.Contains(s, "● rec …") || !strings.Contains(s, "capture-2026.jsonl │") {
		t.Fatalf("long path not shortened from the left:\n%s", s)
	}
	m = New(Config{Store: st, Server: &netassist.Server{Store: st}, Context: context.Background()})
	m = update(m, tea.WindowSizeMsg{Width: 120, Height: 20})
	if s := ansi.Strip(m.View().Content); strings.Contains(s, "● rec") {
		t.Fatalf("indicator without --record:\n%s", s)
	}
}

// fakeRecord is a --record file that fails when told.
type fakeRecord struct {
	failed chan struct{}
	err    error
}

func (r *fakeRecord) Failed() <-chan struct{} { return r.failed }
func (r *fakeRecord) Err() error              { return r.err }

// When the record stops (a full disk), the UI says so at once: the status
// line names the file and the cause, in the UI's language (breaker #12:
// the English cause stayed in the Chinese UI), and the badge stops saying
// "● rec".
func TestRecordFailureShown(t *testing.T) {
	for _, tc := range []struct {
		lang           i18n.Lang
		badge, stopped string
		want           string
	}{
		{i18n.LangEnglish, "● rec cap.jsonl", "✗ rec cap.jsonl stopped",
			"--record cap.jsonl: no space left on device (recording stopped) — capture goes on"},
		{i18n.LangChinese, "● 录制 cap.jsonl", "✗ 录制 cap.jsonl 已停止", "--record cap.jsonl：磁盘空间不足（录制已停止）"},
	} {
		st := netassist.NewStore(0)
		rec := &fakeRecord{failed: make(chan struct{})}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		m := New(Config{Store: st, Server: &netassist.Server{Store: st}, ListenAddr: "127.0.0.1:0",
			RecordPath: "cap.jsonl", Record: rec, Context: ctx, Lang: tc.lang})
		m = update(m, tea.WindowSizeMsg{Width: 120, Height: 20})
		if s := ansi.Strip(m.View().Content); !strings.Contains(s, tc.badge) {
			t.Fatalf("no record indicator %q:\n%s", tc.badge, s)
		}
		wait := waitForRecordFailure(ctx, rec)
		got := make(chan tea.Msg, 1)
		go func() { got <- wait() }()
		rec.err = &netassist.RecordFileError{Path: "cap.jsonl",
			Err: &fs.PathError{Op: "write", Path: "cap.jsonl", Err: syscall.ENOSPC}}
		close(rec.failed)
		var msg tea.Msg
		select {
		case msg = <-got:
		case <-time.After(5 * time.Second):
			t.Fatal("the failure was not delivered")
		}
		m = update(m, msg)
		s := ansi.Strip(m.View().Content)
		if strings.Contains(s, tc.badge) || !strings.Contains(s, tc.stopped) || !strings.Contains(s, tc.want) {
			t.Errorf("%s: failure not shown as %q:\n%s", tc.lang, tc.want, s)
		}
	}
}

func TestComposeKeysInHelp(t *testing.T) {
	t.Parallel()
	h := newComposeHarness(t, 160, 40, t.TempDir())
	h.Key(tuitest.Esc) // leave the editor so ? opens help
	h.Key(tea.KeyPressMsg{Code: '?', Text: "?"})
	s := h.Contains("Keys")
	for _, want := range []string{"alt+y", "alt+j", "ctrl+o", "alt+↑/↓", "recall sent messages", "repeat send start/stop", "send a file"} {
		if !strings.Contains(s, want) {
			t.Errorf("help lacks %q:\n%s", want, s)
		}
	}
	h.Quit()
}

func TestRulesViewKeysAndTyping(t *testing.T) {
	t.Parallel()
	h := newRulesHarness(t, t.TempDir())
	h.Key(tuitest.F5)
	h.Contains("No rules yet")
	// Plain letters are the view's: q in the form is text, not quit.
	h.Key(tuitest.Plain('a'))
	h.Type("q?")
	h.Contains(`the pattern is 2 bytes`)
	h.Key(tuitest.Esc)
	h.Key(tuitest.F5) // closes the view
	h.Contains("Receive")
	h.Key(tuitest.F5)
	h.Contains("No rules yet")
	h.Key(tuitest.F1)
	h.Contains("auto-reply rules")
	h.Contains("move rule up")
	h.Key(tuitest.Esc)
	h.Key(tuitest.Esc)
	h.Contains("Receive")
	h.Quit()
}

// Status messages arrive in any order (each Cmd runs on its own): one
// decided before the status shown does not replace it.
func TestStatusLastDecidedWins(t *testing.T) {
	t.Parallel()
	st := netassist.NewStore(0)
	m := New(Config{Store: st, Server: &netassist.Server{Store: st}, Context: context.Background()})
	m = update(m, tea.WindowSizeMsg{Width: 100, Height: 20})
	first, second := common.Status("status-one", false)(), common.Status("status-two", false)()
	m = update(m, second)
	m = update(m, first) // late
	if s := ansi.Strip(m.View().Content); !strings.Contains(s, "status-two") || strings.Contains(s, "status-one") {
		t.Fatalf("status line:\n%s", s)
	}
	m = update(m, common.StatusMsg{Text: "a result"}) // decided as it arrives
	if s := ansi.Strip(m.View().Content); !strings.Contains(s, "a result") {
		t.Fatalf("status line:\n%s", s)
	}
}

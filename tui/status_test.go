package tui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// A status belongs to the tab whose action it reports: another tab shows
// its own, and coming back shows the first again.
func TestStatusBelongsToItsTab(t *testing.T) {
	t.Parallel()
	h := app{client: true}.start(t, 100, 30)
	h.Contains("● listening on 127.0.0.1:")
	h.StatusShows("listening on 127.0.0.1:")
	h.dial()
	h.Contains("#1 connected from")
	h.Type("ping")
	h.Key(tuitest.Send)
	h.StatusShows("sent 4 bytes to all (1 open)")
	h.Key(tuitest.Alt('2'))
	h.Contains("Connect to")
	if s := h.StatusLine(); strings.Contains(s, "sent 4 bytes") {
		t.Fatalf("the Server tab's status shows on the Client tab: %q", s)
	}
	h.Key(tuitest.Alt('w')) // disconnect: the Client tab's own status
	h.StatusShows("disconnected")
	h.Key(tuitest.Alt('1'))
	h.StatusShows("sent 4 bytes to all (1 open)")
	h.Key(tuitest.Alt('2'))
	h.StatusShows("disconnected")
	h.Quit()
}

// A message too long for the status line is shown whole, wrapped; past
// three lines it points to the message log, which has it whole. The
// panes above give up the lines it takes, and get them back.
func TestLongStatusWrapsWhole(t *testing.T) {
	t.Parallel()
	h := newHarness(t, 80, 24)
	long := "cannot listen: listen tcp 127.0.0.1:20004: bind: address already in use (another program holds the port)"
	h.Send(common.StatusMsg{Text: long, Err: true, Tab: netassist.TabServer})
	h.WaitScreen("wrapped", func(s string) bool { return strings.Contains(strings.Join(strings.Fields(s), " "), long) })
	tuitest.CheckSize(t, "screen", h.Raw(), 80, 24)

	var huge strings.Builder
	for i := range 40 {
		fmt.Fprintf(&huge, "word%d ", i)
	}
	h.Send(common.StatusMsg{Text: huge.String() + "END", Err: true, Tab: netassist.TabServer})
	h.Contains("f9 shows it whole")
	h.Lacks("END")
	h.Key(tuitest.F9)
	h.Contains("Messages · ")
	h.Contains("word39 END")
	h.WaitScreen("the one before, kept too", func(s string) bool {
		return strings.Contains(strings.Join(strings.Fields(s), " "), "already in use (another program holds the port)")
	})
	h.Key(tuitest.Esc)
	h.Gone("Messages · ")
	h.Contains("Send to all")
	h.Quit()
}

// Below the smallest usable size a notice says so (no pane silently
// missing); at the size again, the tab is back.
func TestTooSmallNotice(t *testing.T) {
	t.Parallel()
	h := newHarness(t, 80, 24)
	for _, sz := range [][2]int{{59, 24}, {80, 15}, {40, 12}, {12, 4}} {
		h.Send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		want := fmt.Sprintf("The terminal is %d×%d:", sz[0], sz[1])
		if sz[0] < 30 {
			want = "terminal"
		}
		h.WaitScreen("notice", func(s string) bool {
			return strings.Contains(s, want) && len(strings.Split(s, "\n")) == sz[1] && ansi.StringWidth(strings.Split(s, "\n")[0]) == sz[0]
		})
		tuitest.CheckSize(t, "notice", h.Raw(), sz[0], sz[1])
	}
	// 10 columns: both sizes still said, wrapped (breaker-2: "The termin").
	h.Send(tea.WindowSizeMsg{Width: 10, Height: 24})
	h.WaitScreen("notice at 10 columns", func(s string) bool {
		return strings.Contains(s, "10×24:") && strings.Contains(s, "60×16.")
	})
	tuitest.CheckSize(t, "notice", h.Raw(), 10, 24)
	h.Send(tea.WindowSizeMsg{Width: 60, Height: 16})
	h.Contains("Connections")
	h.Contains("Send to all")
	h.Quit()
}

// The hint line never cuts a hint: what fits shows whole, "…" says more
// are in help, and the help key always shows, in both languages.
func TestHintsFit(t *testing.T) {
	t.Parallel()
	for _, l := range []i18n.Lang{i18n.LangEnglish, i18n.LangChinese} {
		h := app{set: func(c *Config) { c.Lang = l }}.start(t, 60, 20)
		h.Contains("127.0.0.1:")
		for _, w := range []int{60, 72, 80, 100} {
			h.Send(tea.WindowSizeMsg{Width: w, Height: 20})
			s := h.WaitScreen("resized", func(s string) bool { return ansi.StringWidth(strings.Split(s, "\n")[0]) == w })
			lines := strings.Split(s, "\n")
			hint := strings.TrimRight(lines[len(lines)-1], " ")
			if !strings.HasSuffix(hint, "f1 "+i18n.For(l).KeyHelp) && !strings.HasSuffix(hint, "ctrl+c "+i18n.For(l).KeyQuit) {
				t.Errorf("%v at %d: hint line %q does not end with help or quit", l, w, hint)
			}
		}
		h.Quit()
	}
}

// tagStatus marks every status a Cmd yields with the tab, also inside
// tea.Batch and tea.Sequence (whose message type is unexported: the
// program must still see a sequence), and leaves other messages alone.
func TestTagStatus(t *testing.T) {
	status := common.Status("done", false)
	other := func() tea.Msg { return tea.QuitMsg{} }
	var got []tea.Msg
	var run func(tea.Cmd)
	run = func(c tea.Cmd) {
		if c == nil {
			return
		}
		msg := c()
		v := reflect.ValueOf(msg)
		if v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
			for i := range v.Len() {
				run(v.Index(i).Interface().(tea.Cmd))
			}
			return
		}
		got = append(got, msg)
	}
	seq := tagStatus(netassist.TabWeb, tea.Sequence(status, other))()
	if reflect.TypeOf(seq) != reflect.TypeOf(tea.Sequence(status, other)()) {
		t.Fatalf("a sequence became %T", seq)
	}
	run(tagStatus(netassist.TabWeb, tea.Batch(status, tea.Sequence(status, other), nil)))
	run(tagStatus(netassist.TabWeb, nil))
	n := 0
	for _, m := range got {
		switch m := m.(type) {
		case common.StatusMsg:
			n++
			if m.Tab != netassist.TabWeb {
				t.Errorf("status not tagged: %+v", m)
			}
		case tea.QuitMsg:
		default:
			t.Errorf("unexpected %T", m)
		}
	}
	if n != 2 || len(got) != 3 {
		t.Fatalf("messages %v", got)
	}
	// A status already tagged keeps its tab.
	if m := tagStatus(netassist.TabWeb, func() tea.Msg { return common.StatusMsg{Tab: netassist.TabClient} })(); m.(common.StatusMsg).Tab != netassist.TabClient {
		t.Fatalf("retagged: %+v", m)
	}
}

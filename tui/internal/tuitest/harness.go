package tuitest

import (
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// probe wraps a model and records every frame it renders, so a test can
// wait for what a person would see rather than parse the renderer's cell
// diffs.
type probe struct {
	tea.Model
	rec *frames
}

func (p probe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := p.Model.Update(msg)
	return probe{m, p.rec}, cmd
}

func (p probe) View() tea.View {
	v := p.Model.View()
	p.rec.add(v.Content)
	return v
}

// frames keeps the last frame, a count, and every distinct frame: the
// status line is last writer wins, so results of Cmds that run at once (a
// listen, a connect, a send) may replace one another within a frame or
// two, and Shown looks at all of them.
type frames struct {
	last  atomic.Pointer[string]
	count atomic.Int64
	mu    sync.Mutex // guards log
	log   []string
}

func (f *frames) add(s string) {
	f.last.Store(&s)
	f.count.Add(1)
	f.mu.Lock()
	defer f.mu.Unlock()
	if n := len(f.log); n > 0 && f.log[n-1] == s {
		return
	}
	f.log = append(f.log, s)
}

func (f *frames) find(sub string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, s := range f.log {
		if strings.Contains(ansi.Strip(s), sub) {
			return true
		}
	}
	return false
}

// Harness is a running program under teatest.
type Harness struct {
	T  *testing.T
	TM *teatest.TestModel
	f  *frames
}

// Start runs m at w×h.
func Start(t *testing.T, m tea.Model, w, h int) *Harness {
	t.Helper()
	f := &frames{}
	tm := teatest.NewTestModel(t, probe{m, f}, teatest.WithInitialTermSize(w, h))
	return &Harness{T: t, TM: tm, f: f}
}

// Screen is the last frame without styling.
func (h *Harness) Screen() string { return ansi.Strip(h.Raw()) }

// Raw is the last frame as drawn, styles included.
func (h *Harness) Raw() string {
	if p := h.f.last.Load(); p != nil {
		return *p
	}
	return ""
}

// Frames is how many frames were drawn so far.
func (h *Harness) Frames() int64 { return h.f.count.Load() }

// WaitLimit is how long a wait on the screen or a condition goes on
// before it fails the test: generous, since the tests run under -race on
// two shared cores, and a wait that passes costs only its real time.
const WaitLimit = 20 * time.Second

// WaitScreen waits (WaitLimit at most) until cond holds for the last frame
// and returns that frame.
func (h *Harness) WaitScreen(what string, cond func(string) bool) string {
	h.T.Helper()
	deadline := time.Now().Add(WaitLimit)
	for {
		s := h.Screen()
		if cond(s) {
			return s
		}
		if time.Now().After(deadline) {
			h.T.Fatalf("timed out waiting for %s; screen:\n%s", what, s)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// Contains waits until the screen shows sub.
func (h *Harness) Contains(sub string) string {
	h.T.Helper()
	return h.WaitScreen(sub, func(s string) bool { return strings.Contains(s, sub) })
}

// Gone waits until the screen no longer shows sub.
func (h *Harness) Gone(sub string) string {
	h.T.Helper()
	return h.WaitScreen(sub+" gone", func(s string) bool { return !strings.Contains(s, sub) })
}

// Lacks fails if the last frame shows sub.
func (h *Harness) Lacks(sub string) {
	h.T.Helper()
	if s := h.Screen(); strings.Contains(s, sub) {
		h.T.Fatalf("screen shows %q:\n%s", sub, s)
	}
}

// Shown waits until some frame (not only the last) showed sub.
func (h *Harness) Shown(sub string) {
	h.T.Helper()
	h.WaitScreen(sub, func(string) bool { return h.f.find(sub) })
}

// redrawMsg asks for nothing but the frame every message brings.
type redrawMsg struct{}

// NextFrame waits for a frame drawn after this call and returns it: what a
// negative check needs before it looks (a frame drawn since the state
// changed). It sends the program a message that does nothing, so a frame
// comes even when nothing else happens.
func (h *Harness) NextFrame() string {
	h.T.Helper()
	n := h.Frames()
	h.TM.Send(redrawMsg{})
	return h.WaitScreen("a new frame", func(string) bool { return h.Frames() > n })
}

// Key sends one key press.
func (h *Harness) Key(k tea.KeyPressMsg) { h.TM.Send(k) }

// Send sends any message.
func (h *Harness) Send(m tea.Msg) { h.TM.Send(m) }

// Type types s, one key press per rune.
func (h *Harness) Type(s string) { h.TM.Type(s) }

// Quit presses ctrl+c and waits for the program to end.
func (h *Harness) Quit() {
	h.Key(Quit)
	h.TM.WaitFinished(h.T, teatest.WithFinalTimeout(WaitLimit))
}

// Final presses ctrl+c and returns the program's final model (read after
// it stopped: no race).
func (h *Harness) Final() tea.Model {
	h.Key(Quit)
	return h.TM.FinalModel(h.T, teatest.WithFinalTimeout(WaitLimit)).(probe).Model
}

// WaitFor polls cond (every 2ms, WaitLimit at most) until it holds.
func WaitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	WaitWithin(t, WaitLimit, what, cond)
}

// WaitWithin is WaitFor with its own limit, for work known to take
// longer than a screen wait (a search of the whole store under a flood).
func WaitWithin(t testing.TB, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(limit); !cond(); {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// sgrOnly matches the only escape sequences the UI itself emits in frame
// content: SGR colour/attribute sequences.
var sgrOnly = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// CheckFrame fails if frame holds anything but SGR sequences, real line
// breaks and graphic characters: no control, no invalid UTF-8, no bidi or
// invisible character (DESIGN.md §5).
func CheckFrame(t testing.TB, frame string) {
	t.Helper()
	raw := sgrOnly.ReplaceAllString(frame, "")
	for i, r := range raw {
		switch {
		case r == '\n':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			t.Fatalf("control %U at %d in frame:\n%q", r, i, raw)
		case r == utf8.RuneError:
			t.Fatalf("invalid UTF-8 at %d", i)
		case strings.ContainsRune("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200e\u200f\ufeff", r):
			t.Fatalf("bidi/invisible %U reached the screen", r)
		}
	}
}

// StartRepeat opens the repeat interval field (alt+y), types every over
// what it offers, and starts the repeat.
func (h *Harness) StartRepeat(every string) {
	h.T.Helper()
	h.Key(Alt('y'))
	h.Contains("Repeat every 1s")
	h.Key(Ctrl('u'))
	h.Type(every)
	h.Key(Enter)
	h.Contains("⟳ every " + every)
}

// StatusLine is the last frame's status line (the line above the key
// hints, in the root's layout and in Host's).
func (h *Harness) StatusLine() string {
	lines := strings.Split(h.Screen(), "\n")
	if len(lines) < 2 {
		return ""
	}
	return lines[len(lines)-2]
}

// StatusShows waits until the status line shows sub: the status line is
// last writer wins, so a test lets a result land before it acts again.
func (h *Harness) StatusShows(sub string) {
	h.T.Helper()
	h.WaitScreen("status "+sub, func(string) bool { return strings.Contains(h.StatusLine(), sub) })
}

// Paste pastes s (bracketed paste): one message, where Type sends one key
// press per rune (and a frame each).
func (h *Harness) Paste(s string) { h.TM.Send(tea.PasteMsg{Content: s}) }

// Retype erases old from the focused field (backspace, with two to spare)
// and types s in its place.
func (h *Harness) Retype(old, s string) {
	for range len(old) + 2 {
		h.Key(Backspace)
	}
	h.Type(s)
}

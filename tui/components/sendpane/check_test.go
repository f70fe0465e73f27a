package sendpane

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist/render"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// settle does what the program does once typing pauses: the newest
// generation's tick, then its check, handed back to the pane.
func settle(t *testing.T, p *Model) {
	t.Helper()
	cmd := p.Update(checkTickMsg{tab: p.tab, gen: p.check.gen})
	if cmd == nil {
		t.Fatal("the newest tick started no check")
	}
	p.Update(cmd())
}

func checkPane(t *testing.T, w, h int) *Model {
	t.Helper()
	p := newPane(t, tuitest.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)), &recorder{})
	p.SetSize(w, h)
	p.SetTitle("Send")
	p.Focus()
	return p
}

// typeText types s key by key (a line break as enter).
func typeText(p *Model, s string) {
	for _, r := range s {
		if r == '\n' {
			p.Update(tuitest.Enter)
			continue
		}
		p.Update(tuitest.Plain(r))
	}
}

// The checker lists the findings of the bytes under the editor — code,
// severity, offset, message — or counts them in a small box until alt+b
// lists them; bytes that are not HTTP get no checker row.
func TestCheckerShowsFindings(t *testing.T) {
	p := checkPane(t, 80, 9)
	typeText(p, "HTTP/1.1 200 OK\nContent-Length: 20\nBad Name: x\n\nhello")
	settle(t, p)
	v := ansi.Strip(p.View())
	for _, want := range []string{
		`✗ error bad-header-name @37: field name "Bad Name" is not a valid token`,
		"✗ error content-length-mismatch @57: Content-Length says 20, the body has 5 b…",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("box lacks %q:\n%s", want, v)
		}
	}
	tuitest.CheckSize(t, "send pane", p.View(), 80, 9)

	// 80×24 gives the send box four rows: a count and the keys.
	p.SetSize(80, 6)
	v = ansi.Strip(p.View())
	if !strings.Contains(v, "✗ HTTP check: 2 errors · alt+b list · f6 fix") {
		t.Fatalf("small box:\n%s", v)
	}
	p.OptionKey(tuitest.Alt('b'), false)
	v = ansi.Strip(p.View())
	if !strings.Contains(v, "bad-header-name @37") || !strings.Contains(v, "content-length-mismatch @57") {
		t.Fatalf("listed:\n%s", v)
	}
	tuitest.CheckSize(t, "send pane listed", p.View(), 80, 6)

	p.OptionKey(tuitest.Alt('k'), false) // clear
	typeText(p, "PING\n")
	settle(t, p)
	if v := ansi.Strip(p.View()); strings.Contains(v, "HTTP check") {
		t.Fatalf("a checker row for bytes that are not HTTP:\n%s", v)
	}
}

// Only the newest generation's tick checks, and a stale result is
// dropped: typing faster than the debounce checks once.
func TestCheckerDebounce(t *testing.T) {
	p := checkPane(t, 80, 9)
	typeText(p, "HTTP/1.1 200 OK\n")
	old := p.check.gen
	typeText(p, "\nhi")
	if cmd := p.Update(checkTickMsg{tab: p.tab, gen: old}); cmd != nil {
		t.Fatal("a stale tick started a check")
	}
	p.Update(checkedMsg{tab: p.tab, gen: old, http: true})
	if p.check.http {
		t.Fatal("a stale result was kept")
	}
	settle(t, p)
	if !p.check.http || len(p.check.findings) == 0 {
		t.Fatalf("findings %+v", p.check.findings)
	}
}

// The fix key applies every single right fix to the typed text, in
// place: the rest of what was typed (escapes, line breaks, the cursor)
// stays as it was.
func TestCheckerFix(t *testing.T) {
	tests := []struct {
		name  string
		crlf  bool
		typed string
		want  string // the editor after the fix
		codes string
		gbk   bool
	}{
		{"content-length", true, "HTTP/1.1 200 OK\nContent-Length: 20\n\nhello",
			"HTTP/1.1 200 OK\nContent-Length: 5\n\nhello", "content-length-mismatch", false},
		{"one-line-escapes", true, `HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n\x68ello`,
			`HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n\x68ello`, "content-length-mismatch", false},
		{"bare-lf", false, "HTTP/1.1 200 OK\nContent-Length: 2\n\nhi",
			"HTTP/1.1 200 OK\\r\nContent-Length: 2\\r\n\\r\nhi", "bare-lf", false},
		{"bare-lf-escape", true, `HTTP/1.1 200 OK\nContent-Length: 2` + "\n\nhi",
			`HTTP/1.1 200 OK\r\nContent-Length: 2` + "\n\nhi", "bare-lf", false},
		{"no-blank-line", true, "HTTP/1.1 200 OK\nContent-Length: 5\nhello",
			"HTTP/1.1 200 OK\nContent-Length: 5\n\nhello", "no-blank-line", false},
		{"cl-and-te", true, "HTTP/1.1 200 OK\nContent-Length: 3\nTransfer-Encoding: chunked\n\n0\n\n",
			"HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n0\n\n", "cl-and-te", false},
		{"utf8-body", true, "HTTP/1.1 200 OK\nContent-Length: 1\n\n你好", // 6 bytes
			"HTTP/1.1 200 OK\nContent-Length: 6\n\n你好", "content-length-mismatch", false},
		{"gbk-body", true, "HTTP/1.1 200 OK\nContent-Length: 1\n\n你好", // 4 bytes
			"HTTP/1.1 200 OK\nContent-Length: 4\n\n你好", "content-length-mismatch", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := checkPane(t, 80, 9)
			if !tt.crlf {
				p.OptionKey(tuitest.Alt('r'), false)
			}
			if tt.gbk {
				p.SetEncoding(render.GBK)
			}
			p.SetValue(tt.typed)
			p.OptionKey(tuitest.Ctrl('a'), false) // not an option: nothing happens
			p.Update(tea.KeyPressMsg{Code: tea.KeyEnd})
			if !p.OptionKey(tea.KeyPressMsg{Code: tea.KeyF6}, false) {
				t.Fatal("f6 is not the fix key")
			}
			st, _ := statusOf(p.OptionCmd())
			if got := p.Value(); got != tt.want {
				t.Fatalf("editor %q\nwant   %q (status %q)", got, tt.want, st.Text)
			}
			if st.Err || !strings.Contains(st.Text, "fixed: "+tt.codes) {
				t.Fatalf("status %+v", st)
			}
			settle(t, p)
			for _, f := range p.check.findings {
				if f.Code == tt.codes {
					t.Fatalf("still %s after the fix: %+v", tt.codes, p.check.findings)
				}
			}
		})
	}
}

// The fix keeps the cursor where the user was, and leaves macros alone.
func TestCheckerFixCursorAndMacros(t *testing.T) {
	p := checkPane(t, 80, 9)
	typeText(p, "HTTP/1.1 200 OK\nContent-Length: 200\n\nhello")
	p.Update(tea.KeyPressMsg{Code: tea.KeyLeft}) // after "hell"
	p.OptionKey(tea.KeyPressMsg{Code: tea.KeyF6}, false)
	p.OptionCmd()
	typeText(p, "X")
	if got := p.Value(); got != "HTTP/1.1 200 OK\nContent-Length: 5\n\nhellXo" {
		t.Fatalf("editor %q", got)
	}
	p.SetValue("HTTP/1.1 200 OK\nContent-Length: 20\n\n{{seq}}")
	p.OptionKey(tea.KeyPressMsg{Code: tea.KeyF6}, false)
	if st, _ := statusOf(p.OptionCmd()); !st.Err || !strings.Contains(st.Text, "macros") {
		t.Fatalf("status %+v", st)
	}
	p.SetValue("HTTP/1.1 200 OK\nContent-Length: 0\n\n")
	p.OptionKey(tea.KeyPressMsg{Code: tea.KeyF6}, false)
	if st, _ := statusOf(p.OptionCmd()); !st.Err || !strings.Contains(st.Text, "nothing to fix") {
		t.Fatalf("status %+v", st)
	}
}

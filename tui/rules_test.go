package tui

import (
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/autoreply"
)

// newRulesHarness is a running TUI whose server answers by the rules it
// edits, wired as cmd/netassist does, with its rules file in dir.
func newRulesHarness(t *testing.T, dir string) *harness {
	t.Helper()
	st := netassist.NewStore(0)
	rules := &autoreply.Active{}
	srv := &netassist.Server{Store: st, AutoReply: rules.AutoReply}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(func() { cancel(); srv.Close() })
	m := New(Config{Store: st, Server: srv, Rules: rules, ConfigDir: dir, ListenAddr: "127.0.0.1:0",
		IsDark: true, Context: ctx, FrameInterval: time.Millisecond})
	last := &atomic.Pointer[string]{}
	tm := teatest.NewTestModel(t, probe{m, last}, teatest.WithInitialTermSize(120, 30))
	h := &harness{t: t, tm: tm, last: last, store: st, srv: srv}
	h.contains("● listening on 127.0.0.1:")
	return h
}

var (
	keyRulesF5      = tea.KeyPressMsg{Code: tea.KeyF5}
	keyRulesRight   = tea.KeyPressMsg{Code: tea.KeyRight}
	keyRulesBackTab = tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
)

// ruleKey is a plain letter key.
func ruleKey(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

// addRule adds a rule through the form: kind is how many times to cycle
// the match (0 contains, 1 prefix, 2 regex).
func (h *harness) addRule(kind int, pattern, reply string, closeAfter bool) {
	h.t.Helper()
	h.key(ruleKey('a'))
	h.contains("New rule")
	h.key(keyRulesBackTab) // the match row
	for range kind {
		h.key(keySpace)
	}
	h.key(keyTab) // pattern
	h.tm.Type(pattern)
	h.key(keyDown) // pattern is hex
	h.key(keyDown) // reply
	h.tm.Type(reply)
	if closeAfter {
		h.key(keyDown) // reply is hex
		h.key(keyDown) // close after
		h.key(keySpace)
		h.contains("Close after reply  [x]")
	}
	h.contains("✓ valid")
	h.key(keyEnter)
	h.contains(" · saved to ") // the Cmd wrote the file
}

// ruleExchange writes send on c and reads exactly len(want) bytes.
func ruleExchange(t *testing.T, c net.Conn, send, want string) {
	t.Helper()
	if _, err := c.Write([]byte(send)); err != nil {
		t.Fatal(err)
	}
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	got := make([]byte, len(want))
	if _, err := io.ReadFull(c, got); err != nil || string(got) != want {
		t.Fatalf("sent %q: got %q, %v; want %q", send, got, err, want)
	}
}

// ruleLineWith is the screen line holding all of subs, or "".
func ruleLineWith(screen string, subs ...string) string {
	for _, l := range strings.Split(screen, "\n") {
		ok := true
		for _, s := range subs {
			ok = ok && strings.Contains(l, s)
		}
		if ok {
			return l
		}
	}
	return ""
}

func (h *harness) ruleLine(subs ...string) string {
	h.t.Helper()
	s := h.waitScreen(strings.Join(subs, " & "), func(s string) bool { return ruleLineWith(s, subs...) != "" })
	return ruleLineWith(s, subs...)
}

func TestRulesAddMatchHitsDisableMove(t *testing.T) {
	dir := t.TempDir()
	h := newRulesHarness(t, dir)
	h.key(keyRulesF5)
	h.contains("No rules yet")
	h.contains("a add rule")

	h.addRule(0, "PING", `PONG\r\n`, false)
	h.contains("added rule 1 · saved to " + filepath.Dir(dir))
	h.addRule(1, "GET ", `HTTP/1.0 200 OK\r\n\r\n`, true)
	h.addRule(2, `^ECHO (\w+)`, `you said $1\n`, false)
	h.contains("added rule 3")
	h.ruleLine("1", "on", "contains", `"PING" → "PONG\r\n"`)
	h.ruleLine("2", "on", "starts with", `"GET " → "HTTP/1.0 200 OK\r\n\r\n"`, "+close")
	h.ruleLine("3", "on", "matches regex", `"^ECHO (\w+)" → "you said $1\n"`)

	c := h.dial()
	ruleExchange(t, c, "xxPINGxx", "PONG\r\n")
	ruleExchange(t, c, "ECHO PING", "PONG\r\n") // first match wins
	ruleExchange(t, c, "ECHO hello", "you said hello\n")
	web := h.dial()
	web.Write([]byte("GET / HTTP/1.1\r\n\r\n"))
	web.SetReadDeadline(time.Now().Add(5 * time.Second))
	if got, err := io.ReadAll(web); err != nil || string(got) != "HTTP/1.0 200 OK\r\n\r\n" {
		t.Fatalf("GET: %q, %v (want the reply, then close)", got, err)
	}
	h.ruleLine(`"PING"`, "2 hits")
	h.ruleLine(`"GET "`, "1 hits")
	h.ruleLine(`"^ECHO`, "1 hits")

	// Disable rule 1: its reads fall through to the next rule that matches.
	h.key(keyUp)
	h.key(keyUp)
	h.key(keySpace)
	h.contains("rule 1 off")
	h.ruleLine(`"PING"`, "off", "2 hits")
	ruleExchange(t, c, "ECHO PING", "you said PING\n")
	h.ruleLine(`"^ECHO`, "2 hits")

	// Move it below the prefix rule: order and counters follow.
	h.key(ruleKey('J'))
	h.contains("moved rule 1 to 2")
	h.ruleLine(" 1 ", `"GET "`, "1 hits")
	h.ruleLine(" 2 ", `"PING"`, "off", "2 hits")
	want := []autoreply.Rule{
		{Match: autoreply.Prefix, Pattern: "GET ", Reply: `HTTP/1.0 200 OK\r\n\r\n`, CloseAfter: true},
		{Match: autoreply.Contains, Pattern: "PING", Reply: `PONG\r\n`, Disabled: true},
		{Match: autoreply.Regex, Pattern: `^ECHO (\w+)`, Reply: `you said $1\n`},
	}
	h.waitScreen("saved order", func(string) bool {
		got, err := autoreply.Load(dir)
		return err == nil && reflect.DeepEqual(got, want)
	})

	// Delete it, and re-enable nothing: PING now gets no reply from rule 2.
	h.key(ruleKey('x'))
	h.contains("deleted rule 2")
	h.waitScreen("saved delete", func(string) bool {
		got, _ := autoreply.Load(dir)
		return len(got) == 2 && got[1].Match == autoreply.Regex
	})
	ruleExchange(t, c, "ECHO again", "you said again\n")

	// Edit the regex rule: enter opens it with its values.
	h.key(keyEnter)
	h.contains("Rule 2")
	h.key(keyDown)
	h.key(keyDown) // reply
	h.tm.Type("!")
	h.key(keyEnter)
	h.contains("changed rule 2")
	ruleExchange(t, c, "ECHO x", "you said x\n!")

	h.key(keyEsc)
	h.contains("Receive")
	h.quit()
}

func TestRulesSurviveRestart(t *testing.T) {
	dir := t.TempDir()
	h := newRulesHarness(t, dir)
	h.key(keyRulesF5)
	h.addRule(2, `^GET (\S+)`, `you asked for $1\n`, true)
	h.quit()

	// A new UI on the same folder puts the saved rules in force at start,
	// before anyone opens the view.
	h2 := newRulesHarness(t, dir)
	c := h2.dial()
	c.Write([]byte("GET /index.html HTTP/1.0\r\n\r\n"))
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if got, err := io.ReadAll(c); err != nil || string(got) != "you asked for /index.html\n" {
		t.Fatalf("after restart: %q, %v", got, err)
	}
	h2.key(keyRulesF5)
	h2.ruleLine(" 1 ", "matches regex", `"^GET (\S+)"`, "+close", "1 hits")
	h2.quit()
}

func TestRulesInvalidRuleIsNotApplied(t *testing.T) {
	dir := t.TempDir()
	h := newRulesHarness(t, dir)
	h.key(keyRulesF5)
	h.addRule(0, "PING", "PONG", false)

	// A regex that does not compile: the error shows, enter does nothing.
	h.key(ruleKey('a'))
	h.key(keyRulesBackTab)
	h.key(keyRulesRight)
	h.key(keyRulesRight)
	h.contains("[matches regex]")
	h.key(keyTab)
	h.tm.Type("(")
	h.contains("✗ pattern: error parsing regexp: missing closing ): `(`")
	h.key(keyEnter)
	h.contains("New rule") // still in the form

	// $3 with one group.
	h.key(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}) // clear the field
	h.tm.Type("(a)")
	h.key(keyDown)
	h.key(keyDown)
	h.tm.Type("$3")
	h.contains("✗ reply: $3 but the pattern has 1 group(s)")
	h.key(keyEnter)
	h.contains("New rule")
	h.key(keyEsc)

	// A bad escape in a contains pattern.
	h.key(ruleKey('a'))
	h.tm.Type(`\xZZ`)
	h.contains(`✗ pattern: line 1, col 1: \x needs two hex digits`)
	h.key(keyEnter)
	h.key(keyEsc)
	h.contains("Auto-reply rules · 1 · first match wins")

	// The working rule is still the one in force and the only one saved.
	c := h.dial()
	ruleExchange(t, c, "PING", "PONG")
	if got, err := autoreply.Load(dir); err != nil || len(got) != 1 || got[0].Pattern != "PING" {
		t.Fatalf("saved %+v, %v", got, err)
	}
	h.quit()
}

func TestRulesUnreadableFileIsKept(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, autoreply.FileName)
	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	h := newRulesHarness(t, dir)
	h.key(keyRulesF5)
	h.contains("cannot read the saved rules")
	h.addRuleUnsaved("PING", "PONG")
	h.contains("not saved automatically")
	c := h.dial()
	ruleExchange(t, c, "PING", "PONG") // in force all the same
	if b, _ := os.ReadFile(path); string(b) != "{not json" {
		t.Fatalf("the unreadable file was overwritten: %q", b)
	}
	h.key(ruleKey('s'))
	h.contains("1 rules · saved to " + filepath.Dir(dir))
	if got, err := autoreply.Load(dir); err != nil || len(got) != 1 {
		t.Fatalf("after s: %+v, %v", got, err)
	}
	h.quit()
}

// addRuleUnsaved adds a contains rule when auto-save is off.
func (h *harness) addRuleUnsaved(pattern, reply string) {
	h.t.Helper()
	h.key(ruleKey('a'))
	h.contains("New rule")
	h.tm.Type(pattern)
	h.key(keyDown)
	h.key(keyDown)
	h.tm.Type(reply)
	h.contains("✓ valid")
	h.key(keyEnter)
}

func TestRulesViewKeysAndTyping(t *testing.T) {
	h := newRulesHarness(t, t.TempDir())
	h.key(keyRulesF5)
	h.contains("No rules yet")
	// Plain letters are the view's: q in the form is text, not quit.
	h.key(ruleKey('a'))
	h.tm.Type("q?")
	h.contains(`the pattern is 2 bytes`)
	h.key(keyEsc)
	h.key(keyRulesF5) // closes the view
	h.contains("Receive")
	h.key(keyRulesF5)
	h.contains("No rules yet")
	h.key(keyF1)
	h.contains("auto-reply rules")
	h.contains("move rule up")
	h.key(keyEsc)
	h.key(keyEsc)
	h.contains("Receive")
	h.quit()
}

func TestRulesUnavailableWithoutActive(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.key(keyRulesF5)
	h.contains("auto-reply rules are not available in this run")
	h.quit()
}

func TestRulesBadSavedRuleIsShownNotApplied(t *testing.T) {
	dir := t.TempDir()
	if err := autoreply.Save(dir, []autoreply.Rule{
		{Match: autoreply.Regex, Pattern: "(", Reply: "never"},
		{Match: autoreply.Contains, Pattern: "PING", Reply: "PONG"},
	}); err != nil {
		t.Fatal(err)
	}
	h := newRulesHarness(t, dir)
	c := h.dial()
	ruleExchange(t, c, "PING", "PONG") // the good rule is in force

	h.key(keyRulesF5)
	h.contains("not applied: rule 1: pattern: error parsing regexp: missing closing ): `(`")
	h.ruleLine("⚠  1", `"("`)
	h.key(keyEnter) // fix it in the form
	h.contains("✗ pattern: error parsing regexp")
	h.key(keyEnd)
	h.tm.Type(`X)`)
	h.contains("✓ valid")
	h.key(keyEnter)
	h.contains("changed rule 1 · saved to")
	h.waitScreen("no error", func(s string) bool { return !strings.Contains(s, "not applied") })
	ruleExchange(t, c, "(X)", "never")
	ruleExchange(t, c, "PING", "PONG")
	h.ruleLine(`"PING"`, "2 hits")
	h.quit()
}

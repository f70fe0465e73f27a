package server

import (
	tea "charm.land/bubbletea/v2"

	"io"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/netassist/netassist/netassist/autoreply"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// newRulesHarness is a running TUI whose server answers by the rules it
// edits, wired as cmd/netassist does, with its rules file in dir.
func newRulesHarness(t *testing.T, dir string) *harness {
	t.Helper()
	return start(t, 120, 30, options{dir: dir, rules: &autoreply.Active{}})
}

// addRule adds a rule through the form: kind is how many times to cycle
// the match (0 contains, 1 prefix, 2 regex).
func (h *harness) addRule(kind int, pattern, reply string, closeAfter bool) {
	h.T.Helper()
	h.Key(tuitest.Plain('a'))
	h.Contains("New rule")
	h.Key(tuitest.ShiftTab) // the match row
	for range kind {
		h.Key(tuitest.Space)
	}
	h.Key(tuitest.Tab) // pattern
	h.Type(pattern)
	h.Key(tuitest.Down) // pattern is hex
	h.Key(tuitest.Down) // reply
	h.Type(reply)
	if closeAfter {
		h.Key(tuitest.Down) // reply is hex
		h.Key(tuitest.Down) // close after
		h.Key(tuitest.Space)
		h.Contains("Close after reply  [x]")
	}
	h.Contains("✓ valid")
	// The Cmd wrote the file: its status is new (the rule's number
	// differs from the last add's).
	before, _, _ := strings.Cut(h.StatusLine(), "│")
	h.Key(tuitest.Enter)
	h.WaitScreen("the rule saved", func(string) bool {
		now, _, _ := strings.Cut(h.StatusLine(), "│")
		return strings.Contains(now, " · saved to ") && now != before
	})
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
	h.T.Helper()
	s := h.WaitScreen(strings.Join(subs, " & "), func(s string) bool { return ruleLineWith(s, subs...) != "" })
	return ruleLineWith(s, subs...)
}

func TestRulesAddMatchHitsDisableMove(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	h := newRulesHarness(t, dir)
	h.Key(tuitest.F5)
	h.Contains("No rules yet")
	h.Contains("a add rule")

	h.addRule(0, "PING", `PONG\r\n`, false)
	h.Contains("added rule 1 · saved to " + filepath.Dir(dir))
	h.addRule(1, "GET ", `HTTP/1.0 200 OK\r\n\r\n`, true)
	h.addRule(2, `^ECHO (\w+)`, `you said $1\n`, false)
	h.Contains("added rule 3")
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
	h.Key(tuitest.Up)
	h.Key(tuitest.Up)
	h.Key(tuitest.Space)
	h.Contains("rule 1 off")
	h.ruleLine(`"PING"`, "off", "2 hits")
	ruleExchange(t, c, "ECHO PING", "you said PING\n")
	h.ruleLine(`"^ECHO`, "2 hits")

	// Move it below the prefix rule: order and counters follow.
	h.Key(tuitest.Plain('J'))
	h.Contains("moved rule 1 to 2")
	h.ruleLine(" 1 ", `"GET "`, "1 hits")
	h.ruleLine(" 2 ", `"PING"`, "off", "2 hits")
	want := []autoreply.Rule{
		{Match: autoreply.Prefix, Pattern: "GET ", Reply: `HTTP/1.0 200 OK\r\n\r\n`, CloseAfter: true},
		{Match: autoreply.Contains, Pattern: "PING", Reply: `PONG\r\n`, Disabled: true},
		{Match: autoreply.Regex, Pattern: `^ECHO (\w+)`, Reply: `you said $1\n`},
	}
	h.WaitScreen("saved order", func(string) bool {
		got, err := autoreply.Load(dir)
		return err == nil && reflect.DeepEqual(got, want)
	})

	// Delete it, and re-enable nothing: PING now gets no reply from rule 2.
	h.Key(tuitest.Plain('x'))
	h.Contains("deleted rule 2")
	h.WaitScreen("saved delete", func(string) bool {
		got, _ := autoreply.Load(dir)
		return len(got) == 2 && got[1].Match == autoreply.Regex
	})
	ruleExchange(t, c, "ECHO again", "you said again\n")

	// Edit the regex rule: enter opens it with its values.
	h.Key(tuitest.Enter)
	h.Contains("Rule 2")
	h.Key(tuitest.Down)
	h.Key(tuitest.Down) // reply
	h.Type("!")
	h.Key(tuitest.Enter)
	h.Contains("changed rule 2")
	ruleExchange(t, c, "ECHO x", "you said x\n!")

	h.Key(tuitest.Esc)
	h.Contains("Receive")
	h.Quit()
}

func TestRulesSurviveRestart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	h := newRulesHarness(t, dir)
	h.Key(tuitest.F5)
	h.addRule(2, `^GET (\S+)`, `you asked for $1\n`, true)
	h.Quit()

	// A new UI on the same folder puts the saved rules in force at start,
	// before anyone opens the view.
	h2 := newRulesHarness(t, dir)
	c := h2.dial()
	c.Write([]byte("GET /index.html HTTP/1.0\r\n\r\n"))
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if got, err := io.ReadAll(c); err != nil || string(got) != "you asked for /index.html\n" {
		t.Fatalf("after restart: %q, %v", got, err)
	}
	h2.Key(tuitest.F5)
	h2.ruleLine(" 1 ", "matches regex", `"^GET (\S+)"`, "+close", "1 hits")
	h2.Quit()
}

func TestRulesInvalidRuleIsNotApplied(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	h := newRulesHarness(t, dir)
	h.Key(tuitest.F5)
	h.addRule(0, "PING", "PONG", false)

	// A regex that does not compile: the error shows, enter does nothing.
	h.Key(tuitest.Plain('a'))
	h.Key(tuitest.ShiftTab)
	h.Key(tuitest.Right)
	h.Key(tuitest.Right)
	h.Contains("[matches regex]")
	h.Key(tuitest.Tab)
	h.Type("(")
	h.Contains("✗ pattern: error parsing regexp: missing closing ): `(`")
	h.Key(tuitest.Enter)
	h.NextFrame()          // drawn after enter
	h.Contains("New rule") // still in the form

	// $3 with one group.
	h.Key(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}) // clear the field
	h.Type("(a)")
	h.Key(tuitest.Down)
	h.Key(tuitest.Down)
	h.Type("$3")
	h.Contains("✗ reply: $3 but the pattern has 1 group(s)")
	h.Key(tuitest.Enter)
	h.NextFrame() // drawn after enter
	h.Contains("New rule")
	h.Key(tuitest.Esc)

	// A bad escape in a contains pattern.
	h.Key(tuitest.Plain('a'))
	h.Type(`\xZZ`)
	h.Contains(`✗ pattern: line 1, col 1: \x needs two hex digits`)
	h.Key(tuitest.Enter)
	h.Key(tuitest.Esc)
	h.Contains("Auto-reply rules · 1 · first match wins")

	// The working rule is still the one in force and the only one saved.
	c := h.dial()
	ruleExchange(t, c, "PING", "PONG")
	if got, err := autoreply.Load(dir); err != nil || len(got) != 1 || got[0].Pattern != "PING" {
		t.Fatalf("saved %+v, %v", got, err)
	}
	h.Quit()
}

func TestRulesUnreadableFileIsKept(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, autoreply.FileName)
	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	h := newRulesHarness(t, dir)
	h.Key(tuitest.F5)
	h.Contains("cannot read the saved rules")
	h.addRuleUnsaved("PING", "PONG")
	h.Contains("not saved automatically")
	c := h.dial()
	ruleExchange(t, c, "PING", "PONG") // in force all the same
	if b, _ := os.ReadFile(path); string(b) != "{not json" {
		t.Fatalf("the unreadable file was overwritten: %q", b)
	}
	h.Key(tuitest.Plain('s'))
	h.Contains("1 rules · saved to " + filepath.Dir(dir))
	if got, err := autoreply.Load(dir); err != nil || len(got) != 1 {
		t.Fatalf("after s: %+v, %v", got, err)
	}
	h.Quit()
}

// addRuleUnsaved adds a contains rule when auto-save is off.
func (h *harness) addRuleUnsaved(pattern, reply string) {
	h.T.Helper()
	h.Key(tuitest.Plain('a'))
	h.Contains("New rule")
	h.Type(pattern)
	h.Key(tuitest.Down)
	h.Key(tuitest.Down)
	h.Type(reply)
	h.Contains("✓ valid")
	h.Key(tuitest.Enter)
}

func TestRulesUnavailableWithoutActive(t *testing.T) {
	t.Parallel()
	h := newHarness(t, 100, 30)
	h.Key(tuitest.F5)
	h.Contains("auto-reply rules are not available in this run")
	h.Quit()
}

func TestRulesBadSavedRuleIsShownNotApplied(t *testing.T) {
	t.Parallel()
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

	h.Key(tuitest.F5)
	h.Contains("not applied: rule 1: pattern: error parsing regexp: missing closing ): `(`")
	h.ruleLine("⚠  1", `"("`)
	h.Key(tuitest.Enter) // fix it in the form
	h.Contains("✗ pattern: error parsing regexp")
	h.Key(tuitest.End)
	h.Type(`X)`)
	h.Contains("✓ valid")
	h.Key(tuitest.Enter)
	h.Contains("changed rule 1 · saved to")
	h.WaitScreen("no error", func(s string) bool { return !strings.Contains(s, "not applied") })
	ruleExchange(t, c, "(X)", "never")
	ruleExchange(t, c, "PING", "PONG")
	h.ruleLine(`"PING"`, "2 hits")
	h.Quit()
}

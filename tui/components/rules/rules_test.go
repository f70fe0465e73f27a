package rules

import (
	"os"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist/autoreply"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// press runs a key (or text, one key per rune) and the Cmd it returns,
// and gives back the status message it set, if any.
func press(v *Model, keys ...any) string {
	var status string
	run := func(cmd tea.Cmd) {
		if cmd == nil {
			return
		}
		if m, ok := cmd().(common.StatusMsg); ok {
			status = m.Text
		}
	}
	for _, k := range keys {
		switch k := k.(type) {
		case string:
			for _, r := range k {
				run(v.Update(tuitest.Plain(r)))
			}
		case tea.Msg:
			run(v.Update(k))
		}
	}
	return status
}

func TestViewSize(t *testing.T) {
	v := New(common.Default(), &autoreply.Active{})
	press(v, tuitest.F5, "a", "PING")
	for _, sz := range tuitest.Sizes {
		v.SetSize(sz[0], sz[1])
		tuitest.CheckSize(t, "rules form", v.View(), sz[0], sz[1])
	}
	press(v, tuitest.Enter)
	for _, sz := range tuitest.Sizes {
		v.SetSize(sz[0], sz[1])
		tuitest.CheckSize(t, "rules list", v.View(), sz[0], sz[1])
	}
}

// Without a config folder the rules work in memory and nothing is saved.
func TestInMemoryWithoutConfigDir(t *testing.T) {
	active := &autoreply.Active{}
	v := New(common.Default(), active)
	v.SetSize(100, 12)
	if st := press(v, tuitest.F5); st != "" || !v.IsOpen() || v.TakesText() {
		t.Fatalf("open: %q %v %v", st, v.IsOpen(), v.TakesText())
	}
	press(v, "a")
	if !v.TakesText() {
		t.Fatal("the form takes no text")
	}
	if st := press(v, "PING", tuitest.Down, tuitest.Down, "PONG", tuitest.Enter); st != "added rule 1" {
		t.Fatalf("status %q", st)
	}
	if r, _, _, ok := active.Rules().Match([]byte("xxPINGxx")); !ok || string(r) != "PONG" {
		t.Fatalf("rule not in force: %q %v", r, ok)
	}
	s := ansi.Strip(v.View())
	if !strings.Contains(s, `"PING" → "PONG"`) || !strings.Contains(s, "1 hits") {
		t.Fatalf("list:\n%s", s)
	}
	if st := press(v, tuitest.Space); st != "rule 1 off" {
		t.Fatalf("status %q", st)
	}
	if _, _, _, ok := active.Rules().Match([]byte("PING")); ok {
		t.Fatal("a disabled rule matched")
	}
	press(v, tuitest.Esc)
	if v.IsOpen() {
		t.Fatal("esc did not close")
	}
}

// A rule that does not compile is never applied; the form says why.
func TestInvalidRuleStaysInTheForm(t *testing.T) {
	dir := t.TempDir()
	c := common.Default()
	c.ConfigDir = dir
	active := &autoreply.Active{}
	v := New(c, active)
	v.SetSize(100, 14)
	press(v, tuitest.F5, "a", tuitest.ShiftTab, tuitest.Right, tuitest.Right, tuitest.Tab, "(")
	if s := ansi.Strip(v.View()); !strings.Contains(s, "[matches regex]") || !strings.Contains(s, "✗ pattern: error parsing regexp: missing closing ): `(`") {
		t.Fatalf("form:\n%s", s)
	}
	press(v, tuitest.Enter)
	if !v.TakesText() || len(v.rows) != 0 {
		t.Fatal("an invalid rule was applied")
	}
	if _, err := os.Stat(dir + "/" + autoreply.FileName); err == nil {
		t.Fatal("a file was written")
	}
	if st := press(v, tuitest.Backspace, "(a)", tuitest.Enter); !strings.HasPrefix(st, "added rule 1 · saved to ") {
		t.Fatalf("status %q", st)
	}
	if got, err := autoreply.Load(dir); err != nil || len(got) != 1 || got[0].Pattern != "(a)" {
		t.Fatalf("saved %+v, %v", got, err)
	}
}

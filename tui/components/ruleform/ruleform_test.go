package ruleform

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist/autoreply"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

func TestViewSize(t *testing.T) {
	f := New(common.Default(), autoreply.Rule{Match: autoreply.Regex, Pattern: "^GET (\\S+)", Reply: "$1"})
	for _, sz := range tuitest.Sizes {
		f.SetSize(sz[0], sz[1])
		tuitest.CheckSize(t, "ruleform", f.View(), sz[0], sz[1])
	}
}

// The form cycles the match and the check boxes, and says at once whether
// the rule compiles.
func TestFieldsAndVerdict(t *testing.T) {
	f := New(common.Default(), autoreply.Rule{Match: autoreply.Contains})
	f.SetSize(90, 9)
	for _, r := range "PING" {
		f.Update(tuitest.Plain(r))
	}
	if s := ansi.Strip(f.View()); !strings.Contains(s, "✓ valid: the pattern is 4 bytes") {
		t.Fatalf("form:\n%s", s)
	}
	f.Update(tuitest.ShiftTab) // the match row
	f.Update(tuitest.Right)
	f.Update(tuitest.Right) // regex
	f.Update(tuitest.Tab)
	for _, r := range "(" {
		f.Update(tuitest.Plain(r))
	}
	if f.Err() == nil || !strings.Contains(ansi.Strip(f.View()), "✗ pattern: error parsing regexp") {
		t.Fatalf("err %v:\n%s", f.Err(), ansi.Strip(f.View()))
	}
	f.Update(tuitest.Backspace)
	f.Update(tuitest.Down) // pattern is hex
	f.Update(tuitest.Space)
	f.Update(tuitest.Down)
	f.Update(tuitest.Down)
	f.Update(tuitest.Down) // close after
	f.Update(tuitest.Space)
	r := f.Rule()
	if r.Match != autoreply.Regex || r.Pattern != "PING" || !r.PatternHex || !r.CloseAfter {
		t.Fatalf("rule %+v", r)
	}
	if Typed("a\x1b[2J\\n") != `a\x1B[2J\n` {
		t.Fatalf("Typed %q", Typed("a\x1b[2J\\n"))
	}
}

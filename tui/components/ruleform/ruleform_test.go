package ruleform

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
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

// A paste into a field is written so the rule reads back exactly the
// pasted bytes (or regex source), on one line; what cannot be kept is
// refused, not dropped.
func TestPasteKeepsBytes(t *testing.T) {
	tests := []struct {
		name    string
		rule    autoreply.Rule
		field   Field
		paste   string
		text    string // the field after
		bytes   string // what the pattern or reply composes to ("": not checked)
		refused string
	}{
		{name: "pattern-crlf", field: FieldPattern, paste: "GET / HTTP/1.1\r\n", text: `GET / HTTP/1.1\r\n`, bytes: "GET / HTTP/1.1\r\n"},
		{name: "pattern-controls", field: FieldPattern, paste: "\x02a\tb\x00\xff\\", text: `\x02a\tb\x00\xFF\\`, bytes: "\x02a\tb\x00\xff\\"},
		{name: "reply-dollars", field: FieldReply, paste: "cost $1 $$ $x\n", text: `cost $$1 $$$ $x\n`, bytes: "cost $1 $$ $x\n"},
		{name: "regex-source", rule: autoreply.Rule{Match: autoreply.Regex}, field: FieldPattern,
			paste: "^GET (\\S+)\t\r\n", text: `^GET (\S+)\t\r\n`},
		{name: "regex-esc", rule: autoreply.Rule{Match: autoreply.Regex}, field: FieldPattern,
			paste: "a\x1bb\u202e", text: `a\x{1B}b\x{202E}`},
		{name: "regex-not-utf8", rule: autoreply.Rule{Match: autoreply.Regex}, field: FieldPattern,
			paste: "a\xffb", refused: `byte \xFF`},
		{name: "hex", rule: autoreply.Rule{PatternHex: true}, field: FieldPattern,
			paste: "48 54\r\n54\t50", text: "48 54 54 50", bytes: "HTTP"},
		// tmux's paste-buffer sends a CRLF file's line ends as CR CR: they
		// are CR LF again, as in the send editor (breaker report 1 #10).
		{name: "pattern-crcr", field: FieldPattern, paste: "PI\r\rNG\x1b[1m", text: `PI\r\nNG\x1B[1m`, bytes: "PI\r\nNG\x1b[1m"},
		{name: "reply-crcr", field: FieldReply, paste: "HTTP/1.1 200 OK\r\r\r\rhi", text: `HTTP/1.1 200 OK\r\n\r\nhi`, bytes: "HTTP/1.1 200 OK\r\n\r\nhi"},
		{name: "regex-crcr", rule: autoreply.Rule{Match: autoreply.Regex}, field: FieldPattern,
			paste: "^GET\r\r", text: `^GET\r\n`},
		{name: "pattern-lone-cr", field: FieldPattern, paste: "a\rb", text: `a\rb`, bytes: "a\rb"},
		{name: "too-long", field: FieldReply, paste: strings.Repeat("x", 4097), refused: "at most 4096"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := New(common.Default(), tt.rule)
			f.SetField(tt.field)
			cmd := f.Update(tea.PasteMsg{Content: tt.paste})
			in := f.input()
			if tt.refused != "" {
				msg, _ := cmd().(common.StatusMsg)
				if in.Value() != "" || !msg.Err || !strings.Contains(msg.Text, tt.refused) {
					t.Fatalf("field %q, status %+v; want refused with %q", in.Value(), msg, tt.refused)
				}
				return
			}
			if in.Value() != tt.text {
				t.Fatalf("field %q, want %q", in.Value(), tt.text)
			}
			if tt.rule.Match == autoreply.Regex {
				if f.Err() != nil {
					t.Fatalf("regex: %v", f.Err())
				}
				return
			}
			r := f.Rule()
			src, hex := r.Pattern, r.PatternHex
			if tt.field == FieldReply {
				src, hex = r.Reply, r.ReplyHex
			}
			var got []byte
			if tt.field == FieldReply {
				got = replyBytes(t, src)
			} else {
				got, _ = ruleBytes(src, hex)
			}
			if string(got) != tt.bytes {
				t.Fatalf("composes to %q, want %q", got, tt.bytes)
			}
		})
	}
}

// replyBytes is what a compiled rule with reply s sends for a read that
// matches it.
func replyBytes(t *testing.T, s string) []byte {
	t.Helper()
	rs, err := autoreply.Compile([]autoreply.Rule{{Pattern: "", Reply: s}})
	if err != nil {
		t.Fatal(err)
	}
	reply, _, _, ok := rs.Match([]byte("anything"))
	if !ok {
		t.Fatal("no match")
	}
	return reply
}

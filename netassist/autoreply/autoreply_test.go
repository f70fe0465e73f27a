package autoreply

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/netassist/netassist/netassist"
)

func mustCompile(t *testing.T, rules ...Rule) *Rules {
	t.Helper()
	rs, err := Compile(rules)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func TestMatch(t *testing.T) {
	rs := mustCompile(t,
		Rule{Match: Prefix, Pattern: `\x01\x03`, Reply: "01 83 02", ReplyHex: true},
		Rule{Match: Regex, Pattern: `^GET (\S+) HTTP/1\.[01]\r\n`, Reply: `HTTP/1.0 200 OK\r\n\r\nyou asked for $1, $$5 please`, CloseAfter: true},
		Rule{Match: Regex, Pattern: `(a)|(b)`, Reply: `[$1|$2]`},
		Rule{Match: Contains, Pattern: "PING", Reply: `PONG\r\n`},
		Rule{Match: Contains, Pattern: "off", Reply: "never", Disabled: true},
		Rule{Pattern: "48 45", PatternHex: true, Reply: `hex "$0" cost $ 3`},
	)
	tests := []struct {
		in    string
		reply string
		close bool
		index int
		ok    bool
	}{
		{"\x01\x03\x00\x00", "\x01\x83\x02", false, 0, true},
		{"x\x01\x03", "", false, -1, false},
		{"GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.0 200 OK\r\n\r\nyou asked for /index.html, $5 please", true, 1, true},
		{"xbx", "[|b]", false, 2, true},
		{"a", "[a|]", false, 2, true},
		{"... PING ...", "PONG\r\n", false, 3, true},
		{"HELLO", `hex "HE" cost $ 3`, false, 5, true},
		{"off", "", false, -1, false},
		{"", "", false, -1, false},
	}
	for _, tt := range tests {
		reply, closeAfter, idx, ok := rs.Match([]byte(tt.in))
		if string(reply) != tt.reply || closeAfter != tt.close || idx != tt.index || ok != tt.ok {
			t.Errorf("Match(%q) = %q, %v, %d, %v; want %q, %v, %d, %v",
				tt.in, reply, closeAfter, idx, ok, tt.reply, tt.close, tt.index, tt.ok)
		}
	}
	want := []uint64{1, 1, 2, 1, 0, 1}
	for i, h := range rs.Hits() {
		if h != want[i] {
			t.Errorf("Hits()[%d] = %d, want %d (all: %v)", i, h, want[i], rs.Hits())
		}
	}
}

func TestMatchFirstWins(t *testing.T) {
	rs := mustCompile(t,
		Rule{Match: Contains, Pattern: "b", Reply: "first"},
		Rule{Match: Prefix, Pattern: "a", Reply: "second"},
		Rule{Match: Contains, Pattern: "", Reply: "catch-all"},
	)
	for in, want := range map[string]string{"ab": "first", "ac": "second", "zz": "catch-all"} {
		if got, _, _, _ := rs.Match([]byte(in)); string(got) != want {
			t.Errorf("Match(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMatchNil(t *testing.T) {
	var rs *Rules
	if _, _, i, ok := rs.Match([]byte("x")); ok || i != -1 {
		t.Errorf("nil Rules matched")
	}
	if rs.Len() != 0 || rs.Hits() != nil || rs.List() != nil {
		t.Errorf("nil Rules not empty")
	}
	var a Active
	if _, ok := a.AutoReply(1, []byte("x"), true); ok {
		t.Error("empty Active replied")
	}
}

// The reply is a new slice: the server reuses its read buffer.
func TestReplyDoesNotAlias(t *testing.T) {
	rs := mustCompile(t, Rule{Match: Regex, Pattern: `(.*)`, Reply: "$1"})
	in := []byte("abc")
	out, _, _, _ := rs.Match(in)
	in[0] = 'X'
	if string(out) != "abc" {
		t.Errorf("reply changed with the input: %q", out)
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		rule Rule
		msg  string
	}{
		{Rule{Match: "suffix"}, `rule 2: unknown match "suffix"`},
		{Rule{Match: Regex, Pattern: `(`}, "rule 2: pattern: error parsing regexp"},
		{Rule{Match: Regex, Pattern: "41", PatternHex: true}, "cannot be hex"},
		{Rule{Pattern: `\q`}, `rule 2: pattern: line 1, col 1: unknown escape \q`},
		{Rule{Pattern: "4", PatternHex: true}, "lone hex digit"},
		{Rule{Reply: "zz", ReplyHex: true}, "rule 2: reply: line 1, col 1: invalid hex digit"},
		{Rule{Reply: `ok $$ then \z`}, `rule 2: reply: line 1, col 12: unknown escape \z`},
		{Rule{Reply: `$1`}, "$1 but the pattern has 0 group(s)"},
		{Rule{Match: Regex, Pattern: `(a)`, Reply: `$2`}, "$2 but the pattern has 1 group(s)"},
	}
	for _, tt := range tests {
		_, err := Compile([]Rule{{Pattern: "ok"}, tt.rule})
		if err == nil || !errors.Is(err, ErrRule) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("Compile(%+v) error = %v, want ErrRule containing %q", tt.rule, err, tt.msg)
		}
	}
}

func TestReplyDollars(t *testing.T) {
	rs := mustCompile(t, Rule{Match: Regex, Pattern: `(x)(y)?`, Reply: `$$1=$1 $2|$ $x $0$$`})
	got, _, _, _ := rs.Match([]byte("x"))
	if want := "$1=x |$ $x x$"; string(got) != want {
		t.Errorf("reply = %q, want %q", got, want)
	}
}

func TestListDefaultsMatch(t *testing.T) {
	rs := mustCompile(t, Rule{Pattern: "a", Reply: "b"})
	if got := rs.List(); len(got) != 1 || got[0].Match != Contains {
		t.Errorf("List() = %+v", got)
	}
	if s := rs.List()[0].String(); s != `contains "a" → "b"` {
		t.Errorf("String() = %q", s)
	}
	r := Rule{Match: Prefix, Pattern: "\x1b]0;", PatternHex: false, Reply: "0d 0a", ReplyHex: true, CloseAfter: true, Disabled: true}
	if s := r.String(); s != `prefix "\x1b]0;" → hex "0d 0a" (close) (off)` {
		t.Errorf("String() = %q", s)
	}
}

// Reader goroutines count hits while the UI reads them and swaps rules.
func TestConcurrentHits(t *testing.T) {
	rs := mustCompile(t, Rule{Pattern: "x", Reply: "y"})
	var a Active
	a.Set(rs)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 1000 {
				a.AutoReply(1, []byte("x"), false)
			}
		})
	}
	wg.Go(func() {
		for range 100 {
			_ = a.Rules().Hits()
		}
	})
	wg.Wait()
	if h := rs.Hits()[0]; h != 8000 {
		t.Errorf("hits = %d, want 8000", h)
	}
	a.Set(nil)
	if _, ok := a.AutoReply(1, []byte("x"), false); ok {
		t.Error("replied after Set(nil)")
	}
}

// Both adapters fit the server hook.
var (
	_ func(netassist.ConnID, []byte, bool) (netassist.Reply, bool) = (*Active)(nil).AutoReply
	_ func(netassist.ConnID, []byte, bool) (netassist.Reply, bool) = (*Rules)(nil).AutoReply
)

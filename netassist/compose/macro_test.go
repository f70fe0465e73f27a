package compose

import (
	"errors"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fixedEnv has a fixed clock and a seeded random source.
func fixedEnv() *MacroEnv {
	at := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	return &MacroEnv{
		Now:  func() time.Time { return at },
		Rand: rand.New(rand.NewPCG(1, 2)),
		Sent: 41,
	}
}

func TestExpand(t *testing.T) {
	firstRandom := strconv.FormatUint(uint64(rand.New(rand.NewPCG(1, 2)).Uint32()), 10)
	tests := []struct{ name, in, want string }{
		{"none", "hello", "hello"},
		{"empty", "", ""},
		{"date", "{{date}}", "2025-03-04"},
		{"time", "at {{time}}!", "at 05:06:07!"},
		{"unix", "{{unix}}", "1741064767"},
		{"seq", "#{{seq}}", "#42"},
		{"random", "{{random}}", firstRandom},
		{"several", "{{date}}T{{time}} n={{seq}}{{seq}}", "2025-03-04T05:06:07 n=4242"},
		{"escape", "{{{{}}date}}", "{{date}}"},
		{"escape-alone", "a{{{{}}b", "a{{b"},
		{"json-braces", `{{"a":1}}`, `{{"a":1}}`},
		{"spaced", "{{ date }}", "{{ date }}"},
		{"triple", "{{{seq}}}", "{42}"},
		{"unclosed", "{{date", "{{date"},
		{"single-close", "{{date}", "{{date}"},
		{"lone-braces", "{{}}", "{{}}"},
		{"binary", "\x00{{seq}}\xff", "\x0042\xff"},
		{"content-length-crlf",
			"POST / HTTP/1.1\r\nContent-Length: {{content_length}}\r\n\r\nseq={{seq}}",
			"POST / HTTP/1.1\r\nContent-Length: 6\r\n\r\nseq=42"},
		{"content-length-lf",
			"HTTP/1.1 200 OK\nContent-Length: {{content_length}}\n\n{{date}}\n",
			"HTTP/1.1 200 OK\nContent-Length: 11\n\n2025-03-04\n"},
		{"content-length-empty-body",
			"HTTP/1.1 204 No Content\r\nContent-Length: {{content_length}}\r\n\r\n",
			"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n"},
		{"content-length-twice",
			"X: {{content_length}}\nY: {{content_length}}\n\n{{{{}}",
			"X: 2\nY: 2\n\n{{"},
		{"content-length-body-starts-with-macro",
			"A: {{content_length}}\r\n\r\n{{unix}}",
			"A: 10\r\n\r\n1741064767"},
		{"content-length-body-starts-with-brace",
			"A: {{content_length}}\n\n{x",
			"A: 2\n\n{x"},
		{"content-length-utf8-bytes",
			"A: {{content_length}}\n\n你好",
			"A: 6\n\n你好"},
		{"blank-first-line", "\n{{seq}}", "\n42"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Expand([]byte(tt.in), fixedEnv())
			if err != nil {
				t.Fatalf("Expand(%q): %v", tt.in, err)
			}
			if string(got) != tt.want {
				t.Errorf("Expand(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestExpandErrors(t *testing.T) {
	tests := []struct {
		in     string
		name   string
		offset int
		msg    string
	}{
		{"a{{nope}}", "nope", 1, "unknown macro {{nope}} (known: {{date}}"},
		{"{{DATE}}", "DATE", 0, "unknown macro {{DATE}}"},
		{"{{seq}}{{x1}}", "x1", 7, "unknown macro {{x1}}"},
		{"no body {{content_length}}", "content_length", 8, "must stand in the headers"},
		{"A: 1\n\nbody {{content_length}}", "content_length", 11, "must stand in the headers"},
	}
	for _, tt := range tests {
		_, err := Expand([]byte(tt.in), fixedEnv())
		var me *MacroError
		if !errors.As(err, &me) {
			t.Errorf("Expand(%q) error = %v, want *MacroError", tt.in, err)
			continue
		}
		if me.Name != tt.name || me.Offset != tt.offset || !strings.Contains(me.Error(), tt.msg) {
			t.Errorf("Expand(%q) error = %q (name %q, offset %d), want name %q, offset %d, containing %q",
				tt.in, me.Error(), me.Name, me.Offset, tt.name, tt.offset, tt.msg)
		}
	}
}

// Expand never advances the counter: previews are free, the caller
// advances once per send.
func TestExpandSeqAdvance(t *testing.T) {
	var env MacroEnv // zero value: the first send is 1
	for want := 1; want <= 3; want++ {
		for range 2 { // a preview, then the send
			got, err := Expand([]byte("{{seq}}"), &env)
			if err != nil || string(got) != strconv.Itoa(want) {
				t.Fatalf("Expand = %q, %v; want %d", got, err, want)
			}
		}
		env.Advance()
	}
	if env.Sent != 3 || env.Seq() != 4 {
		t.Errorf("Sent = %d, Seq = %d", env.Sent, env.Seq())
	}
}

func TestExpandDefaults(t *testing.T) {
	got, err := Expand([]byte("{{seq}} {{random}} {{unix}}"), nil)
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(string(got))
	if len(f) != 3 || f[0] != "1" {
		t.Fatalf("Expand with nil env = %q", got)
	}
	if _, err := strconv.ParseUint(f[1], 10, 32); err != nil {
		t.Errorf("{{random}} = %q: %v", f[1], err)
	}
	unix, _ := strconv.ParseInt(f[2], 10, 64)
	if d := time.Since(time.Unix(unix, 0)); d < -time.Minute || d > time.Minute {
		t.Errorf("{{unix}} = %d, far from now", unix)
	}
}

func TestExpandDoesNotModifyInput(t *testing.T) {
	in := []byte("{{seq}} and more text")
	orig := string(in)
	if _, err := Expand(in[:7], fixedEnv()); err != nil {
		t.Fatal(err)
	}
	if string(in) != orig {
		t.Errorf("input changed to %q", in)
	}
}

func TestHasMacros(t *testing.T) {
	for in, want := range map[string]bool{
		"":                    false,
		"plain":               false,
		`{{"json":1}}`:        false,
		"{{ seq }}":           false,
		"{{seq}}":             true,
		"x {{unknown}}":       true, // Expand must run to report it
		"{{{{}}":              true,
		"{ {{ {{seq}}":        true,
		"{{seq":               false,
		"{{content_length}}x": true,
	} {
		if got := HasMacros([]byte(in)); got != want {
			t.Errorf("HasMacros(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestBuild(t *testing.T) {
	env := fixedEnv()
	o := DefaultOptions()
	got, err := Build("POST /n/{{seq}} HTTP/1.1\nContent-Length: {{content_length}}\n\nt={{time}}\\r\\n", o, env)
	if err != nil {
		t.Fatal(err)
	}
	want := "POST /n/42 HTTP/1.1\r\nContent-Length: 12\r\n\r\nt=05:06:07\r\n"
	if string(got) != want {
		t.Errorf("Build = %q, want %q", got, want)
	}

	// FixContentLength runs after expansion, so it counts expanded bytes.
	o.FixContentLength = true
	got, err = Build("HTTP/1.1 200 OK\nContent-Length: 1\n\n{{date}}", o, env)
	if err != nil {
		t.Fatal(err)
	}
	if want := "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n2025-03-04"; string(got) != want {
		t.Errorf("Build with FixContentLength = %q, want %q", got, want)
	}

	// Errors from both stages come through.
	var ce *Error
	if _, err := Build(`\q`, o, env); !errors.As(err, &ce) {
		t.Errorf("Build(bad escape) error = %v", err)
	}
	var me *MacroError
	if _, err := Build("{{bad}}", o, env); !errors.As(err, &me) {
		t.Errorf("Build(bad macro) error = %v", err)
	}
}

func FuzzExpand(f *testing.F) {
	f.Add([]byte("A: {{content_length}}\r\n\r\n{{seq}}{{{{}}"))
	f.Add([]byte("{{{date}}}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		out, err := Expand(b, fixedEnv())
		if err != nil {
			var me *MacroError
			if !errors.As(err, &me) {
				t.Fatalf("error %v is not a *MacroError", err)
			}
			return
		}
		if !HasMacros(b) && string(out) != string(b) {
			t.Fatalf("Expand(%q) = %q without macros", b, out)
		}
	})
}

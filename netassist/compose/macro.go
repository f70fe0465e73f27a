package compose

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"
)

// MacroEnv is what macros expand from. The zero value works: {{seq}} is 1
// for the first send, the clock is time.Now and {{random}} uses the
// process-wide random source. It is not safe for concurrent use; it belongs
// to one send box (or one repeat loop).
type MacroEnv struct {
	// Now returns the time {{date}}, {{time}} and {{unix}} show; nil means
	// time.Now. Tests set a fixed clock.
	Now func() time.Time
	// Rand is the source of {{random}}; nil means the process-wide source.
	// Tests set a seeded one (rand.New(rand.NewPCG(1, 2))).
	Rand *rand.Rand
	// Sent is the number of sends done so far. {{seq}} expands to Sent+1,
	// the number of the send being prepared, so a preview and the send it
	// shows agree. Expand never changes it: the caller calls Advance once
	// per send actually made (a preview is not a send).
	Sent uint64
}

// Seq is the value {{seq}} expands to now: Sent+1.
func (e *MacroEnv) Seq() uint64 { return e.Sent + 1 }

// Advance records one send, so the next expansion's {{seq}} is one more.
func (e *MacroEnv) Advance() { e.Sent++ }

// MacroError is an unknown or misplaced macro. Offset is the position of
// its "{{" in the bytes given to Expand.
type MacroError struct {
	Name   string
	Offset int
	Msg    string
}

// Error formats e as `unknown macro {{dat}} (known: …)`.
func (e *MacroError) Error() string {
	return e.Msg
}

// Macros lists the macro names Expand knows, in the order help shows them.
func Macros() []string {
	return []string{"date", "time", "unix", "seq", "random", "content_length"}
}

const knownMacros = " (known: {{date}} {{time}} {{unix}} {{seq}} {{random}} {{content_length}}; {{{{}} for a literal {{)"

// maxMacroName bounds the name scanned between "{{" and "}}".
const maxMacroName = 32

// HasMacros reports whether b contains anything Expand would replace (or
// reject), so a send box can skip expansion and show a static preview.
func HasMacros(b []byte) bool {
	for i := 0; ; i++ {
		j := bytes.Index(b[i:], []byte("{{"))
		if j < 0 {
			return false
		}
		i += j
		if _, _, ok := macroAt(b, i); ok {
			return true
		}
	}
}

// macroAt reports whether a macro starts at b[i] ("{{" is there): the name
// between "{{" and the first "}}" is either "{{" (the escape) or a run of
// 1 to 32 ASCII letters, digits and underscores. It returns the name and
// the offset after the closing "}}".
func macroAt(b []byte, i int) (name string, end int, ok bool) {
	rest := b[i+2:]
	if bytes.HasPrefix(rest, []byte("{{}}")) {
		return "{{", i + 6, true
	}
	n := 0
	for n < len(rest) && n <= maxMacroName && isNameByte(rest[n]) {
		n++
	}
	if n == 0 || n > maxMacroName || !bytes.HasPrefix(rest[n:], []byte("}}")) {
		return "", 0, false
	}
	return string(rest[:n]), i + 2 + n + 2, true
}

func isNameByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// Expand replaces the macros in b, the bytes a send box composed (after
// escapes and line breaks, so {{content_length}} counts what is sent):
//
//	{{date}}            2006-01-02, local time
//	{{time}}            15:04:05, local time
//	{{unix}}            seconds since 1970 (decimal)
//	{{seq}}             env.Seq(): 1 for the first send, then 2, 3, …
//	{{random}}          a random uint32 (decimal), new on each expansion
//	{{content_length}}  the byte length of the body: what follows the first
//	                    empty line (CRLF or bare LF line ends), after every
//	                    other macro in the message is expanded
//	{{{{}}              a literal "{{" (so "{{{{}}date}}" sends "{{date}}")
//
// A macro is "{{", a name of ASCII letters, digits or underscores, and
// "}}"; names are case-sensitive. Any other text with braces, such as JSON's
// "{{" or "{{ x }}", is sent as it is. An unknown name, or
// {{content_length}} without an empty line before it (it must stand in the
// headers, since the body cannot contain its own length), is a
// *MacroError naming it; nothing should be sent then.
//
// Expand does not advance env.Sent (see MacroEnv). All macros in one call
// see the same instant. The result is a new slice; b is not modified. A nil
// env is the zero MacroEnv.
func Expand(b []byte, env *MacroEnv) ([]byte, error) {
	if env == nil {
		env = &MacroEnv{}
	}
	var (
		out      = make([]byte, 0, len(b)+16)
		now      time.Time
		haveNow  bool
		clHoles  []int // offsets in out where the content length goes
		bodyFrom = bodyStart(b)
	)
	clock := func() time.Time {
		if !haveNow {
			if env.Now != nil {
				now = env.Now()
			} else {
				now = time.Now()
			}
			haveNow = true
		}
		return now
	}
	outBody := -1 // offset of the body in out, once known
	i := 0
	// literal copies b[i:to] to out, noting where the body starts in out
	// if it starts in that range. (Macros never hold a line break, so the
	// body starts in literal text, at a macro or at the end.)
	literal := func(to int) {
		if outBody < 0 && bodyFrom >= i && bodyFrom < to {
			outBody = len(out) + bodyFrom - i
		}
		out = append(out, b[i:to]...)
		i = to
	}
	for i < len(b) {
		j := bytes.Index(b[i:], []byte("{{"))
		if j < 0 {
			literal(len(b))
			break
		}
		literal(i + j)
		name, end, ok := macroAt(b, i)
		if !ok {
			literal(i + 1) // a "{" that starts no macro
			continue
		}
		if i == bodyFrom && outBody < 0 {
			outBody = len(out)
		}
		switch name {
		case "{{":
			out = append(out, "{{"...)
		case "date":
			out = clock().AppendFormat(out, "2006-01-02")
		case "time":
			out = clock().AppendFormat(out, "15:04:05")
		case "unix":
			out = strconv.AppendInt(out, clock().Unix(), 10)
		case "seq":
			out = strconv.AppendUint(out, env.Seq(), 10)
		case "random":
			var r uint32
			if env.Rand != nil {
				r = env.Rand.Uint32()
			} else {
				r = rand.Uint32()
			}
			out = strconv.AppendUint(out, uint64(r), 10)
		case "content_length":
			if bodyFrom < 0 || i >= bodyFrom {
				return nil, &MacroError{Name: name, Offset: i,
					Msg: "{{content_length}} must stand in the headers, before the empty line that starts the body"}
			}
			clHoles = append(clHoles, len(out))
		default:
			return nil, &MacroError{Name: name, Offset: i,
				Msg: fmt.Sprintf("unknown macro {{%s}}", name) + knownMacros}
		}
		i = end
	}
	if len(clHoles) == 0 {
		return out, nil
	}
	if outBody < 0 {
		outBody = len(out) // empty body
	}
	want := strconv.AppendInt(nil, int64(len(out)-outBody), 10)
	filled := make([]byte, 0, len(out)+len(clHoles)*len(want))
	prev := 0
	for _, h := range clHoles {
		filled = append(filled, out[prev:h]...)
		filled = append(filled, want...)
		prev = h
	}
	return append(filled, out[prev:]...), nil
}

// bodyStart returns the offset after the first empty line of b (a line
// break directly after a line break, or at the very start), or -1.
func bodyStart(b []byte) int {
	for start := 0; ; {
		line, next, _, ok := readLine(b, start)
		if !ok {
			return -1
		}
		if len(line) == 0 {
			return next
		}
		start = next
	}
}

// Build is the text-mode send pipeline: Text with o's escapes and line
// breaks, then Expand, then FixContentLength if o asks for it — in that
// order, so both lengths count the expanded bytes that are sent. Hex-mode
// input has no macros; use Hex for it.
func Build(s string, o Options, env *MacroEnv) ([]byte, error) {
	fix := o.FixContentLength
	o.FixContentLength = false
	b, err := Text(s, o)
	if err != nil {
		return nil, err
	}
	if b, err = Expand(b, env); err != nil {
		return nil, err
	}
	if fix {
		b, _ = FixContentLength(b)
	}
	return b, nil
}

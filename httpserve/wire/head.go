package wire

import (
	"strings"
)

// Field is one field line as it was sent: name with its case, in wire
// order. Offsets are relative to the first byte of the head it is in.
type Field struct {
	// Name is exactly as sent; "" for a line that has no colon (its text
	// is then in Value, so nothing is silently dropped).
	Name string
	// Value is without the whitespace around it; lines folded onto it
	// (obs-fold) are joined with one space, as net/textproto joins them.
	Value string
	// Off is where the field's line starts (its name); ValueOff where its
	// value starts on that line (after the colon and any whitespace).
	Off, ValueOff int
}

// Head is a parsed message head: start line, fields, and what is wrong
// with them.
type Head struct {
	// Raw is the head as given: empty lines skipped before the start
	// line (Skip bytes), the start line, the field lines and, if
	// Complete, the empty line that ends them. It aliases the bytes given
	// to ParseHead.
	Raw      []byte
	Skip     int
	Start    StartLine
	StartOK  bool // Start is a valid request or status line
	Fields   []Field
	Complete bool // the empty line that ends the head is in Raw
	// Findings are the problems seen in the head, offsets relative to
	// Raw[0]; nil when there are none.
	Findings []Finding
}

// ParseHead parses the head at the start of b, up to and including the
// empty line that ends it, or all of b if there is none (a head still
// arriving, or cut short; Complete is then false). A status line
// ("HTTP/…") makes it a response head, anything else a request head.
func ParseHead(b []byte) *Head {
	h := &Head{Skip: SkipEmptyLines(b)}
	if h.Skip > 0 {
		h.Findings = append(h.Findings, leadingEmpty(h.Skip))
	}
	end := HeadEnd(b)
	if end < 0 {
		end = len(b)
	} else {
		h.Complete = true
	}
	h.Raw = b[:end]
	s := string(h.Raw)
	off := h.Skip
	if off >= len(s) {
		return h
	}
	h.Fields = make([]Field, 0, strings.Count(s[off:], "\n"))
	l := CutLine(h.Raw, off)
	text := s[l.Off:l.End()]
	if strings.HasPrefix(text, "HTTP/") {
		h.Start, h.StartOK = ParseStatusLine(text)
	} else {
		h.Start, h.StartOK = ParseRequestLine(text)
	}
	if !h.StartOK {
		h.Findings = append(h.Findings, finding(CodeBadStartLine, Error, l.Off, quote(text)))
	}
	h.eol(l)
	for off = l.Next(); off < len(s); off = l.Next() {
		l = CutLine(h.Raw, off)
		if l.Len == 0 && l.EOL != EOLNone {
			h.eol(l)
			break // the empty line
		}
		h.field(s, l)
		h.eol(l)
	}
	if h.StartOK && h.Start.Request {
		h.requestFindings()
	}
	return h
}

// eol notes a bare LF.
func (h *Head) eol(l Line) {
	if l.EOL == EOLLF {
		h.Findings = append(h.Findings, finding(CodeBareLF, Warning, l.End()))
	}
}

// field reads one field line (or a continuation of the previous one).
func (h *Head) field(s string, l Line) {
	h.Fields, h.Findings = appendField(h.Fields, h.Findings, s[l.Off:l.End()], l.Off)
}

// appendField reads a non-empty field line that starts at off: a new field,
// or (leading whitespace) a continuation of the last one. Trailer fields
// are read the same way.
func appendField(fields []Field, fs []Finding, line string, off int) ([]Field, []Finding) {
	if line[0] == ' ' || line[0] == '\t' {
		if len(fields) == 0 {
			// net/textproto refuses a first field line that starts with
			// whitespace.
			fs = append(fs, finding(CodeObsFold, Error, off, quote(line)))
			return append(fields, Field{Value: trimOWS(line), Off: off, ValueOff: off}), fs
		}
		f := &fields[len(fields)-1]
		fs = append(fs, finding(CodeObsFold, Warning, off, quote(f.Name)))
		if more := trimOWS(line); more != "" {
			if f.Value == "" {
				f.Value = more
			} else {
				f.Value += " " + more
			}
		}
		return fields, fs
	}
	name, value, ok := strings.Cut(line, ":")
	if !ok {
		fs = append(fs, finding(CodeNoColon, Error, off, quote(line)))
		return append(fields, Field{Value: line, Off: off, ValueOff: off}), fs
	}
	if !isToken(name) {
		fs = append(fs, finding(CodeBadHeaderName, Error, off, quote(name)))
	}
	v := trimOWS(value)
	voff := off + len(name) + 1 + (len(value) - len(strings.TrimLeft(value, " \t")))
	for i := 0; i < len(v); i++ {
		if c := v[i]; (c < 0x20 && c != '\t') || c == 0x7f {
			fs = append(fs, finding(CodeBadHeaderValue, Error, voff+i, quote(name)))
			break
		}
	}
	return append(fields, Field{Name: name, Value: v, Off: off, ValueOff: voff}), fs
}

func trimOWS(s string) string { return strings.Trim(s, " \t") }

// Values returns the values of every field called name (ASCII case
// insensitive), in wire order.
func (h *Head) Values(name string) []string { return Values(h.Fields, name) }

// Get returns the value of the first field called name, or "".
func (h *Head) Get(name string) string {
	for _, f := range h.Fields {
		if EqualFold(f.Name, name) {
			return f.Value
		}
	}
	return ""
}

// Values returns the values of every field in fields called name (ASCII
// case insensitive, as net/http canonicalises names), in wire order.
func Values(fields []Field, name string) []string {
	var out []string
	for _, f := range fields {
		if EqualFold(f.Name, name) {
			out = append(out, f.Value)
		}
	}
	return out
}

// HasToken reports whether comma-separated field values contain token
// (ASCII case insensitive), as in "Connection: keep-alive, close".
func HasToken(values []string, token string) bool {
	for _, v := range values {
		for t := range strings.SplitSeq(v, ",") {
			if EqualFold(trimOWS(t), token) {
				return true
			}
		}
	}
	return false
}

// EqualFold is ASCII-only case-insensitive equality: field names are
// ASCII tokens, and Unicode folding would let "ſ" match "s".
func EqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// LineKind says what a line of a head is.
type LineKind uint8

const (
	LineSkip  LineKind = iota // an empty line before the start line
	LineStart                 // the request or status line
	LineField                 // a field line (Field says which)
	LineFold                  // a continuation of the field before it (obs-fold)
	LineEnd                   // the empty line that ends the head
)

// HeadLine is one wire line of a head with the part it plays.
type HeadLine struct {
	Line
	Kind  LineKind
	Field int // index in Head.Fields for LineField and LineFold, else -1
}

// Lines returns the head's wire lines, each with its kind: what annotate
// prints one by one. Offsets are relative to Raw[0].
func (h *Head) Lines() []HeadLine {
	out := make([]HeadLine, 0, len(h.Fields)+3)
	off := 0
	for off < h.Skip {
		l := CutLine(h.Raw[:h.Skip], off)
		if l.EOL == EOLNone || l.Len > 0 { // a lone CR: keep it whole
			l = Line{Span: Span{off, h.Skip - off}}
		}
		out = append(out, HeadLine{Line: l, Kind: LineSkip, Field: -1})
		off = l.Next()
	}
	fi := -1
	for first := true; off < len(h.Raw); first = false {
		l := CutLine(h.Raw, off)
		hl := HeadLine{Line: l, Field: -1}
		switch {
		case first:
			hl.Kind = LineStart
		case l.Len == 0 && l.EOL != EOLNone:
			hl.Kind = LineEnd
		case fi+1 < len(h.Fields) && h.Fields[fi+1].Off == l.Off:
			fi++
			hl.Kind, hl.Field = LineField, fi
		default:
			hl.Kind, hl.Field = LineFold, fi
		}
		out = append(out, hl)
		off = l.Next()
		if hl.Kind == LineEnd {
			break
		}
	}
	return out
}

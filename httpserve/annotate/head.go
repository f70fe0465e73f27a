package annotate

import (
	"encoding/base64"
	"net/url"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/httpserve/glossary"
	"github.com/netassist/netassist/httpserve/wire"
	"github.com/netassist/netassist/netassist/render"
)

// maxValueWidth bounds a value from the wire quoted in a note, in cells:
// the line above shows it whole.
const maxValueWidth = 48

// show renders a value from the wire for a note: sanitized by
// netassist/render and cut to maxValueWidth cells.
func show(s string) string { return ansi.Truncate(render.String([]byte(s)), maxValueWidth, "…") }

// title names a message: "request 1 · GET / · 644 bytes".
func (a *annotator) title(i int, response bool, m *wire.Message) string {
	h := m.Head
	what := a.t.Request(i + 1)
	if response {
		what = a.t.Response(i + 1)
		if c := h.Start.Code; c >= 100 && c < 200 && h.StartOK {
			what = a.t.Interim(i + 1)
		}
	}
	parts := []string{what}
	if h.StartOK && response {
		parts = append(parts, show(h.Start.Text))
	} else if h.StartOK {
		parts = append(parts, show(h.Start.Method+" "+h.Start.Target))
	}
	parts = append(parts, a.p.Bytes(int64(m.Len)))
	return strings.Join(parts, " · ")
}

// head annotates the head's lines.
func (a *annotator) head(m *wire.Message) []Segment {
	h := m.Head
	lines := h.Lines()
	out := make([]Segment, 0, len(lines))
	for _, hl := range lines {
		s := Segment{Off: m.Off + hl.Off, Len: hl.Next() - hl.Off, EOL: hl.EOL}
		switch hl.Kind {
		case wire.LineSkip:
			s.Kind = KindSkip
		case wire.LineStart:
			s.Kind = KindStart
			a.start(&s, h)
		case wire.LineField:
			s.Kind = KindField
			a.field(&s, h.Fields[hl.Field], m.Off, h.Start.Request)
		case wire.LineFold:
			s.Kind = KindFold
		case wire.LineEnd:
			s.Kind = KindBlank
			s.Notes = append(s.Notes, Note{Kind: NoteExplain, Text: a.p.BlankLine})
		}
		out = append(out, s)
	}
	return out
}

// start annotates the request or status line.
func (a *annotator) start(s *Segment, h *wire.Head) {
	st := h.Start
	names := [3]string{a.p.Method, a.p.Target, a.p.Version}
	if !st.Request {
		names = [3]string{a.p.Version, a.p.StatusCode, a.p.ReasonPhrase}
	}
	base := s.Off + h.Skip
	var said []string
	for i, sp := range st.Parts {
		if sp.Len == 0 && i > 0 {
			continue
		}
		s.Parts = append(s.Parts, Part{Off: base + sp.Off, Len: sp.Len, Name: names[i]})
		said = append(said, names[i]+" "+show(st.Text[sp.Off:sp.End()]))
	}
	if !h.StartOK {
		return // check's bad-start-line says why
	}
	line := strings.Join(said, " · ")
	if s.EOL == wire.EOLCRLF {
		line += " · " + a.p.CRLF
	}
	s.Notes = append(s.Notes, Note{Kind: NoteExplain, Text: line})
	if st.Request {
		a.requestLine(s, st)
	} else {
		a.statusLine(s, st)
	}
	if v := a.t.Version(st.Major, st.Minor); v != "" {
		s.Notes = append(s.Notes, Note{Kind: NoteExplain, Text: v})
	}
}

// requestLine explains the method and the target.
func (a *annotator) requestLine(s *Segment, st wire.StartLine) {
	if m, ok := a.t.Methods[st.Method]; ok {
		s.Notes = append(s.Notes, Note{Kind: NoteExplain, Text: st.Method + a.t.Colon + m})
	} else {
		s.Notes = append(s.Notes, Note{Kind: NoteExplain, Text: show(st.Method) + a.t.Colon + a.t.UnknownMethod})
	}
	tg := st.Target
	form := a.t.OriginForm
	switch {
	case tg == "*":
		form = a.t.AsteriskForm
	case strings.Contains(tg, "://"):
		form = a.t.AbsoluteForm
	case !strings.HasPrefix(tg, "/"):
		form = a.t.AuthorityForm
	}
	s.Notes = append(s.Notes, Note{Kind: NoteExplain, Text: show(tg) + a.t.Colon + form})
	if strings.Contains(tg, "%") {
		if dec, err := url.PathUnescape(tg); err == nil && dec != tg {
			s.Notes = append(s.Notes, Note{Kind: NoteValue, Text: a.t.PercentDecoded(show(dec))})
		}
	}
}

// statusLine explains the status code and the reason phrase.
func (a *annotator) statusLine(s *Segment, st wire.StartLine) {
	code := st.Code
	c, ok := glossary.LookupStatus(code)
	if !ok {
		s.Notes = append(s.Notes, Note{Kind: NoteStatus, Text: a.p.UnknownStatus(code)})
		return
	}
	s.Notes = append(s.Notes, Note{Kind: NoteStatus, Ref: c.Ref,
		Text: c.Class.Label(a.o.Lang) + " · " + c.Text.In(a.o.Lang)})
	if st.Reason != c.Reason && c.Reason != "" {
		s.Notes = append(s.Notes, Note{Kind: NoteExplain, Text: a.t.ReasonDiffers(c.Reason)})
	}
}

// field annotates one field line: its name and value, the glossary's
// explanation, and what its value says.
func (a *annotator) field(s *Segment, f wire.Field, base int, request bool) {
	if f.Name == "" {
		return // no colon: check says so
	}
	s.Parts = append(s.Parts,
		Part{Off: base + f.Off, Len: len(f.Name), Name: a.p.HeaderName},
		Part{Off: base + f.ValueOff, Len: valueLen(a.src, base+f.ValueOff, s.Off+s.Len-s.EOL.Len()), Name: a.p.HeaderValue})
	if g, ok := glossary.Lookup(f.Name); ok {
		text := g.Text.In(a.o.Lang)
		if g.Status != glossary.Permanent {
			text += " (" + g.Status.Label(a.o.Lang) + ")"
		}
		s.Notes = append(s.Notes, Note{Kind: NoteExplain, Text: text, Ref: g.Ref})
	} else if r, ok := glossary.LookupRegistry(f.Name); ok {
		s.Notes = append(s.Notes, Note{Kind: NoteExplain, Text: a.p.RegisteredOnly(r), Ref: r.Ref})
	} else {
		s.Notes = append(s.Notes, Note{Kind: NoteExplain, Text: a.p.NotRegistered})
	}
	kind := glossary.Response
	if request {
		kind = glossary.Request
	}
	for _, v := range a.values(kind, f) {
		s.Notes = append(s.Notes, Note{Kind: NoteValue, Text: v})
	}
}

// valueLen is the length of the value that starts at off on a line whose
// text ends at end, without trailing whitespace.
func valueLen(src []byte, off, end int) int {
	for end > off && (src[end-1] == ' ' || src[end-1] == '\t') {
		end--
	}
	return max(end-off, 0)
}

// qFields are the fields whose items carry q-values (RFC 9110 §12.4.2).
var qFields = []string{"Accept", "Accept-Encoding", "Accept-Language", "TE", "Accept-Charset"}

// maxValueNotes bounds the value notes of one field.
const maxValueNotes = 6

// values reads a field's value out: q-values, or the meaning of each
// directive or token the glossary knows.
func (a *annotator) values(kind glossary.Kind, f wire.Field) []string {
	for _, q := range qFields {
		if wire.EqualFold(f.Name, q) {
			return []string{a.qvalues(f.Value)}
		}
	}
	var out []string
	if wire.EqualFold(f.Name, "Authorization") || wire.EqualFold(f.Name, "Proxy-Authorization") {
		if scheme, cred, ok := strings.Cut(f.Value, " "); ok && strings.EqualFold(scheme, "Basic") {
			if dec, err := base64.StdEncoding.DecodeString(strings.TrimSpace(cred)); err == nil {
				out = append(out, a.t.BasicDecoded(show(string(dec))))
			}
		}
	}
	seen := map[string]bool{}
	for item := range strings.SplitSeq(f.Value, ",") {
		tok := strings.TrimSpace(item)
		if i := strings.IndexAny(tok, ";="); i >= 0 {
			tok = strings.TrimSpace(tok[:i])
		}
		key := strings.ToLower(tok)
		if tok == "" || seen[key] {
			continue
		}
		seen[key] = true
		if v, ok := glossary.LookupValue(kind, f.Name, tok); ok {
			out = append(out, show(tok)+a.t.Colon+v.Text.In(a.o.Lang))
		}
		if len(out) == maxValueNotes {
			break
		}
	}
	return out
}

// qvalues reads a q-value list out: "gzip preferred, q=1 · br refused,
// q=0". An item is preferred only when it alone has the highest weight:
// the order of equal weights means nothing (RFC 9110 §12.4.2), so
// "gzip, deflate, br" prefers none of them.
func (a *annotator) qvalues(v string) string {
	type item struct {
		name, q string
		w       int
	}
	var items []item
	best := -1
	for raw := range strings.SplitSeq(v, ",") {
		name, params, _ := strings.Cut(raw, ";")
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		it := item{name: name, q: "1", w: 1000}
		for p := range strings.SplitSeq(params, ";") {
			k, val, _ := strings.Cut(p, "=")
			if strings.EqualFold(strings.TrimSpace(k), "q") {
				it.q = strings.TrimSpace(val)
				it.w = weight(it.q)
			}
		}
		items = append(items, it)
	}
	for i, it := range items {
		switch {
		case it.w <= 0:
		case best < 0 || it.w > items[best].w:
			best = i
		}
	}
	for i, it := range items {
		if best >= 0 && i != best && it.w == items[best].w {
			best = -1 // a tie: no single preference
			break
		}
	}
	parts := make([]string, len(items))
	for i, it := range items {
		name, q := show(it.name), show(it.q)
		switch {
		case i == best:
			parts[i] = a.p.QPreferred(name, q)
		case it.w <= 0:
			parts[i] = a.p.QRefused(name, q)
		default:
			parts[i] = a.p.QAccepted(name, q)
		}
	}
	return strings.Join(parts, " · ")
}

// weight reads a qvalue ("0", "0.5", "1.000") in thousandths; anything
// else counts as 0, as a recipient would ignore it.
func weight(q string) int {
	if q == "" || len(q) > 5 || (q[0] != '0' && q[0] != '1') {
		return 0
	}
	w := int(q[0]-'0') * 1000
	if len(q) > 1 {
		if q[1] != '.' {
			return 0
		}
		scale := 100
		for _, c := range q[2:] {
			if c < '0' || c > '9' {
				return 0
			}
			w += int(c-'0') * scale
			scale /= 10
		}
	}
	return min(w, 1000)
}

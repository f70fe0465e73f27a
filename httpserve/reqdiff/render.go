package reqdiff

import (
	"fmt"

	"github.com/netassist/netassist/httpserve/annotate"
	"github.com/netassist/netassist/httpserve/glossary"
	"github.com/netassist/netassist/netassist/i18n"
	"github.com/netassist/netassist/netassist/render"
)

// text is what Render says, in one language.
type text struct {
	Legend     string
	Changed    string
	Moved      func(after string) string // after "" : it came first
	CaseOnly   string
	BodySame   func(size string) string
	BodyDiffer func(a, b string) string
	Summary    func(added, removed, changed, moved int) string
	Same       string // the summary when nothing differs
}

var texts = map[i18n.Lang]text{
	i18n.English: {
		Legend:  "+ only in B · - only in A · ~ another value · ↕ moved · = the same",
		Changed: "value differs",
		Moved: func(after string) string {
			if after == "" {
				return "moved: in A it came first"
			}
			return "moved: in A it came after " + after
		},
		CaseOnly: "name in another case (the same field: names ignore case)",
		BodySame: func(size string) string { return "body: the same (" + size + ")" },
		BodyDiffer: func(a, b string) string {
			return "body: differs (A " + a + ", B " + b + ")"
		},
		Summary: func(added, removed, changed, moved int) string {
			return fmt.Sprintf("%d added, %d removed, %d changed, %d moved", added, removed, changed, moved)
		},
		Same: "the same start line and fields",
	},
	i18n.Chinese: {
		Legend:  "+ 只在 B 中 · - 只在 A 中 · ~ 值不同 · ↕ 位置变了 · = 相同",
		Changed: "值不同",
		Moved: func(after string) string {
			if after == "" {
				return "位置变了：在 A 中它排在最前"
			}
			return "位置变了：在 A 中它在 " + after + " 之后"
		},
		CaseOnly: "名称大小写不同（仍是同一字段：字段名不区分大小写）",
		BodySame: func(size string) string { return "正文：相同（" + size + "）" },
		BodyDiffer: func(a, b string) string {
			return "正文：不同（A " + a + "，B " + b + "）"
		},
		Summary: func(added, removed, changed, moved int) string {
			return fmt.Sprintf("新增 %d，删除 %d，修改 %d，移动 %d", added, removed, changed, moved)
		},
		Same: "起始行和字段都相同",
	},
}

// Markers of the field lines: added in B, only in A, another value,
// moved, the same.
const (
	markAdded   = "+"
	markRemoved = "-"
	markChanged = "~"
	markMoved   = "↕"
	markSame    = "="
)

// Render lays d out as text lines of at most width cells (at least 20),
// in language l: the start lines, their parts, each field marked + (only
// in B), - (only in A), ~ (another value, both shown), ↕ (moved) or =
// (the same), the bodies and a summary. Names and values are rendered by
// netassist/render; style may be nil.
func (d *Diff) Render(l i18n.Lang, width int, style annotate.Style) []string {
	if style == nil {
		style = func(_ annotate.Role, s string) string { return s }
	}
	width = max(width, 20)
	t := texts[l]
	p := glossary.PhrasesIn(l)
	var out []string
	add := func(role annotate.Role, indent, s string) {
		for i, line := range wrap(s, width-len(indent)-2) {
			pre := indent
			if i > 0 {
				pre += "  "
			}
			out = append(out, pre+style(role, line))
		}
	}
	add(annotate.RoleTitle, "", "A: "+show(d.StartA))
	add(annotate.RoleTitle, "", "B: "+show(d.StartB))
	add(annotate.RoleNote, "", t.Legend)
	names := [3]string{p.Method, p.Target, p.Version}
	section, fieldsTitle := p.RequestLine, p.RequestHeaders
	if d.Response {
		names = [3]string{p.Version, p.StatusCode, p.ReasonPhrase}
		section, fieldsTitle = p.StatusLine, p.ResponseHeaders
	}
	out = append(out, style(annotate.RoleSection, section))
	for i, pt := range d.Parts {
		if pt.Changed {
			add(annotate.RoleWarning, "  ", markChanged+" "+names[i]+": "+show(pt.A)+" → "+show(pt.B))
		} else {
			add(annotate.RoleWire, "  ", markSame+" "+names[i]+": "+show(pt.A))
		}
	}
	out = append(out, style(annotate.RoleSection, fieldsTitle))
	var added, removed, changed, moved int
	for _, f := range d.Fields {
		var notes []string
		mark, role := markSame, annotate.RoleWire
		switch f.Op {
		case Added:
			mark, role = markAdded, annotate.RoleValue
			added++
		case Removed:
			mark, role = markRemoved, annotate.RoleError
			removed++
		case Changed:
			mark, role = markChanged, annotate.RoleWarning
			changed++
		}
		if f.Moved {
			if f.Op == Same {
				mark, role = markMoved, annotate.RoleFraming
			}
			notes = append(notes, t.Moved(show(f.AfterA)))
			moved++
		}
		if f.CaseOnly {
			notes = append(notes, t.CaseOnly+": "+show(f.NameA)+" / "+show(f.NameB))
		}
		if f.Op == Changed {
			add(role, "  ", mark+" "+show(f.Name())+": "+t.Changed)
			add(annotate.RoleNote, "      ", "A: "+show(f.ValueA))
			add(annotate.RoleNote, "      ", "B: "+show(f.ValueB))
		} else {
			v := f.ValueB
			if f.Op == Removed {
				v = f.ValueA
			}
			add(role, "  ", mark+" "+show(f.Name())+": "+show(v))
		}
		for _, n := range notes {
			add(annotate.RoleNote, "      ", "· "+n)
		}
	}
	if d.BodySame {
		add(annotate.RoleWire, "", t.BodySame(p.Bytes(int64(len(d.BodyA)))))
	} else {
		add(annotate.RoleWarning, "", t.BodyDiffer(p.Bytes(int64(len(d.BodyA))), p.Bytes(int64(len(d.BodyB)))))
	}
	if d.Same() {
		add(annotate.RoleTitle, "", t.Same)
	} else {
		add(annotate.RoleTitle, "", t.Summary(added, removed, changed, moved))
	}
	return out
}

// show renders a name or value from the wire.
func show(s string) string { return render.String([]byte(s)) }

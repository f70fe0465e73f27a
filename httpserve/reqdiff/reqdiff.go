// Package reqdiff compares two HTTP/1.x requests (or responses) the way a
// teacher reads them side by side — Chromium against curl, a first load
// against a reload with If-None-Match: the start line part by part, then
// the header fields one by one in wire order, each added, removed,
// changed, moved or the same. Names and values stay as sent (case
// included); fields are matched by name, case-insensitively, the n-th
// field of a name in one message with the n-th of that name in the other.
//
// Compare is a pure function over bytes (framing by httpserve/wire);
// Render lays a Diff out as text lines for the CLI, and a TUI pane can
// draw the Diff's fields itself.
package reqdiff

import (
	"bytes"
	"strings"

	"github.com/netassist/netassist/httpserve/wire"
)

// Op is what happened to a field from A to B.
type Op uint8

// Field operations.
const (
	Same    Op = iota // in both, same value (names may differ in case: CaseOnly)
	Added             // only in B
	Removed           // only in A
	Changed           // in both, another value
)

var opNames = [...]string{"same", "added", "removed", "changed"}

// String is "same", "added", "removed" or "changed".
func (o Op) String() string {
	if int(o) < len(opNames) {
		return opNames[o]
	}
	return "unknown"
}

// Field is one header field of the comparison.
type Field struct {
	Op Op
	// NameA, NameB are the field's name as each message sent it ("" where
	// absent); ValueA, ValueB its values.
	NameA, NameB   string
	ValueA, ValueB string
	// IndexA, IndexB are the field's positions among the fields of each
	// message, from 0; -1 where absent.
	IndexA, IndexB int
	// Moved: in both, but in another order relative to the other fields
	// both share (it may be Changed too). AfterA is then the name of the
	// field it followed in A ("" when it came first).
	Moved  bool
	AfterA string
	// CaseOnly: the names differ only in case ("sec-ch-ua" and
	// "Sec-CH-UA"), which means nothing in HTTP/1.
	CaseOnly bool
}

// Name is the field's name as B sent it, or as A did when B has none.
func (f Field) Name() string {
	if f.NameB != "" {
		return f.NameB
	}
	return f.NameA
}

// Part is one part of the start line in both messages.
type Part struct {
	Index   int // 0, 1, 2: method, target, version (or version, code, reason)
	A, B    string
	Changed bool
}

// Diff is the comparison of two messages.
type Diff struct {
	// Response: the two are responses (else requests); Mixed: one is a
	// request and the other a response (the parts are still compared).
	Response, Mixed bool
	// StartA, StartB are the start lines; Parts their three parts.
	StartA, StartB string
	Parts          [3]Part
	// Fields are in B's wire order, each field only in A placed after the
	// field it followed in A.
	Fields []Field
	// BodyA, BodyB are the bodies as framed (content, without chunk
	// framing); BodySame says whether they are equal.
	BodyA, BodyB []byte
	BodySame     bool
}

// Changes counts the fields that are not the same (moved counts).
func (d *Diff) Changes() int {
	n := 0
	for _, f := range d.Fields {
		if f.Op != Same || f.Moved {
			n++
		}
	}
	return n
}

// Same reports whether nothing differs: start line, fields (order and
// name case aside from CaseOnly, which means nothing) and body.
func (d *Diff) Same() bool {
	for _, p := range d.Parts {
		if p.Changed {
			return false
		}
	}
	return d.Changes() == 0 && d.BodySame
}

// Compare compares the first message of a with the first message of b.
// Bytes that hold no message compare as a message with no start line and
// no fields.
func Compare(a, b []byte) *Diff {
	ma, mb := first(a), first(b)
	d := &Diff{}
	ra, rb := wire.IsResponse(a), wire.IsResponse(b)
	d.Response, d.Mixed = ra && rb, ra != rb
	var fa, fb []wire.Field
	if ma != nil && ma.Head != nil {
		d.StartA, fa, d.BodyA = ma.Head.Start.Text, named(ma.Head.Fields), ma.Body
	}
	if mb != nil && mb.Head != nil {
		d.StartB, fb, d.BodyB = mb.Head.Start.Text, named(mb.Head.Fields), mb.Body
	}
	pa, pb := parts(ma), parts(mb)
	for i := range d.Parts {
		d.Parts[i] = Part{Index: i, A: pa[i], B: pb[i], Changed: pa[i] != pb[i]}
	}
	d.Fields = fields(fa, fb)
	d.BodySame = bytes.Equal(d.BodyA, d.BodyB)
	return d
}

// first is the first message of b, or nil.
func first(b []byte) *wire.Message {
	msgs, _, _ := wire.ParseAll(b)
	if len(msgs) == 0 {
		return nil
	}
	return msgs[0]
}

// named drops the lines without a colon (wire keeps them with an empty
// name): they are no fields.
func named(fs []wire.Field) []wire.Field {
	out := make([]wire.Field, 0, len(fs))
	for _, f := range fs {
		if f.Name != "" {
			out = append(out, f)
		}
	}
	return out
}

// parts splits a message's start line into its three parts.
func parts(m *wire.Message) [3]string {
	var p [3]string
	if m == nil || m.Head == nil {
		return p
	}
	s := m.Head.Start
	for i, sp := range s.Parts {
		if sp.End() <= len(s.Text) {
			p[i] = s.Text[sp.Off:sp.End()]
		}
	}
	return p
}

// key matches fields: the lower-cased name and its occurrence among the
// fields of that name.
type key struct {
	name string
	nth  int
}

func keys(fs []wire.Field) []key {
	seen := map[string]int{}
	out := make([]key, len(fs))
	for i, f := range fs {
		n := strings.ToLower(f.Name)
		out[i] = key{n, seen[n]}
		seen[n]++
	}
	return out
}

// fields compares two lists of fields.
func fields(fa, fb []wire.Field) []Field {
	ka, kb := keys(fa), keys(fb)
	inA := make(map[key]int, len(ka))
	for i, k := range ka {
		inA[k] = i
	}
	// match[j] is the index in A of B's j-th field, or -1.
	match := make([]int, len(kb))
	matchedA := make([]bool, len(ka))
	bOf := make([]int, len(ka)) // for a matched A field, its index in B
	var common []int            // indexes in B of matched fields, B order
	for j, k := range kb {
		i, ok := inA[k]
		if !ok {
			match[j] = -1
			continue
		}
		match[j], matchedA[i], bOf[i] = i, true, j
		common = append(common, j)
	}
	// The matched fields that keep their relative order are a longest
	// increasing run of their A positions; the rest moved.
	seq := make([]int, len(common))
	for x, j := range common {
		seq[x] = match[j]
	}
	kept := lis(seq)
	moved := make([]bool, len(kb))
	for x, j := range common {
		moved[j] = !kept[x]
	}
	// Fields only in A go after the B field matched to the A field they
	// followed (or first, when none before them is matched).
	after := map[int][]int{} // B index (-1: the top) → A indexes
	for i := range fa {
		if matchedA[i] {
			continue
		}
		anchor := -1
		for k := i - 1; k >= 0; k-- {
			if matchedA[k] {
				anchor = bOf[k]
				break
			}
		}
		after[anchor] = append(after[anchor], i)
	}
	out := make([]Field, 0, len(fa)+len(fb))
	removed := func(anchor int) {
		for _, i := range after[anchor] {
			out = append(out, Field{Op: Removed, NameA: fa[i].Name, ValueA: fa[i].Value, IndexA: i, IndexB: -1})
		}
	}
	removed(-1)
	for j, f := range fb {
		i := match[j]
		if i < 0 {
			out = append(out, Field{Op: Added, NameB: f.Name, ValueB: f.Value, IndexA: -1, IndexB: j})
		} else {
			a := fa[i]
			op := Same
			if a.Value != f.Value {
				op = Changed
			}
			fd := Field{Op: op, NameA: a.Name, NameB: f.Name, ValueA: a.Value, ValueB: f.Value,
				IndexA: i, IndexB: j, Moved: moved[j], CaseOnly: a.Name != f.Name}
			if fd.Moved && i > 0 {
				fd.AfterA = fa[i-1].Name
			}
			out = append(out, fd)
		}
		removed(j)
	}
	return out
}

// lis marks a longest strictly increasing subsequence of seq (patience
// sorting, O(n log n)).
func lis(seq []int) []bool {
	keep := make([]bool, len(seq))
	if len(seq) == 0 {
		return keep
	}
	tails := []int{}              // index in seq of the smallest tail of each length
	prev := make([]int, len(seq)) // predecessor in the run ending here
	for i, v := range seq {
		lo, hi := 0, len(tails)
		for lo < hi {
			mid := (lo + hi) / 2
			if seq[tails[mid]] < v {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		prev[i] = -1
		if lo > 0 {
			prev[i] = tails[lo-1]
		}
		if lo == len(tails) {
			tails = append(tails, i)
		} else {
			tails[lo] = i
		}
	}
	for i := tails[len(tails)-1]; i >= 0; i = prev[i] {
		keep[i] = true
	}
	return keep
}

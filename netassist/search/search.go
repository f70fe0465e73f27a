// Package search finds text or bytes in what a capture store still holds
// (issue 15 item 6): the engine behind `/`, `n` and `N` in a receive or raw
// pane.
//
// Text is searched in its shown form: each connection's direction is
// rendered as one stream by package render (DESIGN.md §5, in the pane's
// encoding), so `\r\n`, `\x1B` or `\\` are found as they are typed, and a
// character split across two reads is one character. Hex queries
// ("48 54 54 50") search the bytes. A match may span reads: chunks of the
// same connection and direction follow each other, whatever came between
// them from other connections.
//
// Searches read the store in windows of chunks, each copy under the
// store's lock once, and check their context between windows, so the TUI
// runs them in a Cmd off the UI goroutine and cancels a search the user
// has replaced (Request carries a generation to drop stale results).
package search

import (
	"bytes"
	"context"
	"errors"
	"math"
	"strings"
	"time"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/compose"
	"github.com/netassist/netassist/netassist/render"
)

// Query is what to look for.
type Query struct {
	// Text is the text as typed: its shown form (`\r\n` finds CR LF), or
	// with Hex, pairs of hex digits ("48 54 54 50"). Real line breaks in
	// Text are ignored: the shown form has none of its own.
	Text string
	// Hex says Text is bytes in hex.
	Hex bool
	// Enc is the encoding the pane decodes text with (render.UTF8 by
	// default); it decides the shown form.
	Enc render.Encoding
	// IgnoreCase matches ASCII letters of either case.
	IgnoreCase bool
	// SkipOut leaves sent bytes out, as a pane that hides them.
	SkipOut bool
}

// Pos is a place in the capture: byte Off of the chunk whose sequence
// number is Seq (netassist.Chunk.Seq).
type Pos struct {
	Seq uint64
	Off int
}

// Less orders positions as a pane shows them.
func (p Pos) Less(o Pos) bool { return p.Seq < o.Seq || (p.Seq == o.Seq && p.Off < o.Off) }

// End is a position after everything: Find backward from End finds the
// last match.
var End = Pos{Seq: math.MaxUint64}

// Match is one occurrence. Its bytes are [Start, End) in the connection's
// direction: End lies in a later chunk of the same connection and
// direction when the match spans reads. In text, a match covers every
// byte of the characters it touches (an escape such as `\xE4` stands for
// its byte).
type Match struct {
	Conn netassist.ConnID
	Dir  netassist.Dir
	// Start is the first byte; End is just after the last one (End.Off
	// may equal the length of its chunk).
	Start, End Pos
	// Offset is the first byte's offset in the connection's stream in
	// Dir (netassist.Chunk.Offset counts the same way); Len the bytes.
	Offset int64
	Len    int64
}

// In returns the part [lo, hi) of chunk c's Data that m covers, ok false
// if none (another connection, direction or place).
func (m Match) In(c *netassist.Chunk) (lo, hi int, ok bool) {
	if c.Kind != netassist.KindData || c.Conn != m.Conn || c.Dir != m.Dir {
		return 0, 0, false
	}
	a := max(m.Offset, c.Offset)
	b := min(m.Offset+m.Len, c.Offset+int64(len(c.Data)))
	if a >= b {
		return 0, 0, false
	}
	return int(a - c.Offset), int(b - c.Offset), true
}

// ErrEmpty is the error of a query with nothing to look for.
var ErrEmpty = errors.New("search: nothing to look for")

// pattern is a compiled query.
type pattern struct {
	q   Query
	pat []byte // the shown text (folded with IgnoreCase) or the bytes
}

// compile checks q. A bad hex query returns compose's *Error, which names
// the line and column.
func compile(q Query) (*pattern, error) {
	p := &pattern{q: q}
	if q.Hex {
		b, err := compose.Hex(q.Text)
		if err != nil {
			return nil, err
		}
		p.pat = b
	} else {
		p.pat = []byte(strings.ReplaceAll(strings.ReplaceAll(q.Text, "\r", ""), "\n", ""))
		if q.IgnoreCase {
			foldASCII(p.pat)
		}
	}
	if len(p.pat) == 0 {
		return nil, ErrEmpty
	}
	return p, nil
}

// Find returns the first match of q that starts at or after from, in the
// order f shows chunks (arrival order), or with backward the last one
// that starts before from; found is false when there is none. It reads
// everything the store still holds past from (before it, backward) until
// it finds one, in windows, and returns ctx's error if ctx ends first.
// For `n` pass the current match's Start one byte on
// (Pos{Start.Seq, Start.Off+1}); for `N` its Start.
func Find(ctx context.Context, st *netassist.Store, f netassist.Filter, q Query, from Pos, backward bool) (m Match, found bool, err error) {
	p, err := compile(q)
	if err != nil {
		return Match{}, false, err
	}
	s := &searcher{st: st, p: p}
	if backward {
		return s.backward(ctx, f, from)
	}
	return s.forward(ctx, f, from)
}

// Visible returns the matches of q that cover some byte of chunks — what
// a pane shows, consecutive chunks in its filter's order, as the store
// returned them — in order of their start, at most max (0: no limit).
// Matches that begin before the first chunk or end after the last are
// included.
func Visible(ctx context.Context, st *netassist.Store, q Query, chunks []netassist.Chunk, max int) ([]Match, error) {
	p, err := compile(q)
	if err != nil {
		return nil, err
	}
	s := &searcher{st: st, p: p}
	return s.visible(ctx, chunks, max)
}

// Request is one search the UI asks for; Gen is its generation, so the
// UI can drop the result of a search it has since replaced.
type Request struct {
	Gen      uint64
	Filter   netassist.Filter
	Query    Query
	From     Pos
	Backward bool
}

// Result is what Run found.
type Result struct {
	Gen     uint64
	Match   Match
	Found   bool
	Err     error // the query's error, or ctx's when cancelled
	Elapsed time.Duration
}

// Run runs r's search (Find) and returns its result tagged with r.Gen:
// the body of a Bubble Tea Cmd, with ctx cancelled when a newer search
// starts.
func (r Request) Run(ctx context.Context, st *netassist.Store) Result {
	start := time.Now()
	m, found, err := Find(ctx, st, r.Filter, r.Query, r.From, r.Backward)
	return Result{Gen: r.Gen, Match: m, Found: found, Err: err, Elapsed: time.Since(start)}
}

// foldASCII lowers ASCII letters in place (lengths never change, so
// offsets stay valid).
func foldASCII(b []byte) {
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
}

// appendFlat appends the rendered text s without its real line breaks
// (those String writes after each `\n` marker), folded if asked.
func appendFlat(dst []byte, s string, fold bool) []byte {
	start := len(dst)
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			dst = append(dst, s...)
			break
		}
		dst = append(dst, s[:i]...)
		s = s[i+1:]
	}
	if fold {
		foldASCII(dst[start:])
	}
	return dst
}

// flatLen is the length appendFlat would add for s.
func flatLen(s string) int { return len(s) - strings.Count(s, "\n") }

// occurrences calls yield with the offset of each occurrence of pat in
// flat, ascending (overlapping ones too), until yield returns false.
func occurrences(flat, pat []byte, yield func(x int) bool) {
	for from := 0; from+len(pat) <= len(flat); {
		i := bytes.Index(flat[from:], pat)
		if i < 0 {
			return
		}
		if !yield(from + i) {
			return
		}
		from += i + 1
	}
}

// occurrencesBack is occurrences in descending order. It searches blocks
// from the end forwards (bytes.Index is vectorised; LastIndex is not, and
// was a quarter of a backward search's time).
func occurrencesBack(flat, pat []byte, yield func(x int) bool) {
	const block = 64 << 10
	var xs []int
	for hi := len(flat); hi > 0; {
		lo := max(hi-block, 0)
		xs = xs[:0]
		// Occurrences starting in [lo, hi).
		occurrences(flat[lo:min(hi+len(pat)-1, len(flat))], pat, func(x int) bool {
			xs = append(xs, lo+x)
			return true
		})
		for i := len(xs) - 1; i >= 0; i-- {
			if !yield(xs[i]) {
				return
			}
		}
		hi = lo
	}
}

package docpane

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist/compose"
	"github.com/netassist/netassist/netassist/render"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/searchfield"
)

// Search in the document (issue 15 item 6): `/` opens the field, enter
// finds every match in the lines the pane holds (one exchange, bounded by
// the Web tab, so it runs at once), n goes to the next one down, N back.
// Text is found in the shown form, across wrapped rows (a row that begins
// with common.ContinuationMark continues the one before), so `\r\n` and
// `\x1B` are found as they are drawn; a hex query ("x:1f 8b") is found as
// bytes in the hex view and, in the text view, as the text those bytes are
// shown as. The matches are drawn highlighted, the current one bold.

// maxDocMatches bounds the matches kept for one query.
const maxDocMatches = 10_000

// rowSpan is part of a match on one row: bytes [from, to) of the row's
// text (styles stripped).
type rowSpan struct{ row, from, to int }

// docSearch is the pane's search.
type docSearch struct {
	field   searchfield.Model
	typed   string
	matches [][]rowSpan // each match's parts, in document order
	cur     int
	builtAt Key // the lines the matches were found in
}

// Searching reports whether a query is in force (n and N apply).
func (d *Model) Searching() bool { return d.srch.typed != "" }

// searchInput gives msg to the open field; enter finds what was typed.
func (d *Model) searchInput(msg tea.Msg) tea.Cmd {
	cmd, typed, ok := d.srch.field.Update(msg)
	if !ok {
		return cmd
	}
	d.srch.typed, d.srch.matches = typed, nil
	if typed == "" {
		return nil
	}
	if err := d.find(); err != nil {
		d.srch.typed = ""
		return common.Status(fmt.Sprintf(d.c.Text.Recv.SearchBad, err), true)
	}
	// The first match at or below the top of the view.
	d.srch.cur = 0
	top, _ := d.doc.TopRow()
	for i, m := range d.srch.matches {
		if m[0].row >= top {
			d.srch.cur = i
			break
		}
	}
	return d.showMatch()
}

// step moves to the next match down (+1) or up (-1), wrapping around.
func (d *Model) step(dir int) tea.Cmd {
	d.refind()
	n := len(d.srch.matches)
	if n == 0 {
		return d.showMatch()
	}
	d.srch.cur = (d.srch.cur + dir + n) % n
	return d.showMatch()
}

// showMatch scrolls the current match into view and says where it is.
func (d *Model) showMatch() tea.Cmd {
	rt := &d.c.Text.Recv
	n := len(d.srch.matches)
	if n == 0 {
		return common.Status(fmt.Sprintf(rt.SearchNone, common.Typed(d.srch.typed)), true)
	}
	row := d.srch.matches[d.srch.cur][0].row
	if top, _ := d.doc.TopRow(); row < top || row >= top+d.rows() {
		d.doc.ScrollTo(max(row-1, 0))
	}
	msg := fmt.Sprintf(rt.DocFound, d.srch.cur+1, n)
	if n >= maxDocMatches {
		msg += fmt.Sprintf(rt.DocTooMany, maxDocMatches)
	}
	return common.Status(msg, false)
}

// refind finds the query again when the lines changed under it.
func (d *Model) refind() {
	if d.srch.typed != "" && d.srch.builtAt != d.key {
		cur := d.srch.cur
		d.find() // the query compiled before: no error now
		d.srch.cur = min(cur, max(len(d.srch.matches)-1, 0))
	}
}

// find fills matches with the query's matches in the lines.
func (d *Model) find() error {
	d.srch.matches, d.srch.builtAt = nil, d.key
	q := searchfield.Parse(d.srch.typed)
	var pat []byte
	switch {
	case q.Hex:
		b, err := compose.Hex(q.Text)
		if err != nil {
			return err
		}
		pat = b
	case d.key.Hex:
		b, err := render.Unescape(q.Text)
		if err != nil {
			return err
		}
		pat = b
	default:
		pat = []byte(q.Text)
	}
	if len(pat) == 0 {
		return nil
	}
	if d.key.Hex {
		d.findBytes(pat)
		return nil
	}
	fold := q.IgnoreCase && !q.Hex
	if q.Hex {
		pat = []byte(strings.ReplaceAll(render.String(pat), "\n", ""))
	} else if fold {
		pat = bytes.ToLower(pat)
	}
	d.findText(pat, fold)
	return nil
}

// findText finds pat in the document's text: the rows without their
// styles, a continuation row joined to the row before it.
func (d *Model) findText(pat []byte, fold bool) {
	var flat []byte
	type piece struct{ at, row, col int } // flat[at:] starts at row's byte col
	var pieces []piece
	for i, l := range d.Lines() {
		text := ansi.Strip(l)
		col := 0
		if rest, ok := strings.CutPrefix(text, common.ContinuationMark); ok {
			text, col = rest, len(common.ContinuationMark)
		}
		pieces = append(pieces, piece{len(flat), i, col})
		flat = append(flat, text...)
	}
	if fold {
		flat = bytes.ToLower(flat)
	}
	// locate maps a flat offset to its row and column (at < len(flat)).
	locate := func(at int) (row, col int) {
		k := 0
		for lo, hi := 0, len(pieces); lo < hi; {
			mid := (lo + hi) / 2
			if pieces[mid].at <= at {
				k, lo = mid, mid+1
			} else {
				hi = mid
			}
		}
		return k, pieces[k].col + at - pieces[k].at
	}
	for from := 0; len(d.srch.matches) < maxDocMatches; {
		i := bytes.Index(flat[from:], pat)
		if i < 0 {
			break
		}
		lo, hi := from+i, from+i+len(pat)
		var m []rowSpan
		for at := lo; at < hi; {
			r, c := locate(at)
			end := len(flat)
			if r+1 < len(pieces) {
				end = pieces[r+1].at
			}
			n := min(hi, end) - at
			m = append(m, rowSpan{row: pieces[r].row, from: c, to: c + n})
			at += n
		}
		d.srch.matches = append(d.srch.matches, m)
		from = lo + 1
	}
}

// findBytes finds pat in the bytes of a hex view: each row's hex pairs
// read back, a match drawn on its pairs and its ASCII cells.
func (d *Model) findBytes(pat []byte) {
	type cell struct{ row, hex, ascii int }
	var data []byte
	var cells []cell
	for i, l := range d.Lines() {
		row := ansi.Strip(l)
		bar := strings.IndexByte(row, '|')
		sp := strings.Index(row, "  ")
		if bar < 0 || sp < 0 || sp > bar {
			continue // not a hexdump row (a note)
		}
		k := 0
		for col := sp + 2; col+2 <= bar; {
			if row[col] == ' ' {
				col++
				continue
			}
			b, err := strconv.ParseUint(row[col:col+2], 16, 8)
			if err != nil {
				break
			}
			data = append(data, byte(b))
			cells = append(cells, cell{i, col, bar + 1 + k})
			k++
			col += 3
		}
	}
	for from := 0; len(d.srch.matches) < maxDocMatches; {
		i := bytes.Index(data[from:], pat)
		if i < 0 {
			break
		}
		var m []rowSpan
		for j := from + i; j < from+i+len(pat); j++ {
			c := cells[j]
			m = append(m, rowSpan{c.row, c.hex, c.hex + 2}, rowSpan{c.row, c.ascii, c.ascii + 1})
		}
		d.srch.matches = append(d.srch.matches, m)
		from += i + 1
	}
}

// marked draws l, row i of the document, with the matches on it
// highlighted (its own styles are dropped on such a row: the match is
// what matters there).
func (d *Model) marked(i int, l string) string {
	if d.srch.typed == "" || len(d.srch.matches) == 0 {
		return l
	}
	type span struct {
		from, to int
		cur      bool
	}
	var spans []span
	for k, m := range d.srch.matches {
		if len(m) == 0 || m[0].row > i || m[len(m)-1].row < i {
			continue
		}
		for _, s := range m {
			if s.row == i {
				spans = append(spans, span{s.from, s.to, k == d.srch.cur})
			}
		}
	}
	if len(spans) == 0 {
		return l
	}
	slices.SortFunc(spans, func(a, b span) int { return a.from - b.from })
	all := d.c.Styles.Selected
	cur := all.Bold(true)
	text := ansi.Strip(l)
	var b strings.Builder
	at := 0
	for _, s := range spans {
		if s.from < at || s.to > len(text) {
			continue
		}
		b.WriteString(text[at:s.from])
		st := all
		if s.cur {
			st = cur
		}
		b.WriteString(st.Render(text[s.from:s.to]))
		at = s.to
	}
	b.WriteString(text[at:])
	return b.String()
}

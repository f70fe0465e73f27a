package lab

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	enclab "github.com/netassist/netassist/httpserve/lab"

	"github.com/netassist/netassist/netassist/render"
	"github.com/netassist/netassist/tui/common"
)

// hexPerRow is how many bytes a row of the lab's hex column holds.
const hexPerRow = 8

// lines builds the lab's document for an inner width: the client's
// Accept-Encoding; a row per coding (size, ratio to identity, a bar, the
// time encoding took), the sent one marked, each with the reason in
// words under it; where the body came from; then the first bytes of the
// coding shown, in hex, beside the text they decode to.
func (m *Model) lines(width int) []string {
	s, lt := m.c.Styles, &m.c.Text.Web.Lab
	width = max(width, 1)
	var out []string
	wrap := func(prefix, text string) { out = append(out, wrapIndent(prefix, text, width)...) }
	if m.hasAE {
		wrap("", fmt.Sprintf(lt.Client, common.Safe(m.client)))
	} else {
		wrap("", s.Dim.Render(lt.NoClient))
	}
	if m.res == nil {
		if m.failed {
			wrap("", s.Error.Render(m.note))
		} else {
			wrap("", s.Dim.Render(lt.Measuring))
		}
		return out
	}
	col := strings.Split(lt.Columns, "|")
	for len(col) < 4 {
		col = append(col, "")
	}
	out = append(out, s.Dim.Render(ansi.Truncate("  "+pad(col[0], 8)+" "+padLeft(col[1], 9)+"  "+padLeft(col[2], 5)+" "+padLeft(col[3], 7), width, "")))
	identity := m.res.Identity()
	var biggest int64
	for _, c := range m.res.Codings {
		biggest = max(biggest, c.Size)
	}
	barW := min(max(width-38, 0), 30)
	for _, c := range m.res.Codings {
		mark, st := "  ", plain
		if c.Encoding == m.chosen {
			mark, st = "▶ ", s.OptOn.Render
		}
		row := fmt.Sprintf("%s%-8s %9s  %s %7s", mark, c.Encoding, common.FormatSize(c.Size), ratio(c, identity), elapsed(c.Elapsed))
		if c.Err != nil {
			row = fmt.Sprintf("%s%-8s %v", mark, c.Encoding, c.Err)
		} else if barW > 0 && biggest > 0 {
			row += " " + strings.Repeat("█", max(int(int64(barW)*c.Size/biggest), 1))
		}
		if c.Encoding == m.chosen {
			row += " " + lt.Sent
		}
		out = append(out, st(ansi.Truncate(row, width, "…")))
		if why := m.reasonFor(c.Encoding); why != "" {
			wst := s.Dim.Render
			if c.Encoding == m.chosen {
				wst = plain
			}
			wrap("    ", wst(why))
		}
	}
	if m.note != "" {
		wrap("", s.Dim.Render(m.note))
	}
	out = append(out, "")
	shown := m.res.Codings[m.shown]
	wrap("", s.PaneTitleFoc.Render(fmt.Sprintf(lt.HexHead, shown.Encoding)))
	return append(out, m.bytesBeside(shown, width)...)
}

// bytesBeside is the first bytes of coding c in hex (8 a row), each row
// beside a row of the text the body begins with (through the sanitizer),
// so 1f 8b … stands next to <!doctype html>. Too narrow for both, the
// text goes under the hex.
func (m *Model) bytesBeside(c enclab.Coding, width int) []string {
	s := m.c.Styles
	const hexW = hexPerRow*3 - 1
	var hex []string
	for off := 0; off < len(c.Head); off += hexPerRow {
		row := c.Head[off:min(off+hexPerRow, len(c.Head))]
		var sb strings.Builder
		for i, b := range row {
			if i > 0 {
				sb.WriteByte(' ')
			}
			fmt.Fprintf(&sb, "%02x", b)
		}
		hex = append(hex, sb.String())
	}
	if len(hex) == 0 {
		hex = []string{s.Dim.Render(m.c.Text.Web.Lab.NoBytes)}
	}
	body := m.plain
	const gap = "  ⇄  "
	textW := width - hexW - ansi.StringWidth(gap)
	if textW < 12 {
		out := append([]string{}, hex...)
		for _, l := range render.Lines(body) {
			out = append(out, common.WrapLine(s, l, width)...)
		}
		return out
	}
	var text []string
	for _, l := range render.Lines(body) {
		text = append(text, common.WrapLine(s, l, textW)...)
	}
	n := max(len(hex), min(len(text), len(hex)+2))
	out := make([]string, 0, n)
	for i := range n {
		h, t := "", ""
		if i < len(hex) {
			h = hex[i]
		}
		if i < len(text) {
			t = text[i]
		}
		out = append(out, s.HeaderOut.Render(common.PadLine(h, hexW))+s.Dim.Render(gap)+t)
	}
	return out
}

// pad and padLeft pad s with spaces to w cells, after or before it.
func pad(s string, w int) string     { return s + strings.Repeat(" ", max(w-ansi.StringWidth(s), 0)) }
func padLeft(s string, w int) string { return strings.Repeat(" ", max(w-ansi.StringWidth(s), 0)) + s }

// plain is text unstyled.
func plain(s ...string) string { return strings.Join(s, " ") }

// elapsed is how long a coding took, "" for none.
func elapsed(d time.Duration) string {
	switch {
	case d <= 0:
		return ""
	case d < time.Millisecond:
		return fmt.Sprintf("%dµs", d.Microseconds())
	}
	return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000)
}

// wrapIndent puts text after prefix, wrapped to width, continuation rows
// indented as far as the prefix.
func wrapIndent(prefix, text string, width int) []string {
	pw := ansi.StringWidth(prefix)
	room := max(width-pw, 1)
	lines := strings.Split(ansi.Wrap(text, room, ""), "\n")
	for i := range lines {
		lines[i] = prefix + lines[i]
	}
	return lines
}

package common

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/tui/styles"
)

// PadLine truncates or pads s (which may hold styles) to exactly w cells.
func PadLine(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := ansi.StringWidth(s)
	if sw > w {
		s = ansi.Truncate(s, w, "")
		sw = ansi.StringWidth(s)
	}
	if sw < w {
		s += strings.Repeat(" ", w-sw)
	}
	return s
}

// FitLines makes lines exactly n lines of exactly w cells: longer lists
// are cut, shorter ones filled with blank lines.
func FitLines(lines []string, n, w int) []string {
	n = max(n, 0)
	if len(lines) > n {
		lines = lines[:n]
	}
	for i := range lines {
		lines[i] = PadLine(lines[i], w)
	}
	for len(lines) < n {
		lines = append(lines, strings.Repeat(" ", max(w, 0)))
	}
	return lines
}

// Stack makes lines exactly n lines, adding blank lines of w cells or
// cutting the last ones, and trusts each line to be w cells wide already
// (a component's View is): it measures nothing, where FitLines measures
// every line.
func Stack(lines []string, n, w int) []string {
	n = max(n, 0)
	if len(lines) > n {
		return lines[:n]
	}
	for len(lines) < n {
		lines = append(lines, strings.Repeat(" ", max(w, 0)))
	}
	return lines
}

// Fit is FitLines joined into one View string.
func Fit(lines []string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	return strings.Join(FitLines(lines, h, w), "\n")
}

// Lines splits a View back into its lines ("" is no lines).
func Lines(view string) []string {
	if view == "" {
		return nil
	}
	return strings.Split(view, "\n")
}

// Beside joins two columns of equal height line by line.
func Beside(left, right []string) []string {
	out := make([]string, max(len(left), len(right)))
	for i := range out {
		if i < len(left) {
			out[i] = left[i]
		}
		if i < len(right) {
			out[i] += right[i]
		}
	}
	return out
}

// Box draws body in a rounded border of exactly w×h cells with title in
// the top edge (focused: the accent colour). Body lines are truncated or
// padded to fit; a box too small for its border shows the body bare.
func Box(s *styles.Styles, title string, body []string, w, h int, focused bool) []string {
	if w <= 0 || h <= 0 {
		return make([]string, max(h, 0))
	}
	bs, ts := s.Border, s.PaneTitle
	if focused {
		bs, ts = s.BorderFoc, s.PaneTitleFoc
	}
	border := bs.GetBorderStyle()
	paint := func(str string) string {
		return bs.UnsetBorderStyle().Foreground(bs.GetBorderTopForeground()).Render(str)
	}
	if w < 2 || h < 2 {
		out := make([]string, h)
		for i := range out {
			if i < len(body) {
				out[i] = PadLine(body[i], w)
			} else {
				out[i] = strings.Repeat(" ", w)
			}
		}
		return out
	}
	inner := w - 2
	left, right := paint(border.Left), paint(border.Right) // once: Render costs microseconds
	title = CutWords(title, max(inner-2, 0))
	tw := ansi.StringWidth(title)
	var top string
	if tw > 0 {
		top = paint(border.TopLeft+border.Top) + ts.Render(title) +
			paint(strings.Repeat(border.Top, max(inner-1-tw, 0))+border.TopRight)
	} else {
		top = paint(border.TopLeft + strings.Repeat(border.Top, inner) + border.TopRight)
	}
	out := make([]string, 0, h)
	out = append(out, top)
	for i := 0; i < h-2; i++ {
		line := ""
		if i < len(body) {
			line = body[i]
		}
		out = append(out, left+PadLine(line, inner)+right)
	}
	out = append(out, paint(border.BottomLeft+strings.Repeat(border.Bottom, inner)+border.BottomRight))
	return out
}

// BoxView is Box as a View string: exactly w×h, or "" when either is 0.
func BoxView(s *styles.Styles, title string, body []string, w, h int, focused bool) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	return strings.Join(Box(s, title, body, w, h, focused), "\n")
}

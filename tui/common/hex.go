package common

import (
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist/render"
)

// HexPer is how many bytes a hex view row holds in a pane width cells
// wide, for bytes whose offsets end before end: `hexdump -C`'s 16 when they
// fit, else 8, else 4 (issue 15 item 1: at 80×24 the receive pane is too
// narrow for 16).
func HexPer(end int64, width int) int {
	for _, n := range []int{16, 8} {
		if render.HexWidth(n, end) <= width {
			return n
		}
	}
	return 4
}

// HexRows is the hex view of b (whose first byte is at stream offset base)
// for a pane width cells wide: render.HexRows of HexPer bytes a row, the
// ASCII column always; rows still too wide are cut with "…".
func HexRows(b []byte, base int64, width int) []string {
	end := base + int64(len(b))
	per := HexPer(end, width)
	rows := render.HexRows(b, base, per)
	if render.HexWidth(per, end) > width {
		for i, r := range rows {
			rows[i] = ansi.Truncate(r, width, "…")
		}
	}
	return rows
}

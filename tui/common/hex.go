package common

import (
	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist/render"
)

// HexRows is the hex view of b (whose first byte is at stream offset base)
// for a pane width cells wide: `hexdump -C` rows of 16 bytes when they
// fit, else 8, else 4 (issue 15 item 1: at 80×24 the receive pane is too
// narrow for 16), the ASCII column always; rows still too wide are cut
// with "…".
func HexRows(b []byte, base int64, width int) []string {
	end := base + int64(len(b))
	per := 4
	for _, n := range []int{16, 8} {
		if render.HexWidth(n, end) <= width {
			per = n
			break
		}
	}
	rows := render.HexRows(b, base, per)
	if render.HexWidth(per, end) > width {
		for i, r := range rows {
			rows[i] = ansi.Truncate(r, width, "…")
		}
	}
	return rows
}

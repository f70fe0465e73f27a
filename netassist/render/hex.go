package render

import "strings"

// HexLines renders b in `hexdump -C` style, one string per 16 bytes, exactly
// as encoding/hex.Dumper writes it except that offsets start at base, the
// offset of b[0] in the stream, so a window into a large capture shows its
// real offsets. The strings have no trailing newline. Offsets use at least
// eight lowercase hex digits, more when base is past 4 GiB; a negative base
// counts as 0.
func HexLines(b []byte, base int64) []string { return HexRows(b, base, 16) }

// HexRows is HexLines with per bytes a row (16, 8 or 4; other values are
// 16), for panes too narrow for 16 (issue 15 item 1): the same columns,
// an extra space after every eighth byte and at the row's end, then the
// ASCII column, so 8 bytes a row is
//
//	00000010  48 54 54 50 2f 31 2e 31  |HTTP/1.1|
//
// HexWidth says how wide the rows are.
func HexRows(b []byte, base int64, per int) []string {
	if len(b) == 0 {
		return nil
	}
	if per != 8 && per != 4 {
		per = 16
	}
	if base < 0 {
		base = 0
	}
	const lowerHex = "0123456789abcdef"
	nLines := (len(b) + per - 1) / per
	// All lines share one backing string; each is at most the widest
	// offset (16 digits), two spaces, 50 hex columns and 18 ASCII columns.
	var sb strings.Builder
	sb.Grow(nLines * HexWidth(per, base+int64(len(b))))
	var scratch [16 + 2 + 50 + 18]byte
	ends := make([]int, nLines)
	for k := range nLines {
		buf := scratch[:0]
		off := k * per
		chunk := b[off:min(off+per, len(b))]

		pos := uint64(base) + uint64(off)
		digits := 8
		for digits < 16 && pos>>(4*uint(digits)) != 0 {
			digits++
		}
		for i := digits - 1; i >= 0; i-- {
			buf = append(buf, lowerHex[(pos>>(4*uint(i)))&0xF])
		}
		buf = append(buf, ' ', ' ')

		for i := range per {
			if i < len(chunk) {
				buf = append(buf, lowerHex[chunk[i]>>4], lowerHex[chunk[i]&0xF], ' ')
			} else {
				buf = append(buf, ' ', ' ', ' ')
			}
			if i == 7 || i == per-1 {
				buf = append(buf, ' ')
			}
		}
		buf = append(buf, '|')
		for _, c := range chunk {
			if c < 0x20 || c > 0x7E {
				c = '.'
			}
			buf = append(buf, c)
		}
		buf = append(buf, '|')
		sb.Write(buf)
		ends[k] = sb.Len()
	}
	all := sb.String()
	lines := make([]string, nLines)
	start := 0
	for k, end := range ends {
		lines[k] = all[start:end]
		start = end
	}
	return lines
}

// HexWidth is the width in cells of a full HexRows row of per bytes whose
// offset is below end: 78 for 16 bytes, 45 for 8, 29 for 4 (offsets up to
// 4 GiB; one cell more per hex digit past that).
func HexWidth(per int, end int64) int {
	if per != 8 && per != 4 {
		per = 16
	}
	digits := 8
	for digits < 16 && uint64(max(end-1, 0))>>(4*uint(digits)) != 0 {
		digits++
	}
	groups := (per + 7) / 8
	return digits + 2 + 3*per + groups + 2 + per
}

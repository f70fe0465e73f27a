package render

import "strings"

// HexLines renders b in `hexdump -C` style, one string per 16 bytes, exactly
// as encoding/hex.Dumper writes it except that offsets start at base, the
// offset of b[0] in the stream, so a window into a large capture shows its
// real offsets. The strings have no trailing newline. Offsets use at least
// eight lowercase hex digits, more when base is past 4 GiB; a negative base
// counts as 0.
func HexLines(b []byte, base int64) []string {
	if len(b) == 0 {
		return nil
	}
	if base < 0 {
		base = 0
	}
	const lowerHex = "0123456789abcdef"
	nLines := (len(b) + 15) / 16
	// All lines share one backing string; each is at most the widest
	// offset (16 digits), two spaces, 50 hex columns and 18 ASCII columns.
	var sb strings.Builder
	sb.Grow(nLines * (8 + 2 + 50 + 18))
	var scratch [16 + 2 + 50 + 18]byte
	ends := make([]int, nLines)
	for k := range nLines {
		buf := scratch[:0]
		off := k * 16
		chunk := b[off:min(off+16, len(b))]

		pos := uint64(base) + uint64(off)
		digits := 8
		for digits < 16 && pos>>(4*uint(digits)) != 0 {
			digits++
		}
		for i := digits - 1; i >= 0; i-- {
			buf = append(buf, lowerHex[(pos>>(4*uint(i)))&0xF])
		}
		buf = append(buf, ' ', ' ')

		for i := range 16 {
			if i < len(chunk) {
				buf = append(buf, lowerHex[chunk[i]>>4], lowerHex[chunk[i]&0xF], ' ')
			} else {
				buf = append(buf, ' ', ' ', ' ')
			}
			if i == 7 || i == 15 {
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

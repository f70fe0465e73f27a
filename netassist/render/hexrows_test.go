package render

import (
	"strings"
	"testing"
)

// HexRows at 8 and 4 bytes a row keeps hexdump -C's columns, and
// HexWidth says how wide a full row is.
func TestHexRowsNarrow(t *testing.T) {
	b := []byte("HTTP/1.1 200 OK\r\n")
	got := HexRows(b, 0x10, 8)
	want := []string{
		"00000010  48 54 54 50 2f 31 2e 31  |HTTP/1.1|",
		"00000018  20 32 30 30 20 4f 4b 0d  | 200 OK.|",
		"00000020  0a                       |.|",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("8 a row:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := HexRows(b[:5], 0, 4); got[0] != "00000000  48 54 54 50  |HTTP|" || got[1] != "00000004  2f           |/|" {
		t.Fatalf("4 a row: %q", got)
	}
	for _, per := range []int{4, 8, 16} {
		for _, base := range []int64{0, 0xFFFF_FFF0, 0x1_0000_0000} {
			rows := HexRows(make([]byte, 64), base, per)
			// The widest row (the last: offsets only grow) is HexWidth.
			if w := HexWidth(per, base+64); len(rows[len(rows)-1]) != w {
				t.Errorf("per %d base %#x: last row %d wide, HexWidth %d", per, base, len(rows[len(rows)-1]), w)
			}
		}
	}
	if HexWidth(16, 100) != 78 || HexWidth(8, 100) != 45 || HexWidth(4, 100) != 29 {
		t.Fatal("HexWidth")
	}
	if strings.Join(HexRows(b, 3, 16), "\n") != strings.Join(HexLines(b, 3), "\n") {
		t.Fatal("HexRows 16 is not HexLines")
	}
}

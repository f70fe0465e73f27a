package common

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist/render"
)

// A wrapped line keeps its markers whole and marks each row that
// continues it (issue 12 item 5): at every width, no row starts with a
// lone `\n`, every row after the first starts with the mark, no row is
// wider than the width, and the rows read back (marks removed) give the
// line.
func TestWrapLineKeepsCRLFAndMarksContinuations(t *testing.T) {
	s := Default().Styles
	head := "HTTP/1.1 200 OK\r\nSet-Cookie: session=" + strings.Repeat("abcdef0123", 9) + "; Path=/\r\nX-Long: 你好世界\\😀\x1b[2J\r\n\r\n"
	for _, l := range render.Lines([]byte(head)) {
		want := ansi.Strip(l.Render(nil))
		for w := 1; w <= 120; w++ {
			rows := WrapLine(s, l, w)
			var got strings.Builder
			for i, r := range rows {
				plain := ansi.Strip(r)
				if rw := ansi.StringWidth(r); rw > max(w, 2) {
					t.Fatalf("width %d: row %q is %d cells", w, plain, rw)
				}
				if i > 0 && w >= 5 {
					if !strings.HasPrefix(plain, ContinuationMark) {
						t.Fatalf("width %d: continuation row %q has no mark", w, plain)
					}
					plain = strings.TrimPrefix(plain, ContinuationMark)
				}
				if strings.HasPrefix(plain, `\n`) && w >= 4 {
					t.Fatalf("width %d: row %q starts with a lone \\n (rows %q)", w, plain, rows)
				}
				got.WriteString(plain)
			}
			if got.String() != want {
				t.Fatalf("width %d: rows read %q, want %q", w, got.String(), want)
			}
			if len(rows) == 1 && strings.Contains(rows[0], ContinuationMark) {
				t.Fatalf("width %d: a line that fits is marked", w)
			}
		}
	}
}

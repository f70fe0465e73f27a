package styles

import (
	"testing"

	"github.com/netassist/netassist/netassist/render"
)

// Styling a segment by concatenation gives what lipgloss renders.
func TestSegmentStylingMatchesLipgloss(t *testing.T) {
	data := []byte("GET / HTTP/1.1\r\n\t\x00\x1b[2J\x9b\xff\xfe 你好 \u202e\u200b end\\x41\r\n")
	for _, dark := range []bool{true, false} {
		s := DefaultStyles(dark)
		if !s.marker.ok || !s.escape.ok {
			t.Fatal("styles without their sequences")
		}
		n := 0
		for _, l := range render.Lines(data) {
			for _, seg := range l {
				var want string
				switch seg.Kind {
				case render.Marker:
					want = s.Marker.Render(seg.Text)
				case render.Escape:
					want = s.Escape.Render(seg.Text)
				default:
					want = seg.Text
				}
				if got := s.Segment(seg.Kind, seg.Text); got != want {
					t.Errorf("segment %q: %q, lipgloss %q", seg.Text, got, want)
				}
				n++
			}
		}
		if n < 10 {
			t.Fatalf("only %d segments", n)
		}
	}
}

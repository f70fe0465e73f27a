package styles

import (
	"testing"

	"charm.land/lipgloss/v2"

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

// The presenter set has no dim grey left: every style that was the dim
// colour now draws in the text colour, and the markers are bold.
func TestPresenterHasNoDimText(t *testing.T) {
	for _, dark := range []bool{true, false} {
		d, p := DefaultStyles(dark), Presenter(dark)
		if !p.HighContrast || d.HighContrast {
			t.Fatal("HighContrast not set on the presenter set only")
		}
		dim := d.Dim.GetForeground()
		for name, st := range map[string]lipgloss.Style{
			"Dim": p.Dim, "PaneTitle": p.PaneTitle, "TabInactive": p.TabInactive, "ConnEvent": p.ConnEvent,
			"Closed": p.Closed, "OptOff": p.OptOff, "StatusBar": p.StatusBar, "HelpDesc": p.HelpDesc, "Marker": p.Marker,
		} {
			if st.GetForeground() == dim {
				t.Errorf("dark=%v: %s is still dim grey", dark, name)
			}
		}
		if !p.Marker.GetBold() {
			t.Errorf("dark=%v: markers are not bold", dark)
		}
		if p.Segment(render.Marker, `\r\n`) != p.Marker.Render(`\r\n`) {
			t.Errorf("dark=%v: Segment does not use the presenter marker style", dark)
		}
	}
}

package sendpane

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/tui/internal/tuitest"
)

// Editor latency grows with its text (breaker report 1 #11: the textarea
// lays out and draws all of it at every key), so the text is bounded by
// maxEditorBytes: one keystroke (the key, then the frame: View and
// Preview) with 1 KiB, 32 KiB and the most the editor takes pasted on one
// line. Before the bound, 200 KB cost 287 ms a key and 1 MB 1.3 s.
//
//	go test -run '^$' -bench EditorKey ./tui/components/sendpane
func BenchmarkEditorKey(b *testing.B) {
	for _, n := range []int{1 << 10, 32 << 10, maxEditorBytes} {
		b.Run(fmt.Sprintf("text=%dKiB", n>>10), func(b *testing.B) {
			p := newPane(b, tuitest.NewClock(time.Now()), &recorder{})
			p.SetSize(80, 8)
			p.Focus()
			p.Update(tea.PasteMsg{Content: strings.Repeat("x", n)})
			p.View()
			p.Preview(80)
			b.ReportAllocs()
			for b.Loop() {
				p.Update(tuitest.Plain('y'))
				p.View()
				p.Preview(80)
			}
		})
	}
}

// BenchmarkEditorPaste is the paste itself, and its first frame: the
// most the editor takes, and a 1 MB paste (refused).
func BenchmarkEditorPaste(b *testing.B) {
	for _, n := range []int{maxEditorBytes, 1 << 20} {
		b.Run(fmt.Sprintf("text=%dKiB", n>>10), func(b *testing.B) {
			text := strings.Repeat("x", n)
			for b.Loop() {
				p := newPane(b, tuitest.NewClock(time.Now()), &recorder{})
				p.SetSize(80, 8)
				p.Focus()
				p.Update(tea.PasteMsg{Content: text})
				p.View()
				p.Preview(80)
			}
		})
	}
}

package sendpane

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/tui/internal/tuitest"
)

// Editor latency must not grow with its text (breaker report 1 #11): one
// keystroke (the key, then the frame: View and Preview), with 1 KB, 200 KB
// and 1 MB pasted on one line.
//
//	go test -run '^$' -bench EditorKey ./tui/components/sendpane
func BenchmarkEditorKey(b *testing.B) {
	for _, n := range []int{1 << 10, 200 << 10, 1 << 20} {
		b.Run(fmt.Sprintf("text=%dKB", n>>10), func(b *testing.B) {
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

// BenchmarkEditorPaste is the paste itself, and its first frame.
func BenchmarkEditorPaste(b *testing.B) {
	for _, n := range []int{200 << 10, 1 << 20} {
		b.Run(fmt.Sprintf("text=%dKB", n>>10), func(b *testing.B) {
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

package sendpane

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/netassist/netassist/httpserve/check"
	"github.com/netassist/netassist/netassist/compose"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// The checker's cost per check (run after typing pauses, in a Cmd): a
// hand-written reply, and one with a 64 KiB body (the most checked at
// once when text is set from outside).
func BenchmarkCheckReply(b *testing.B) {
	for _, n := range []int{40, 64 << 10} {
		msg := []byte(fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s", n, strings.Repeat("x", n)))
		b.Run(fmt.Sprintf("body=%dB", n), func(b *testing.B) {
			for b.Loop() {
				check.Check(msg, check.Options{})
			}
		})
	}
}

// A paste of 4 KiB with controls, as the editor gets it.
func BenchmarkQuotePaste(b *testing.B) {
	s := strings.Repeat("GET / HTTP/1.1\r\nX: a\tb\x1b\r\n", 4096/28)
	o := compose.DefaultOptions()
	for b.Loop() {
		compose.QuotePaste(s, o)
	}
}

// The fix key on a reply with a 4 KiB body typed over 100 lines.
func BenchmarkFix(b *testing.B) {
	p := newPane(b, tuitest.NewClock(time.Now()), &recorder{})
	text := "HTTP/1.1 200 OK\nContent-Length: 1\n\n" + strings.Repeat(strings.Repeat("y", 40)+"\n", 100)
	for b.Loop() {
		p.SetValue(text)
		p.applyFix()
	}
}

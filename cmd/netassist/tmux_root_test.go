package main

import (
	"net"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// At 80×24 a port in use is said whole: the status line gives the
// system's reason ("address already in use", in Chinese 地址已在使用中)
// and what it means, in English and in Chinese; the TUI stays up with the
// address field ready.
func TestTmuxPortInUseAt80x24(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	addr := busy.Addr().String()
	for _, tc := range []struct{ lang, reason, hint string }{
		{"en", "address already in use", "another program is using this port"},
		{"zh", "地址已在使用中", "端口已被占用"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			s := newTmux(t, 80, 24)
			s.keys(binary+" --lang "+tc.lang+" -l "+addr+"; echo EXIT=$?", "Enter")
			s.waitFor("the reason", regexp.MustCompile(regexp.QuoteMeta(addr)+`: (bind: )?`+tc.reason))
			s.waitFor("the hint", regexp.MustCompile(strings.ReplaceAll(regexp.QuoteMeta(tc.hint), " ", `\s+`)))
			for i, l := range strings.Split(strings.TrimRight(s.screen(), "\n"), "\n") {
				if w := ansi.StringWidth(l); w > 80 {
					t.Errorf("row %d is %d cells: %q", i, w, l)
				}
			}
			s.keys("C-c")
			s.waitFor("a shell again", regexp.MustCompile(`EXIT=0`))
		})
	}
}

// --present --lang zh at 80×24 in a real terminal: one pane under the
// address line, no key hints, every row within 80 cells (Chinese text is
// two cells a character); tab moves to the next pane; f8 brings the
// usual screen and its hints back.
func TestTmuxPresenterChinese(t *testing.T) {
	s := newTmux(t, 80, 24)
	s.keys(binary+" --present --lang zh -l 127.0.0.1:0; echo EXIT=$?", "Enter")
	s.waitFor("listening", regexp.MustCompile(`正在监听 127\.0\.0\.1:\d+`))
	// The room sees the receive pane first (breaker 1, nit 13), alone.
	s.waitFor("the receive pane alone", regexp.MustCompile(`╭─接收`))
	screen := s.screen()
	if strings.Contains(screen, "╭─连接") || strings.Contains(screen, "╭─发送") || strings.Contains(screen, "f1 帮助") {
		t.Fatalf("presenter mode shows more than one pane, or hints:\n%s", screen)
	}
	s.keys("BTab") // the ring's order: the send pane is before the receive pane
	s.waitFor("the send pane alone", regexp.MustCompile(`╭─发送`))
	if screen := s.screen(); strings.Contains(screen, "╭─接收") {
		t.Fatalf("presenter mode shows more than one pane:\n%s", screen)
	}
	for i, l := range strings.Split(strings.TrimRight(s.screen(), "\n"), "\n") {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("row %d is %d cells: %q", i, w, l)
		}
	}
	s.keys("F8")
	s.waitFor("hints back", regexp.MustCompile(`帮助`))
	s.waitFor("the list back", regexp.MustCompile(`╭─连接`))
	s.keys("C-c")
	s.waitFor("a shell again", regexp.MustCompile(`EXIT=0`))
}

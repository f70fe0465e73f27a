package main

import (
	"net"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// At 80×24 a port in use is said whole: the status line gives the
// system's reason ("address already in use") and what it means, in
// English and in Chinese; the TUI stays up with the address field ready.
func TestTmuxPortInUseAt80x24(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	addr := busy.Addr().String()
	for _, tc := range []struct{ lang, hint string }{
		{"en", "another program is using this port"},
		{"zh", "端口已被占用"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			s := newTmux(t, 80, 24)
			s.keys(binary+" --lang "+tc.lang+" -l "+addr+"; echo EXIT=$?", "Enter")
			s.waitFor("the reason", regexp.MustCompile(regexp.QuoteMeta(addr)+`: (bind: )?address already in use`))
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

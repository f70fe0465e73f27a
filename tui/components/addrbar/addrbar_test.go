package addrbar

import (
	"net"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// Each state as the line shows it.
func TestStates(t *testing.T) {
	fakeInterfaces(t) // no address to list: the line is the same on every machine
	lo := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}
	for _, c := range []struct {
		name string
		st   State
		want string
	}{
		{"not listening", State{Text: "not listening"}, "○ not listening"},
		{"listening", State{Phase: Up, Text: "listening on 127.0.0.1:8080", Listen: lo}, "● listening on 127.0.0.1:8080"},
		{"exposed", State{Phase: Up, Text: "listening on 0.0.0.0:8080", Listen: &net.TCPAddr{IP: net.IPv4zero, Port: 8080}},
			"● listening on 0.0.0.0:8080 ⚠ reachable from the network"},
		{"failed", State{Phase: Failed, Text: "cannot listen: bind: address already in use", Detail: " — edit the address"},
			"  cannot listen: bind: address already in use — edit the address"},
		{"connecting", State{Phase: Busy, Text: "connecting to x:1…"}, "◌ connecting to x:1…"},
		{"connected", State{Phase: Up, Text: "connected to x:1", Detail: " · 0:05", Warn: " · FIN sent", Err: "boom"},
			"● connected to x:1 · 0:05 · FIN sent ✗ boom"},
		{"closed", State{Phase: Closed, Text: "closed by peer · x:1", Detail: " · after 0:07"}, "○ closed by peer · x:1 · after 0:07"},
		{"dial failed", State{Phase: Failed, Err: "dial tcp: connection refused"}, "  ✗ dial tcp: connection refused"},
	} {
		b := New(common.Default(), "Listen ", "127.0.0.1:8080", "", false)
		b.SetSize(120, 1)
		b.SetState(c.st)
		got := ansi.Strip(b.View())
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: %q lacks %q", c.name, got, c.want)
		}
		if !strings.HasPrefix(got, "Listen ") {
			t.Errorf("%s: no label: %q", c.name, got)
		}
	}
}

// A non-loopback listener is flagged as reachable from the network.
func TestExposed(t *testing.T) {
	for _, c := range []struct {
		addr    net.Addr
		exposed bool
	}{
		{&net.TCPAddr{IP: net.IPv4zero, Port: 8080}, true},
		{&net.TCPAddr{IP: net.ParseIP("192.0.2.7"), Port: 8080}, true},
		{&net.TCPAddr{IP: net.IPv6loopback, Port: 8080}, false},
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}, false},
		{&net.UnixAddr{Name: "/tmp/x"}, false},
	} {
		b := New(common.Default(), "Listen ", "", "", false)
		b.SetSize(120, 1)
		b.SetState(State{Phase: Up, Text: "listening", Listen: c.addr})
		line := ansi.Strip(b.View())
		if got := strings.Contains(line, "⚠ reachable from the network"); got != c.exposed {
			t.Errorf("%v: warning %v, want %v: %q", c.addr, got, c.exposed, line)
		}
	}
}

// The field edits on keys and pastes, is trimmed, and fits its text when
// asked to.
func TestEditAndFit(t *testing.T) {
	b := New(common.Default(), "Connect to ", "", "host:port", true)
	b.SetSize(100, 1)
	b.Focus()
	if !b.Focused() || !b.TakesText() {
		t.Fatal("not focused")
	}
	if s := ansi.Strip(b.View()); !strings.Contains(s, "host:port") {
		t.Fatalf("no placeholder: %q", s)
	}
	for _, k := range " a:1 " {
		b.Update(tuitest.Plain(k))
	}
	if b.Value() != "a:1" {
		t.Fatalf("value %q", b.Value())
	}
	b.SetState(State{Text: "idle"})
	if s := ansi.Strip(b.View()); !strings.HasPrefix(s, "Connect to  a:1 ") || !strings.Contains(s, "○ idle") {
		t.Fatalf("line %q", s)
	}
	b.Blur()
	if b.Focused() {
		t.Fatal("still focused")
	}
	for _, sz := range tuitest.Sizes {
		b.SetSize(sz[0], sz[1])
		tuitest.CheckSize(t, "addrbar", b.View(), sz[0], sz[1])
	}
}

// Where "listening on ADDR" and the warning do not both fit, the warning
// keeps its words and the state its mark (the field beside it holds the
// address): at 80 columns it was cut to "⚠ …" (breaker 2).
func TestExposedWarningKeptWhenNarrow(t *testing.T) {
	fakeInterfaces(t)
	any := &net.TCPAddr{IP: net.IPv4zero, Port: 38417}
	for _, w := range []int{66, 80} {
		b := New(common.Default(), "Listen TCP ", "0.0.0.0:38417", "", false)
		b.SetSize(w, 1)
		b.SetState(State{Phase: Up, Text: "listening on 0.0.0.0:38417", Listen: any})
		line := ansi.Strip(b.View())
		if !strings.Contains(line, "● ⚠ reachable from the network") || ansi.StringWidth(line) != w {
			t.Errorf("width %d: %q", w, line)
		}
	}
	// With room, the whole state as before.
	b := New(common.Default(), "Listen TCP ", "0.0.0.0:38417", "", false)
	b.SetSize(120, 1)
	b.SetState(State{Phase: Up, Text: "listening on 0.0.0.0:38417", Listen: any})
	if line := ansi.Strip(b.View()); !strings.Contains(line, "● listening on 0.0.0.0:38417 ⚠ reachable from the network") {
		t.Errorf("width 120: %q", line)
	}
}

package autoreply_test

import (
	"io"
	"net"
	"testing"
	"time"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/autoreply"
)

// TestChainOnceWithRules wires a server as the TUI does with --reply and
// auto-reply rules: the first read of each connection gets --reply, later
// reads get the rules.
func TestChainOnceWithRules(t *testing.T) {
	rules := &autoreply.Active{}
	rs, err := autoreply.Compile([]autoreply.Rule{
		{Match: autoreply.Regex, Pattern: `PING(\d)`, Reply: `PONG$1`},
	})
	if err != nil {
		t.Fatal(err)
	}
	rules.Set(rs)
	st := netassist.NewStore(0)
	srv := &netassist.Server{Store: st, AutoReply: autoreply.Chain(autoreply.Once([]byte("HELLO"), false), rules.AutoReply)}
	defer srv.Close()
	addr, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}

	for range 2 { // each connection gets --reply first
		c, err := net.Dial("tcp", addr.String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		read := func(send, want string) {
			t.Helper()
			if _, err := c.Write([]byte(send)); err != nil {
				t.Fatal(err)
			}
			got := make([]byte, len(want))
			if _, err := io.ReadFull(c, got); err != nil || string(got) != want {
				t.Fatalf("sent %q: got %q, %v; want %q", send, got, err, want)
			}
		}
		read("PING1", "HELLO") // not PONG1: --reply goes first
		read("PING2", "PONG2")
		read("PING3", "PONG3")
	}
	if hits := rules.Rules().Hits(); hits[0] != 4 {
		t.Fatalf("rule hits %v, want [4]", hits)
	}

	// Without a --reply the rules answer the first read too.
	only := autoreply.Chain(rules.AutoReply)
	if r, ok := only(1, []byte("PING7"), true); !ok || string(r.Data) != "PONG7" {
		t.Fatalf("rules alone: %q, %v", r.Data, ok)
	}
	if _, ok := only(1, []byte("nothing"), true); ok {
		t.Fatal("no rule matched, but a reply was sent")
	}
}

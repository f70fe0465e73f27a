package netassist

import (
	"context"
	"net"
	"strconv"
	"strings"
	"testing"
)

// loopbackBroadcast is the broadcast address of lo on Linux (the local
// routing table has "broadcast 127.255.255.255 dev lo"): a send there
// without SO_BROADCAST is refused, and nothing leaves the host.
const loopbackBroadcast = "127.255.255.255"

// TestUDPBroadcastMustBeAskedFor: Go turns SO_BROADCAST on for every UDP
// socket; without UDPOptions.Broadcast (--broadcast) a client may not
// connect to a broadcast address nor a server send to one, as a plain
// socket may not; with it the client connects.
func TestUDPBroadcastMustBeAskedFor(t *testing.T) {
	// A port to aim at (nothing is meant to arrive there).
	pc, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	port := pc.LocalAddr().(*net.UDPAddr).Port
	target := net.JoinHostPort(loopbackBroadcast, strconv.Itoa(port))

	st := NewStore(0)
	c := &Client{Store: st}
	defer c.Close()
	err = c.ConnectProto(context.Background(), ProtoUDP, target)
	if err == nil || !strings.Contains(err.Error(), "needs --broadcast") {
		t.Fatalf("client to %s without Broadcast: %v, want refused (needs --broadcast)", target, err)
	}

	cb := &Client{Store: st, UDP: UDPOptions{Broadcast: true}}
	defer cb.Close()
	if err := cb.ConnectProto(context.Background(), ProtoUDP, target); err != nil {
		t.Fatalf("client to %s with Broadcast: %v", target, err)
	}

	log := &eventLog{}
	st.AddSink(log)
	s, _ := newUDPServer(t, st, nil)
	id, err := s.AddPeer(target)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Send(id, []byte("hi"), false); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the refused send's error event", func() bool {
		return len(log.find(`"event":"error"`, "not sent", "needs --broadcast")) == 1
	})
}

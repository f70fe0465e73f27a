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

// TestUDPRefusedDatagramIsNotData (breaker-2 D7): a datagram the system
// refused (here a broadcast without Broadcast) is an error event, never
// data: no out chunk, no bytes or datagrams out on the peer. One taken
// after it is recorded as usual.
func TestUDPRefusedDatagramIsNotData(t *testing.T) {
	pc, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	port := strconv.Itoa(pc.LocalAddr().(*net.UDPAddr).Port)

	st := NewStore(0)
	log := &eventLog{}
	st.AddSink(log)
	s, _ := newUDPServer(t, st, nil)
	id, err := s.AddPeer(net.JoinHostPort(loopbackBroadcast, port))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Send(id, []byte("yy"), false); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the refused send's error event", func() bool {
		return len(log.find(`"event":"error"`, "not sent")) == 1
	})
	if out := datagrams(st, Filter{Conn: id}, Out); len(out) != 0 {
		t.Fatalf("refused datagram recorded as sent: %d out chunks", len(out))
	}
	if len(log.find(`"event":"data"`, `"dir":"out"`)) != 0 {
		t.Fatalf("refused datagram is a data event: %q", log.find(`"event":"data"`))
	}
	if ci, _ := st.Conn(id); ci.BytesOut != 0 || ci.ChunksOut != 0 {
		t.Fatalf("refused datagram counted: %d bytes, %d datagrams out", ci.BytesOut, ci.ChunksOut)
	}

	// The same socket's datagram to a real peer is data.
	ok, err := s.AddPeer(pc.LocalAddr().String())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Send(ok, []byte("zz"), false); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the datagram taken", func() bool { return len(datagrams(st, Filter{Conn: ok}, Out)) == 1 })
	if ci, _ := st.Conn(ok); ci.BytesOut != 2 {
		t.Fatalf("sent datagram: %d bytes out, want 2", ci.BytesOut)
	}
}

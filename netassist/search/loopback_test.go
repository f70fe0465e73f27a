package search

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/netassist/netassist/netassist"
)

// waitFor polls cond until it holds, failing after a deadline.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// A marker sent 10,000 chunks ago on one of 100 connections is found, in
// text and in hex, forward and backward, while another connection floods
// the server: real sockets into a real Server and Store.
func TestFindMarkerUnderFlood(t *testing.T) {
	st := netassist.NewStore(0)
	srv := &netassist.Server{Store: st}
	defer srv.Close()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)

	const nConns, marked, flooder = 100, 37, 0
	conns := make([]net.Conn, nConns)
	for i := range conns {
		if conns[i], err = net.Dial("tcp", l.Addr().String()); err != nil {
			t.Fatal(err)
		}
		defer conns[i].Close()
	}
	waitFor(t, "100 connections", func() bool { return st.Totals(netassist.TabServer).Conns == nConns })
	ids := map[string]netassist.ConnID{}
	for _, ci := range st.Conns(netassist.TabServer, 0, nConns) {
		ids[ci.Remote] = ci.ID
	}
	id := func(i int) netassist.ConnID { return ids[conns[i].LocalAddr().String()] }

	// The marker, split over two writes (two reads), with a CR LF and an
	// escape sequence in it.
	conns[marked].Write([]byte("login ok MARK-42"))
	waitFor(t, "the marker's first half", func() bool { ci, _ := st.Conn(id(marked)); return ci.BytesIn == 16 })
	conns[marked].Write([]byte("17\r\n\x1b[0m bye"))
	waitFor(t, "the marker", func() bool { ci, _ := st.Conn(id(marked)); return ci.BytesIn == 28 })
	markSeq := st.Seq()

	// 10,000 chunks of chatter on the other connections since.
	tab := netassist.Filter{Tab: netassist.TabServer}
	for i := 0; ; i++ {
		if n, pos := st.Count(tab, markSeq+1); n-pos >= 10_000 {
			break
		}
		c := 1 + i%(nConns-2)
		if c >= marked {
			c++
		}
		fmt.Fprintf(conns[c], "chatter %d MARK\r\n", i)
		if i%500 == 499 {
			time.Sleep(time.Millisecond) // let the readers catch up: one chunk per write, mostly
		}
	}

	// The flood, for the length of the searches.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		block := bytes.Repeat([]byte("z"), 64<<10)
		for {
			select {
			case <-stop:
				return
			default:
			}
			conns[flooder].SetWriteDeadline(time.Now().Add(time.Second))
			if _, err := conns[flooder].Write(block); err != nil {
				return
			}
		}
	}()
	defer func() { close(stop); wg.Wait() }()
	waitFor(t, "the flood", func() bool { ci, _ := st.Conn(id(flooder)); return ci.BytesIn > 8<<20 })

	for _, tc := range []struct {
		name string
		q    Query
		back bool
		n    int64
	}{
		{"text backward", Query{Text: `MARK-4217\r\n\x1B[0m`}, true, 15},
		{"text forward", Query{Text: `MARK-4217\r\n\x1B[0m`}, false, 15},
		{"hex backward", Query{Text: "4d 41 52 4b 2d 34 32 31 37 0d 0a 1b", Hex: true}, true, 12},
		{"hex forward", Query{Text: "4d41524b2d343231370d0a1b", Hex: true}, false, 12},
	} {
		before, _ := st.Conn(id(flooder))
		from := Pos{}
		if tc.back {
			from = End
		}
		start := time.Now()
		m, ok, err := Find(context.Background(), st, tab, tc.q, from, tc.back)
		took := time.Since(start)
		after, _ := st.Conn(id(flooder))
		if err != nil || !ok {
			t.Fatalf("%s: found %v, %v", tc.name, ok, err)
		}
		if m.Conn != id(marked) || m.Offset != 9 || m.Len != tc.n || m.Start.Seq >= m.End.Seq {
			t.Errorf("%s: %+v, want conn %d bytes 9–%d across two reads", tc.name, m, id(marked), 9+tc.n)
		}
		kept, _ := st.Kept()
		t.Logf("%s: %v through %d chunks (%.1f MiB held); the flood went on meanwhile: +%.1f MiB",
			tc.name, took.Round(time.Millisecond), st.Seq()-markSeq, float64(kept)/(1<<20), float64(after.BytesIn-before.BytesIn)/(1<<20))
	}
}

// BenchmarkFind64MiB searches a full default store (64 MiB of text on 64
// connections, in 4 KiB reads) for a text that is not there: the longest
// a search takes.
func BenchmarkFind64MiB(b *testing.B) {
	st := netassist.NewStore(80 << 20)
	line := []byte("GET /index.html HTTP/1.1\r\nHost: example\r\nAccept: */*\r\n\r\n")
	chunk := bytes.Repeat(line, 4096/len(line)+1)[:4096]
	for c := 0; c < 64; c++ {
		id := st.RecordOpen(netassist.TabServer, "127.0.0.1:7890", fmt.Sprintf("127.0.0.1:%d", 5000+c))
		for i := 0; i < (1<<20)/len(chunk); i++ {
			st.RecordData(id, netassist.In, chunk, 0)
		}
	}
	if kept, dropped := st.Kept(); dropped > 0 || kept < 64<<20 {
		b.Fatalf("kept %d, dropped %d", kept, dropped)
	}
	tab := netassist.Filter{Tab: netassist.TabServer}
	for _, q := range []Query{{Text: `Host: nowhere\r\n`}, {Text: "48 6f 73 74 3a 20 6e 6f 77", Hex: true}} {
		name := "text"
		if q.Hex {
			name = "hex"
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(64 << 20)
			for b.Loop() {
				if _, ok, err := Find(context.Background(), st, tab, q, End, true); ok || err != nil {
					b.Fatal(ok, err)
				}
			}
		})
	}
}

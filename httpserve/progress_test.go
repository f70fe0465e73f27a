package httpserve

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/netassist/netassist/netassist"
)

// waitClosedBy waits until one of the connections closed for why.
func (ts *testServer) waitClosedBy(conns func() []int, why error) string {
	ts.t.Helper()
	var err string
	ts.waitFor("close: "+why.Error(), func() bool {
		for _, id := range conns() {
			if info, ok := ts.store.Conn(netassist.ConnID(id)); ok && !info.Open && strings.Contains(info.Err, why.Error()) {
				err = info.Err
				return true
			}
		}
		return false
	})
	return err
}

// At the cap, a newcomer is served at once: the connection idle longest
// is shed (its close says so), never one whose request is held.
func TestShedAtCap(t *testing.T) {
	ts := startServer(t, Config{MaxConns: 3, ShedAfter: time.Nanosecond})
	ts.srv.SetHold(true)
	held := ts.dial()
	io.WriteString(held, "GET /held HTTP/1.1\r\nHost: x\r\n\r\n")
	ts.waitFor("held", func() bool { return len(ts.srv.Held()) == 1 })
	ts.srv.SetHold(false)
	idle1, idle2 := ts.dial(), ts.dial()
	ts.waitFor("3 open", func() bool { return ts.store.Totals(ts.srv.tab).Open == 3 })
	// The newcomer gets its answer although every slot was taken.
	c := ts.dial()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("newcomer at the cap: %v %v", resp, err)
	}
	ts.waitClosedBy(func() []int { return []int{2, 3} }, errShed)
	// The held request is still held, and can be answered.
	if len(ts.srv.Held()) != 1 {
		t.Fatal("the held request was shed")
	}
	ts.srv.Release(ts.srv.Held()[0].ID, []byte("HTTP/1.1 204 No Content\r\n\r\n"))
	if resp, err := http.ReadResponse(bufio.NewReader(held), nil); err != nil || resp.StatusCode != 204 {
		t.Fatalf("held reply: %v %v", resp, err)
	}
	idle1.Close()
	idle2.Close()
}

// A head that trickles in below the minimum rate is cut, long before
// ReadHeaderTimeout.
func TestSlowHeadCut(t *testing.T) {
	ts := startServer(t, Config{MinHeadRate: 64, HeadGrace: 100 * time.Millisecond})
	c := ts.dial()
	start := time.Now()
	io.WriteString(c, "GET / HTTP/1.1\r\nX-Slow: ")
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := c.Read(make([]byte, 1)); err == nil || errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("slow head not cut: %v", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("cut after %v", d)
	}
	ts.waitClosedBy(func() []int { return []int{1} }, errHeadTooSlow)
	// A head sent at once is not affected.
	if resp, _ := ts.get("/"); resp.StatusCode != 200 {
		t.Errorf("normal request: %d", resp.StatusCode)
	}
}

// A response the client does not read is cut once a write has made no
// progress for SendTimeout.
func TestSendStalledCut(t *testing.T) {
	dir := t.TempDir()
	big := make([]byte, 32<<20)
	os.WriteFile(filepath.Join(dir, "big.bin"), big, 0o644)
	ts := startServer(t, Config{Root: dir, SendTimeout: 300 * time.Millisecond})
	d := net.Dialer{Control: nil}
	nc, err := d.Dial("tcp", ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	tc := nc.(*net.TCPConn)
	tc.SetReadBuffer(4096)
	io.WriteString(tc, "GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
	ts.waitClosedBy(func() []int { return []int{1} }, errSendStalled)
	if info, _ := ts.store.Conn(1); info.BytesOut >= int64(len(big)) {
		t.Errorf("sent %d of %d", info.BytesOut, len(big))
	}
}

// A response read slowly but steadily is never cut, however long the
// whole write takes: the rule is about progress, not duration. The file
// goes out in one sendfile call, resumed at each check that saw bytes
// move.
func TestSendSlowButProgressingKept(t *testing.T) {
	dir := t.TempDir()
	big := make([]byte, 16<<20) // four times what the kernel's buffers can hold
	for i := range big {
		big[i] = byte(i * 7)
	}
	os.WriteFile(filepath.Join(dir, "big.bin"), big, 0o644)
	// The send timeout is far above the machine's scheduling hiccups and
	// the kernel's wake-ups: a blocked write is woken only when a good part
	// of the send buffer (megabytes on loopback) drained, 100-200 ms at
	// this pace under -race, so a 200 ms timeout cut a reader that never
	// stopped reading.
	ts := startServer(t, Config{Root: dir, SendTimeout: time.Second})
	nc, err := net.Dial("tcp", ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	tc := nc.(*net.TCPConn)
	tc.SetReadBuffer(16 << 10)
	io.WriteString(tc, "GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
	tc.SetReadDeadline(time.Now().Add(20 * time.Second))
	br := bufio.NewReaderSize(tc, 16<<10)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	// A paced reader: 128 KiB every 25 ms, so the body takes about 3.2 s,
	// three send timeouts.
	var got []byte
	buf := make([]byte, 128<<10)
	for {
		n, err := io.ReadFull(resp.Body, buf)
		got = append(got, buf[:n]...)
		if err != nil {
			break
		}
		time.Sleep(25 * time.Millisecond) // pacing, not a wait for a condition
	}
	if !bytes.Equal(got, big) {
		t.Fatalf("got %d of %d bytes", len(got), len(big))
	}
	if info, _ := ts.store.Conn(1); strings.Contains(info.Err, errSendStalled.Error()) {
		t.Fatalf("cut: %s", info.Err)
	}
}

// The second response on a keep-alive connection, sent right after the
// first (the progress deadline armed for the first is kept in force when
// net/http sets its own), is cut the same when the client stops reading.
func TestSendStalledCutAfterKeepAlive(t *testing.T) {
	dir := t.TempDir()
	big := make([]byte, 32<<20)
	os.WriteFile(filepath.Join(dir, "big.bin"), big, 0o644)
	os.WriteFile(filepath.Join(dir, "small.txt"), []byte("small"), 0o644)
	ts := startServer(t, Config{Root: dir, SendTimeout: 300 * time.Millisecond})
	nc, err := net.Dial("tcp", ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	tc := nc.(*net.TCPConn)
	tc.SetReadBuffer(4096)
	br := bufio.NewReader(tc)
	io.WriteString(tc, "GET /small.txt HTTP/1.1\r\nHost: x\r\n\r\n")
	if resp := readResponses(t, br, 1)[0]; resp.StatusCode != 200 {
		t.Fatalf("small: %d", resp.StatusCode)
	}
	io.WriteString(tc, "GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
	ts.waitClosedBy(func() []int { return []int{1} }, errSendStalled)
	if info, _ := ts.store.Conn(1); info.BytesOut >= int64(len(big)) {
		t.Errorf("sent %d of %d", info.BytesOut, len(big))
	}
}

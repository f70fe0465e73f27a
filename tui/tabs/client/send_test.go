package client

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/history"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

func TestClientTabRepeatAndHistory(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		c, err := ln.Accept()
		if err == nil {
			accepted <- c
		}
	}()
	dir := t.TempDir()
	h := start(t, 120, 30, newClient(), ln.Addr().String(), options{dir: dir})
	h.Contains("● connected to")
	conn := <-accepted
	defer conn.Close()

	h.Key(tuitest.Alt('k'))
	h.Type(`#{{seq}}\n`)
	h.StartRepeat("20ms")
	var got bytes.Buffer
	buf := make([]byte, 4096)
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	for !strings.Contains(got.String(), "#3\n") {
		n, err := conn.Read(buf)
		if err != nil {
			t.Fatal(err)
		}
		got.Write(buf[:n])
	}
	if !strings.HasPrefix(got.String(), "#1\n#2\n#3\n") {
		t.Errorf("client repeat sent %q", got.String())
	}
	conn.Close() // the server goes away: the repeat stops with a message
	h.Contains("repeat stopped after")
	tuitest.WaitFor(t, "the history file", func() bool {
		hist, _ := history.Load(dir)
		l := hist.List(string(netassist.TabClient))
		return len(l) == 1 && l[0].Text == `#{{seq}}\n`
	})
	h.Key(tuitest.Alt('k'))
	h.Gone(`#{{seq}}\n`) // cleared, so what comes back is the recall
	h.Key(tuitest.AltUp)
	h.Contains(`#{{seq}}\n`)
	h.Quit()
}

// The display keys work the same in the Client tab; w saves its newest
// connection's received bytes.
func TestRecvClientTabEncodingAndSave(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	payload := []byte("\xC4\xE3\xBA\xC3\r\n")
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		c.Write(payload)
		buf := make([]byte, 1)
		c.Read(buf) // until the test ends
	}()
	h := start(t, 160, 30, newClient(), ln.Addr().String(), options{saveDir: dir})
	h.Contains(`\xC4\xE3\xBA\xC3\r\n`)
	h.Key(tuitest.Alt('g'))
	h.Contains("你好")
	h.Contains("Receive · following · GBK")

	h.Key(tuitest.Tab) // send → receive
	h.Key(tuitest.Plain('p'))
	h.Contains("Receive · paused")
	h.Key(tuitest.Plain('p'))
	h.Contains("Receive · following · GBK")

	h.Key(tuitest.Plain('w'))
	h.Shown("saved " + filepath.Join(dir, "netassist-conn1-"))
	files, _ := filepath.Glob(filepath.Join(dir, "netassist-conn1-*.bin"))
	if len(files) != 1 {
		t.Fatalf("files %v", files)
	}
	if got, _ := os.ReadFile(files[0]); !bytes.Equal(got, payload) {
		t.Fatalf("saved %q, want %q", got, payload)
	}
	h.Quit()
}

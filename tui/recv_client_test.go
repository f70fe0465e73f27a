package tui

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"testing"
)

// The display keys work the same in the Client tab; w saves its newest
// connection's received bytes.
func TestRecvClientTabEncodingAndSave(t *testing.T) {
	t.Chdir(t.TempDir())
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
	h := newClientHarness(t, 160, 30, newClient(), ln.Addr().String())
	h.contains(`\xC4\xE3\xBA\xC3\r\n`)
	h.key(alt('g'))
	h.contains("你好")
	h.contains("Receive · following · GBK")

	h.key(keyTab) // send → receive
	h.key(plain('p'))
	h.contains("Receive · paused")
	h.key(plain('p'))
	h.contains("Receive · following · GBK")

	h.key(plain('w'))
	h.shown("saved netassist-conn1-")
	files, _ := filepath.Glob("netassist-conn1-*.bin")
	if len(files) != 1 {
		t.Fatalf("files %v", files)
	}
	if got, _ := os.ReadFile(files[0]); !bytes.Equal(got, payload) {
		t.Fatalf("saved %q, want %q", got, payload)
	}
	h.quit()
}

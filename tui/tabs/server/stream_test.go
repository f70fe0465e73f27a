package server

import (
	"net"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/netassist/netassist/tui/internal/tuitest"
)

// The receive pane decodes each connection's stream, not each read (issue
// 12 item 3): tests on real loopback sockets, each write its own read.

// chunkLines returns, for each ◀ in header on screen, the text of the
// rows under it up to the next header or event line, joined.
func chunkBodies(screen string) []string {
	var out []string
	cur := -1
	for _, l := range strings.Split(screen, "\n") {
		l = strings.Trim(l, "│ ")
		switch {
		case strings.Contains(l, "◀ in"):
			out = append(out, "")
			cur = len(out) - 1
		case strings.Contains(l, "connected from"), strings.Contains(l, "finished sending"), strings.Contains(l, "closed by"), strings.HasPrefix(l, "╰"):
			cur = -1
		case cur >= 0:
			out[cur] += l
		}
	}
	return out
}

// waitBodies waits until the chunk bodies on screen are want, in order.
func waitBodies(h *harness, want ...string) {
	h.T.Helper()
	h.WaitScreen("chunks "+strings.Join(want, " | "), func(s string) bool {
		got := chunkBodies(s)
		return strings.Join(got, " | ") == strings.Join(want, " | ")
	})
}

func TestRecvStreamUTF8Split(t *testing.T) {
	t.Parallel()
	h, c := recvFocused(t, 100, 30)
	b := []byte("你好世界")
	c.write(string(b[:4])) // 你 and the first byte of 好
	c.write(string(b[4:]))
	waitBodies(h, "你", "好世界")
	h.Contains("◀ in  4 B (1 B held)")
	h.Contains("◀ in  8 B")
	h.Lacks(`\x`)
	h.Quit()
}

func TestRecvStreamGBKSplit(t *testing.T) {
	t.Parallel()
	h, c := recvFocused(t, 100, 30)
	h.Key(tuitest.Plain('e'))
	h.Contains("Receive · following · GBK")
	b, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("你好世界"))
	c.write(string(b[:3])) // 你 and the lead byte of 好
	c.write(string(b[3:]))
	waitBodies(h, "你", "好世界")
	h.Lacks("檬") // decoded out of step, 好世界 reads 檬澜…
	h.Lacks(`\x`)

	// Changing the encoding renders again, stream by stream.
	h.Key(tuitest.Plain('e'))
	h.Contains("Receive · following · GB18030")
	waitBodies(h, "你", "好世界")
	h.Quit()
}

func TestRecvStreamGB18030Split(t *testing.T) {
	t.Parallel()
	h, c := recvFocused(t, 100, 30)
	h.Key(tuitest.Plain('e'))
	h.Key(tuitest.Plain('e'))
	h.Contains("Receive · following · GB18030")
	// 😀 is a four-byte sequence in GB18030: split it 1+3, then 2+2.
	b, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("中😀文😀"))
	if len(b) != 12 {
		t.Fatalf("GB18030 bytes %x", b)
	}
	c.write(string(b[:3]))  // 中, then 1 byte of 😀
	c.write(string(b[3:8])) // 3 bytes of 😀, 文
	c.write(string(b[8:10]))
	c.write(string(b[10:]))
	waitBodies(h, "中", "😀文", "", "😀")
	h.Contains("◀ in  2 B (2 B held)")
	h.Lacks(`\x`)
	h.Quit()
}

// Interleaved connections (the "all connections" view) keep their own
// streams: each half character completes with its own connection's bytes.
func TestRecvStreamsDoNotMix(t *testing.T) {
	t.Parallel()
	h, c1 := recvFocused(t, 100, 30)
	c2 := &connWriter{h: h, c: h.dial()}
	h.Contains("#2 connected from")
	n, h2 := []byte("你"), []byte("好")
	c1.write(string(n[:2]))
	c2.write(string(h2[:1]))
	c1.write(string(n[2:]) + "1")
	c2.write(string(h2[1:]) + "2")
	waitBodies(h, "", "", "你1", "好2")
	h.Lacks(`\x`)

	// Filtered to one connection, the same.
	h.Key(tuitest.Tab) // connection list
	h.Key(tuitest.Down)
	h.Key(tuitest.Down)
	h.Contains("Receive #2")
	waitBodies(h, "", "好2")
	h.Quit()
}

// A stream that ends mid-character shows the bytes it held on its FIN
// line, escaped; the connection stays open for replies.
func TestRecvStreamFINShowsHeldBytes(t *testing.T) {
	t.Parallel()
	h, c := recvFocused(t, 100, 30)
	c.write("ab\xE4\xBD")
	waitBodies(h, "ab")
	c.c.(*net.TCPConn).CloseWrite()
	h.Contains("#1 peer finished sending (FIN)")
	h.Contains(`ended mid-character: \xE4\xBD`)
	s := h.Screen()
	if !regexp.MustCompile(`peer finished sending \(FIN\).*\n.*ended mid-character: \\xE4\\xBD`).MatchString(s) {
		t.Fatalf("held bytes not under the FIN line:\n%s", s)
	}
	h.Quit()
}

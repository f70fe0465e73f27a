package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// A client that speaks plain HTTP to the Server tab's TLS port fails its
// handshake: the engine's error event reaches the status line (breaker-2
// D8: it reached headless and --record only).
func TestUnaskedErrorReachesTheStatusLine(t *testing.T) {
	hs := app{}.start(t, 120, 30)
	hs.Contains("● listening on 127.0.0.1:")
	hs.Key(switchKey)
	tuitest.WaitFor(t, "TLS", func() bool { return hs.srv.Proto() == netassist.ProtoTLS && hs.srv.Addr() != nil })
	// The listen's own status first: shown later, it would replace the
	// handshake error this test waits for.
	hs.Contains(" with TLS, certificate SHA-256 fingerprint")
	c := tuitest.Dial(t, hs.srv.Addr().String())
	if _, err := c.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	hs.WaitScreen("the handshake error", func(s string) bool {
		return strings.Contains(s, "TLS handshake with "+c.LocalAddr().String()+" failed")
	})
}

// In the Chinese UI the handshake error is said in Chinese (breaker-2 D9),
// on the status line wrapped at spaces.
func TestUnaskedErrorInChinese(t *testing.T) {
	hs := app{set: func(c *Config) { c.Lang = i18n.LangChinese }}.start(t, 120, 30)
	hs.Contains("● 正在监听 127.0.0.1:")
	hs.Key(switchKey)
	tuitest.WaitFor(t, "TLS", func() bool { return hs.srv.Proto() == netassist.ProtoTLS && hs.srv.Addr() != nil })
	// The listen's own status first: shown later, it would replace the
	// handshake error this test waits for.
	hs.Contains("正在以 TLS 监听")
	c := tuitest.Dial(t, hs.srv.Addr().String())
	if _, err := c.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	hs.WaitScreen("the handshake error in Chinese", func(s string) bool {
		return strings.Contains(s, "与 "+c.LocalAddr().String()+" 的 TLS 握手失败：对方发来的第一条记录不是 TLS 握手")
	})
}

// The feed keeps unasked errors only, the newest maxQueuedErrors of them,
// and hands them over in order.
func TestErrorFeedQueue(t *testing.T) {
	st := netassist.NewStore(0)
	f := newErrorFeed()
	st.AddSink(f)
	st.RecordError(netassist.TabServer, "an action's own result")
	for i := range maxQueuedErrors + 5 {
		st.RecordUnaskedError(netassist.TabWeb, fmt.Sprint("e", i))
	}
	msg := f.wait(context.Background())().(engineErrorsMsg)
	if len(msg) != maxQueuedErrors || msg[0].Text != "e5" || msg[len(msg)-1].Text != fmt.Sprint("e", maxQueuedErrors+4) || msg[0].Tab != netassist.TabWeb {
		t.Fatalf("%d queued, first %+v", len(msg), msg[0])
	}
}

// On UDP the list's title gives the peer cap in force, not the TCP
// connection cap (breaker-2: "Peers · max 19744" where 10,000 applies).
func TestUDPPeerCapBadge(t *testing.T) {
	hs := app{set: func(c *Config) { c.Server.MaxConns = 2 * netassist.MaxUDPPeers }}.start(t, 100, 30)
	hs.Contains("● listening on 127.0.0.1:")
	hs.Contains("max 20000")
	hs.Key(switchKey)
	hs.Key(switchKey)
	tuitest.WaitFor(t, "UDP", func() bool { return hs.srv.Proto() == netassist.ProtoUDP && hs.srv.Addr() != nil })
	hs.Contains(fmt.Sprintf("Peers · max %d", netassist.MaxUDPPeers))
	hs.Contains("no peers yet") // not "no connections yet"
}

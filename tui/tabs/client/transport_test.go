package client

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// Tests of UDP and TLS in the Client tab (issue 16 item 3), on real
// sockets on 127.0.0.1.

var switchKey = tuitest.Ctrl('t')

// echoUDP is a UDP server on 127.0.0.1 that answers each datagram with
// "echo: " and the datagram; got receives what it read.
func echoUDP(t *testing.T) (addr string, got <-chan string) {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	ch := make(chan string, 1000)
	go func() {
		buf := make([]byte, 70000)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			ch <- string(buf[:n])
			pc.WriteTo(append([]byte("echo: "), buf[:n]...), from)
		}
	}()
	return pc.LocalAddr().String(), ch
}

func recv(t *testing.T, got <-chan string) string {
	t.Helper()
	select {
	case s := <-got:
		return s
	case <-time.After(5 * time.Second):
		t.Fatal("no datagram")
		return ""
	}
}

func TestUDPClientSwitchSendReceive(t *testing.T) {
	t.Parallel()
	addr, got := echoUDP(t)
	h := newClientHarness(t, 200, 30, newClient(), "")
	h.Contains("Connect to TCP")
	h.Key(switchKey)
	h.StatusShows("protocol TLS: enter or ctrl+r connects with it")
	h.Key(switchKey)
	h.StatusShows("protocol UDP")
	h.Contains("Connect to UDP")
	h.Type(addr)
	h.Key(tuitest.Enter)
	h.Contains("● datagrams to " + addr)
	h.StatusShows("datagrams to " + addr) // not "connected" (breaker-2 nit 11)

	h.Key(tuitest.Alt('k'))
	h.Type("ping {{seq}}")
	h.Key(tuitest.Send)
	h.StatusShows("sent 6 bytes to " + addr)
	if s := recv(t, got); s != "ping 1" {
		t.Fatalf("server got %q", s)
	}
	h.Contains("echo: ping 1")
	h.Contains("#1 datagrams to " + addr) // our peer: not "new UDP peer"

	// No half-close on UDP: the key says why, the hints leave it out.
	if strings.Contains(h.StatusLine(), "alt+f") {
		t.Fatal("half-close offered on UDP")
	}
	h.Key(tuitest.Alt('f'))
	h.StatusShows("UDP has no half-close")

	// A repeat of N datagrams arrives as N.
	h.StartRepeat("5ms")
	for i := 2; i <= 11; i++ {
		if s, want := recv(t, got), fmt.Sprintf("ping %d", i); s != want {
			t.Fatalf("datagram %q, want %q", s, want)
		}
	}
	h.Key(tuitest.Alt('y'))
	h.StatusShows("stopped")
	st := h.store.Totals(netassist.TabClient)
	out := int(st.BytesOut)
	seen := 11
	for sum := sumPings(seen); sum < out; sum = sumPings(seen) {
		seen++
		if s, want := recv(t, got), fmt.Sprintf("ping %d", seen); s != want {
			t.Fatalf("datagram %q, want %q", s, want)
		}
	}

	// A file split at 100 bytes: three datagrams.
	file := filepath.Join(t.TempDir(), "f.bin")
	os.WriteFile(file, []byte(strings.Repeat("z", 250)), 0o644)
	h.Key(tuitest.Ctrl('o'))
	h.Key(tuitest.Ctrl('u'))
	h.Type(file)
	h.Key(tuitest.Enter)
	h.Contains("Datagrams: ")
	h.Type("100")
	h.Key(tuitest.Enter)
	h.StatusShows("in 3 datagram")
	for _, n := range []int{100, 100, 50} {
		if s := recv(t, got); s != strings.Repeat("z", n) {
			t.Fatalf("piece of %d bytes, want %d", len(s), n)
		}
	}

	// Too large for one datagram: refused whole, with the sizes.
	h.Key(tuitest.Alt('k'))
	h.Paste(strings.Repeat(strings.Repeat("y", 98)+"\n", 700))
	h.Contains("70000 bytes")
	h.Key(tuitest.Send)
	h.StatusShows("70000 bytes are too large for one datagram (at most 65507; split them into datagrams)")

	h.Key(tuitest.Alt('i'))
	h.Contains("Details · #1")
	h.Contains("#1 UDP · " + addr)
	h.Contains("a datagram holds at most 65507 bytes")
	h.Quit()
}

func sumPings(n int) int {
	s := 0
	for i := 1; i <= n; i++ {
		s += len(fmt.Sprintf("ping %d", i))
	}
	return s
}

// A TLS connection (as --tls --cacert gives): the version on the address
// line, "TLS decrypted" over the plaintext, the session and the server's
// certificate whole in the details view.
func TestTLSClientShowsSession(t *testing.T) {
	t.Parallel()
	ts := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "secret reply")
	}))
	ts.StartTLS()
	t.Cleanup(ts.Close)
	addr := strings.TrimPrefix(ts.URL, "https://")
	pool := x509.NewCertPool()
	pool.AddCert(ts.Certificate())
	c := newClient()
	c.Transport, c.TLS = netassist.ProtoTLS, &tls.Config{RootCAs: pool}
	h := newClientHarness(t, 160, 40, c, addr)
	h.Contains("Connect to TLS")
	h.Contains("● connected to " + addr + " · TLS 1.3")
	h.Contains("Receive · TLS decrypted")
	h.Key(tuitest.Send)             // the GET template
	h.StatusShows("sent 101 bytes") // before the next status
	h.Contains("secret reply")
	h.Contains(`GET / HTTP/1.1\r\n`)

	h.Key(tuitest.Alt('i'))
	h.Contains("Details · #1")
	h.Contains("TLS 1.3 · shown decrypted · cipher TLS_AES_128_GCM_SHA256")
	h.Contains("no SNI") // an IP address is never sent as SNI (RFC 6066 §3)
	h.Contains("the server's certificate for example.com, *.example.com, 127.0.0.1, ::1")
	h.Contains(netassist.Fingerprint(ts.Certificate().Raw))
	h.Key(tuitest.Esc)
	h.Gone("Details · #1")

	// ctrl+t picks the next connect's protocol; this connection stays.
	h.Key(switchKey)
	h.StatusShows("protocol UDP")
	h.Contains("· TLS 1.3")
	h.Quit()
}

// A certificate the client does not trust: the connect fails with one
// line saying why.
func TestTLSClientRefusesUntrusted(t *testing.T) {
	t.Parallel()
	ts := httptest.NewTLSServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	ts.Config.ErrorLog = nil
	t.Cleanup(ts.Close)
	addr := strings.TrimPrefix(ts.URL, "https://")
	h := newClientHarness(t, 250, 30, newClient(), "")
	h.Key(switchKey)
	h.StatusShows("protocol TLS")
	h.Type(addr)
	h.Key(tuitest.Enter)
	h.StatusShows("certificate refused: signed by an unknown authority")
	h.Contains("--insecure")
	h.Quit()
}

// The details view is exactly the size given, tiny sizes included.
func TestInfoViewFitsEverySize(t *testing.T) {
	c := newClient()
	defer c.Close()
	tab := New(common.Default(), Config{Client: c, Store: c.Store, Addr: "127.0.0.1:9"})
	tab.showInfo = true
	for _, sz := range tuitest.Sizes {
		tab.SetSize(sz[0], sz[1])
		tuitest.CheckSize(t, "client tab", tab.View(), sz[0], sz[1])
	}
}

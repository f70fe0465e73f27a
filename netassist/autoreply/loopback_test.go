package autoreply

import (
	"io"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/netassist/netassist/netassist"
)

// startServer runs a netassist.Server on 127.0.0.1:0 whose AutoReply hook is
// a's, and closes it at the end of the test.
func startServer(t *testing.T, a *Active) (*netassist.Server, string) {
	t.Helper()
	// CloseOnFIN: exchange half-closes and reads until the server closes,
	// as headless does once the reply is out.
	s := &netassist.Server{Store: netassist.NewStore(0), AutoReply: a.AutoReply, CloseOnFIN: true}
	addr, err := s.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, addr.String()
}

// exchange sends msg on a new connection, half-closes it and returns all
// the server sends back before it closes the connection. The server closes
// once the peer is done and any reply is out, so this needs no sleeps: the
// absence of a reply reads as an empty result.
func exchange(t *testing.T, addr, msg string) string {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := c.Write([]byte(msg)); err != nil {
		t.Fatal(err)
	}
	if err := c.(*net.TCPConn).CloseWrite(); err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(c)
	if err != nil {
		t.Fatalf("reading the reply to %q: %v", msg, err)
	}
	return string(got)
}

// The acceptance table: contains, prefix and regex with captures, against
// real loopback connections.
func TestLoopback(t *testing.T) {
	rules := []Rule{
		{Match: Regex, Pattern: `^GET (/\S*) HTTP/(1\.[01])\r\n`, Reply: `HTTP/$2 200 OK\r\nContent-Length: 0\r\nX-Path: $1\r\n\r\n`},
		{Match: Prefix, Pattern: `\x01\x03`, Reply: "01 03 02 00 2A 38 5B", ReplyHex: true},
		{Match: Contains, Pattern: "PING", Reply: `PONG\r\n`},
		{Match: Regex, Pattern: `id=(\d+);name=(\w+)`, Reply: `hello $2 (#$1)`},
	}
	rs, err := Compile(rules)
	if err != nil {
		t.Fatal(err)
	}
	var a Active
	a.Set(rs)
	_, addr := startServer(t, &a)

	tests := []struct{ name, send, want string }{
		{"regex-captures", "GET /a/b?c HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Path: /a/b?c\r\n\r\n"},
		{"prefix-binary", "\x01\x03\x00\x00\x00\x01", "\x01\x03\x02\x00\x2A\x38\x5B"},
		{"prefix-not-at-start", "\x00\x01\x03", ""},
		{"contains", "say PING now", "PONG\r\n"},
		{"regex-two-groups", "...id=42;name=bob...", "hello bob (#42)"},
		{"no-match", "nothing to see", ""},
		{"regex-anchored-no-match", "POST / HTTP/1.1\r\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := exchange(t, addr, tt.send); got != tt.want {
				t.Errorf("sent %q, got back %q, want %q", tt.send, got, tt.want)
			}
		})
	}
	if got, want := rs.Hits(), []uint64{1, 1, 1, 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("Hits() = %v, want %v", got, want)
	}
}

// A close-after rule replies, then the server closes: the client sees the
// reply and EOF without closing its side.
func TestLoopbackCloseAfter(t *testing.T) {
	var a Active
	a.Set(mustCompile(t,
		Rule{Match: Prefix, Pattern: "QUIT", Reply: `bye\r\n`, CloseAfter: true},
		Rule{Match: Prefix, Pattern: "", Reply: `ok\r\n`},
	))
	_, addr := startServer(t, &a)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))

	// One message at a time, each answered before the next is sent, so
	// each is one read on the server.
	buf := make([]byte, 64)
	c.Write([]byte("hello"))
	if _, err := io.ReadFull(c, buf[:4]); err != nil || string(buf[:4]) != "ok\r\n" {
		t.Fatalf("first reply %q, %v", buf[:4], err)
	}
	c.Write([]byte("QUIT"))
	got, err := io.ReadAll(c)
	if err != nil || string(got) != "bye\r\n" {
		t.Fatalf("after QUIT read %q, %v; want the reply then EOF", got, err)
	}
}

// Rules swapped into Active take effect for the next read, on a server
// that keeps running.
func TestLoopbackSwap(t *testing.T) {
	var a Active
	_, addr := startServer(t, &a)
	if got := exchange(t, addr, "x"); got != "" {
		t.Fatalf("no rules: got %q", got)
	}
	a.Set(mustCompile(t, Rule{Pattern: "x", Reply: "y"}))
	if got := exchange(t, addr, "x"); got != "y" {
		t.Fatalf("after Set: got %q", got)
	}
}

// Saved rules survive a restart: a new process loading the same folder
// gets the same list, which compiles and matches the same.
func TestSaveLoad(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "netassist")
	if rules, err := Load(dir); err != nil || rules != nil {
		t.Fatalf("Load of a missing file = %v, %v", rules, err)
	}
	rules := []Rule{
		{Match: Regex, Pattern: `^GET (\S+)`, Reply: `got $1\r\n`, CloseAfter: true},
		{Match: Prefix, Pattern: "01 03", PatternHex: true, Reply: "01 83 02", ReplyHex: true},
		{Match: Contains, Pattern: "你好\\x00", Reply: "再见", Disabled: true},
	}
	if err := Save(dir, rules); err != nil {
		t.Fatal(err)
	}
	got, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, rules) {
		t.Fatalf("Load = %+v, want %+v", got, rules)
	}
	rs, err := Compile(got)
	if err != nil {
		t.Fatal(err)
	}
	if reply, _, _, ok := rs.Match([]byte("GET /x HTTP/1.1")); !ok || string(reply) != "got /x\r\n" {
		t.Errorf("loaded rules reply %q, %v", reply, ok)
	}

	// The file is where the UI says it is, and saving again replaces it
	// without leaving temporary files.
	path, _ := Path(dir)
	if path != filepath.Join(dir, "autoreply.json") {
		t.Errorf("Path = %q", path)
	}
	if err := Save(dir, rs.List()[:1]); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != FileName {
		t.Errorf("config folder holds %v", entries)
	}
	if got, _ := Load(dir); len(got) != 1 {
		t.Errorf("after saving one rule, Load = %+v", got)
	}
	if err := Save(dir, nil); err != nil {
		t.Fatal(err)
	}
	if got, err := Load(dir); err != nil || len(got) != 0 {
		t.Errorf("after saving none, Load = %+v, %v", got, err)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	os.WriteFile(path, []byte("{not json"), 0o600)
	if _, err := Load(dir); err == nil {
		t.Error("Load of bad JSON succeeded")
	}
	os.WriteFile(path, []byte(`{"version":99,"rules":[]}`), 0o600)
	if _, err := Load(dir); err == nil {
		t.Error("Load of a future version succeeded")
	}
}

func TestDefaultPath(t *testing.T) {
	cfg, err := os.UserConfigDir()
	if err != nil {
		t.Skip("no user config folder:", err)
	}
	if p, _ := Path(""); p != filepath.Join(cfg, "netassist", FileName) {
		t.Errorf(`Path("") = %q`, p)
	}
}

package httpserve

import (
	"bufio"
	"bytes"
	"fmt"
	"github.com/netassist/netassist/httpserve/wire"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestContentEncoding: changing only Accept-Encoding gets gzip, br, zstd
// and deflate in turn; each body decodes to the file; q=0 is honoured;
// identity gets the plain file.
func TestContentEncoding(t *testing.T) {
	dir, text := siteDir(t)
	ts := startServer(t, Config{Root: dir})
	tests := []struct {
		ae   string
		want string // Content-Encoding, "" for none
	}{
		{"gzip", "gzip"},
		{"br", "br"},
		{"zstd", "zstd"},
		{"deflate", "deflate"},
		{"gzip, deflate, br, zstd", "zstd"},
		{"zstd;q=0, br;q=0, gzip", "gzip"},
		{"gzip;q=0", ""},
		{"identity", ""},
		{"br;q=0.5, gzip;q=0.9", "gzip"},
	}
	for i, tt := range tests {
		resp, body := ts.get("/page.txt", "Accept-Encoding", tt.ae)
		if resp.StatusCode != 200 {
			t.Fatalf("%q: status %d", tt.ae, resp.StatusCode)
		}
		if got := resp.Header.Get("Content-Encoding"); got != tt.want {
			t.Errorf("%q: Content-Encoding %q, want %q", tt.ae, got, tt.want)
		}
		if v := resp.Header.Get("Vary"); v != "Accept-Encoding" {
			t.Errorf("%q: Vary %q", tt.ae, v)
		}
		plain, err := wire.Decode(tt.want, body)
		if err != nil || !bytes.Equal(plain, text) {
			t.Errorf("%q: body does not decode to the file (%v)", tt.ae, err)
		}
		exs := ts.waitExchanges(i + 1)
		ex := exs[i]
		wantEnc := tt.want
		if wantEnc == "" {
			wantEnc = "identity"
		}
		if ex.Encoding != wantEnc || ex.AcceptEncoding != tt.ae || ex.Forced || !ex.Accepted {
			t.Errorf("%q: record encoding %q ae %q forced %v accepted %v", tt.ae, ex.Encoding, ex.AcceptEncoding, ex.Forced, ex.Accepted)
		}
		if ex.BodyBytes != int64(len(text)) || ex.WireBytes != int64(len(body)) {
			t.Errorf("%q: record sizes %d→%d, want %d→%d", tt.ae, ex.BodyBytes, ex.WireBytes, len(text), len(body))
		}
	}
}

// TestNoEncodingWhenPointless: tiny bodies, already-compressed types and
// requests without Accept-Encoding go out as they are.
func TestNoEncodingWhenPointless(t *testing.T) {
	dir, _ := siteDir(t)
	ts := startServer(t, Config{Root: dir})
	for _, p := range []string{"/tiny.css", "/photo.png"} {
		resp, _ := ts.get(p, "Accept-Encoding", "gzip, br, zstd")
		if ce := resp.Header.Get("Content-Encoding"); ce != "" {
			t.Errorf("%s: Content-Encoding %q", p, ce)
		}
	}
	resp, _ := ts.get("/page.txt")
	if ce := resp.Header.Get("Content-Encoding"); ce != "" {
		t.Errorf("no Accept-Encoding: Content-Encoding %q", ce)
	}
	resp, _ = ts.get("/tiny.css")
	if ct := resp.Header.Get("Content-Type"); ct != "text/css; charset=utf-8" {
		t.Errorf("css Content-Type %q", ct)
	}
}

// TestForcedEncoding: a forced coding is sent even when not accepted, and
// recorded as such; switching at run time takes effect on the next request.
func TestForcedEncoding(t *testing.T) {
	dir, text := siteDir(t)
	ts := startServer(t, Config{Root: dir, Encoding: EncodingGzip})
	resp, body := ts.get("/page.txt", "Accept-Encoding", "br")
	if resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("forced gzip: got %q", resp.Header.Get("Content-Encoding"))
	}
	if plain, err := wire.Decode("gzip", body); err != nil || !bytes.Equal(plain, text) {
		t.Fatal("forced gzip body does not decode")
	}
	ex := ts.waitExchanges(1)[0]
	if !ex.Forced || ex.Accepted || ex.Encoding != "gzip" {
		t.Errorf("record forced %v accepted %v encoding %q", ex.Forced, ex.Accepted, ex.Encoding)
	}
	if s := ex.Summary(); !strings.Contains(s, "forced, not accepted") {
		t.Errorf("summary %q", s)
	}
	// Forced also applies to a tiny file and a PNG.
	resp, _ = ts.get("/tiny.css", "Accept-Encoding", "gzip")
	if resp.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("forced on tiny file: %q", resp.Header.Get("Content-Encoding"))
	}
	if err := ts.srv.SetEncoding(EncodingIdentity); err != nil {
		t.Fatal(err)
	}
	resp, _ = ts.get("/page.txt", "Accept-Encoding", "gzip")
	if ce := resp.Header.Get("Content-Encoding"); ce != "" {
		t.Errorf("identity setting: Content-Encoding %q", ce)
	}
	if err := ts.srv.SetEncoding("lzw"); err == nil {
		t.Error("SetEncoding(lzw): no error")
	}
}

// TestConditionalAndRange: ETag and Last-Modified give 304; Range gives an
// uncompressed 206 even when the client accepts gzip; HEAD has headers
// only.
func TestConditionalAndRange(t *testing.T) {
	dir, text := siteDir(t)
	ts := startServer(t, Config{Root: dir})
	resp, _ := ts.get("/page.txt")
	etag, lm := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	if etag == "" || lm == "" {
		t.Fatalf("no validators: ETag %q Last-Modified %q", etag, lm)
	}
	if resp, _ := ts.get("/page.txt", "If-None-Match", etag); resp.StatusCode != 304 {
		t.Errorf("If-None-Match: %d", resp.StatusCode)
	}
	if resp, _ := ts.get("/page.txt", "If-Modified-Since", lm); resp.StatusCode != 304 {
		t.Errorf("If-Modified-Since: %d", resp.StatusCode)
	}
	// The gzip variant has its own tag.
	resp, _ = ts.get("/page.txt", "Accept-Encoding", "gzip")
	gzTag := resp.Header.Get("ETag")
	if gzTag == etag || gzTag == "" {
		t.Errorf("gzip variant ETag %q equals identity %q", gzTag, etag)
	}
	if resp, _ := ts.get("/page.txt", "Accept-Encoding", "gzip", "If-None-Match", gzTag); resp.StatusCode != 304 {
		t.Errorf("If-None-Match gzip variant: %d", resp.StatusCode)
	}

	resp, body := ts.get("/page.txt", "Accept-Encoding", "gzip, br", "Range", "bytes=100-199")
	if resp.StatusCode != 206 || resp.Header.Get("Content-Encoding") != "" || !bytes.Equal(body, text[100:200]) {
		t.Errorf("Range: %d %q %d bytes", resp.StatusCode, resp.Header.Get("Content-Encoding"), len(body))
	}

	c := &http.Client{}
	hresp, err := c.Head("http://" + ts.addr + "/page.txt")
	if err != nil {
		t.Fatal(err)
	}
	hresp.Body.Close()
	if hresp.StatusCode != 200 || hresp.ContentLength != int64(len(text)) {
		t.Errorf("HEAD: %d length %d", hresp.StatusCode, hresp.ContentLength)
	}
	c.CloseIdleConnections()
}

// TestPathsRefused: dotfiles, traversal in every spelling, encoded slashes,
// NUL and symlinks out of the root are all 404; listing is off by default.
func TestPathsRefused(t *testing.T) {
	dir, _ := siteDir(t)
	outside := filepath.Join(t.TempDir(), "outside.txt")
	os.WriteFile(outside, []byte("secret outside the root"), 0o644)
	if err := os.Symlink(outside, filepath.Join(dir, "escape.txt")); err != nil {
		t.Skip("symlinks unsupported:", err)
	}
	os.Symlink(filepath.Dir(outside), filepath.Join(dir, "escapedir"))
	os.Symlink("page.txt", filepath.Join(dir, "inside.txt"))
	// Links inside the root that lead to dotfiles (issue 13): the rule
	// holds for the resolved path, not only the name asked for.
	os.MkdirAll(filepath.Join(dir, ".git"), 0o755)
	os.WriteFile(filepath.Join(dir, ".git", "config"), []byte("[core] hidden git config"), 0o644)
	os.Symlink(".secret", filepath.Join(dir, "hidlink"))
	os.Symlink(".git", filepath.Join(dir, "gitlink"))
	os.Symlink("../.secret", filepath.Join(dir, "sub", "uplink"))
	os.Symlink("hidlink", filepath.Join(dir, "chain"))
	os.Symlink("loop2", filepath.Join(dir, "loop1"))
	os.Symlink("loop1", filepath.Join(dir, "loop2"))
	os.Symlink("sub/../page.txt", filepath.Join(dir, "dotdot.txt"))
	// A directory whose index.html is a link to a dotfile: the index
	// goes through the same rule as any name served.
	os.MkdirAll(filepath.Join(dir, "linkidx"), 0o755)
	os.Symlink("../.secret", filepath.Join(dir, "linkidx", "index.html"))
	ts := startServer(t, Config{Root: dir})

	refused := []string{
		"/.secret", "/sub/.env", "/../outside.txt", "/sub/../../outside.txt", "/%2e%2e/outside.txt",
		"/%2E%2E%2Foutside.txt", "/sub%2fpage.html", "/page.txt%00", "/sub%5cpage.html",
		"/escape.txt", "/escapedir/outside.txt", "/./page.txt", "//page.txt", "/noindex/",
		"/missing.html", "/hidlink", "/gitlink/config", "/gitlink/", "/sub/uplink", "/chain", "/loop1",
		"/linkidx/", "/linkidx/index.html",
	}
	for _, p := range refused {
		c := ts.dial()
		fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", p)
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 404 && resp.StatusCode != 400 {
			t.Errorf("%s: status %d, want 404", p, resp.StatusCode)
		}
		if bytes.Contains(body, []byte("secret outside")) || bytes.Contains(body, []byte("hidden")) || bytes.Contains(body, []byte("KEY=")) || bytes.Contains(body, []byte("[core]")) {
			t.Errorf("%s: leaked %q", p, body)
		}
	}
	for _, target := range []string{"/linkidx/", "/hidlink", "/gitlink/config"} {
		if _, _, body, err := ts.srv.SiteFile(target, 1<<20); err == nil {
			t.Errorf("SiteFile(%s) read %q", target, body)
		}
	}
	for _, p := range []string{"/inside.txt", "/sub/page.html", "/", "/dotdot.txt"} {
		if resp, _ := ts.get(p); resp.StatusCode != 200 {
			t.Errorf("%s: status %d, want 200", p, resp.StatusCode)
		}
	}
	resp, body := ts.get("/nope")
	if resp.StatusCode != 404 || !strings.Contains(resp.Header.Get("Content-Type"), "text/html") || !bytes.Contains(body, []byte("/nope")) {
		t.Errorf("404 page: %d %q", resp.StatusCode, body)
	}
	// A directory without a slash is redirected.
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	r, err := c.Get("http://" + ts.addr + "/sub")
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != 301 || r.Header.Get("Location") != "sub/" {
		t.Errorf("/sub: %d Location %q", r.StatusCode, r.Header.Get("Location"))
	}
	c.CloseIdleConnections()
}

func TestListing(t *testing.T) {
	dir, _ := siteDir(t)
	ts := startServer(t, Config{Root: dir, List: true})
	resp, body := ts.get("/noindex/")
	if resp.StatusCode != 200 || !bytes.Contains(body, []byte(`href="a.txt"`)) {
		t.Fatalf("listing: %d %q", resp.StatusCode, body)
	}
	_, body = ts.get("/sub/")
	if bytes.Contains(body, []byte(".env")) {
		t.Errorf("listing shows a dotfile: %q", body)
	}
}

func TestMethodNotAllowed(t *testing.T) {
	dir, _ := siteDir(t)
	ts := startServer(t, Config{Root: dir})
	resp, err := http.Post("http://"+ts.addr+"/page.txt", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 405 || resp.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: %d Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
}

// TestSendfilePrefix: a large identity file goes out whole (sendfile), the
// capture keeps the head exactly and a prefix of the body, and counts the
// rest as omitted.
func TestSendfilePrefix(t *testing.T) {
	dir := t.TempDir()
	big := make([]byte, 1<<20)
	for i := range big {
		big[i] = byte(i * 7 >> 3)
	}
	os.WriteFile(filepath.Join(dir, "big.bin"), big, 0o644)
	ts := startServer(t, Config{Root: dir})
	resp, body := ts.get("/big.bin", "Accept-Encoding", "gzip")
	if resp.StatusCode != 200 || !bytes.Equal(body, big) {
		t.Fatalf("big file: %d, %d bytes", resp.StatusCode, len(body))
	}
	ex := ts.waitExchanges(1)[0]
	ts.waitFor("close", func() bool { _, ok := ts.closed(ex.Conn); return ok })
	out, omitted := ts.outbound(ex.Conn)
	head := len(ex.RespHead)
	if head == 0 || !bytes.HasPrefix(out, ex.RespHead) {
		t.Fatalf("response head not captured: %q", out[:min(len(out), 200)])
	}
	if int64(len(out)-head)+omitted != int64(len(big)) {
		t.Errorf("kept %d + omitted %d != %d", len(out)-head, omitted, len(big))
	}
	if !bytes.Equal(out[head:], big[:len(out)-head]) {
		t.Error("captured body prefix differs from the file")
	}
	if omitted == 0 || len(out)-head > DefaultBodyPrefix+512 {
		t.Errorf("kept %d bytes of body, omitted %d: want a prefix", len(out)-head, omitted)
	}
	if ex.BodyBytes != int64(len(big)) || ex.WireBytes != int64(len(big)) || ex.OutBytes != int64(len(out))+omitted {
		t.Errorf("record sizes body %d wire %d out %d", ex.BodyBytes, ex.WireBytes, ex.OutBytes)
	}
	info, _ := ts.store.Conn(ex.Conn)
	if info.BytesOut != int64(len(out))+omitted {
		t.Errorf("conn counter %d, want %d", info.BytesOut, int64(len(out))+omitted)
	}
}

// TestSlowClientCutOff: a client sending its header a byte at a time is
// closed by ReadHeaderTimeout, and meanwhile others are served at once.
func TestSlowClientCutOff(t *testing.T) {
	dir, _ := siteDir(t)
	ts := startServer(t, Config{Root: dir, ReadHeaderTimeout: 300 * time.Millisecond})
	slow := ts.dial()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, b := range []byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n") {
			if _, err := slow.Write([]byte{b}); err != nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	}()
	start := time.Now()
	if resp, _ := ts.get("/page.txt"); resp.StatusCode != 200 {
		t.Fatal(resp.Status)
	}
	if d := time.Since(start); d > 250*time.Millisecond {
		t.Errorf("a normal request took %v while a slow client dribbled", d)
	}
	// net/http answers a request cut off mid-head with 400, then closes.
	got, _ := io.ReadAll(slow)
	if len(got) > 0 && !bytes.HasPrefix(got, []byte("HTTP/1.1 400 ")) {
		t.Errorf("slow client got %q", got)
	}
	<-done
	ts.waitFor("slow conn closed", func() bool { _, ok := ts.closed(1); return ok })
	info, _ := ts.closed(1)
	if info.ClosedBy.String() != "local" || info.Err != "read timeout" {
		t.Errorf("slow conn closed by %q err %q", info.ClosedBy, info.Err)
	}
}

func TestFileETagFormat(t *testing.T) {
	for _, c := range [][2]int64{{0, 0}, {2048, 1764000000123456789}, {1 << 40, -5}} {
		if got, want := fileETag(c[0], c[1]), fmt.Sprintf(`"%x-%x"`, c[0], c[1]); got != want {
			t.Errorf("fileETag(%d, %d) = %s, want %s", c[0], c[1], got, want)
		}
	}
}

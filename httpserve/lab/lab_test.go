package lab

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/i18n"
)

// get fetches path from the server with one Accept-Encoding, undecoded.
func get(t *testing.T, addr, path, ae string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest("GET", "http://"+addr+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Encoding", ae)
	c := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	defer c.CloseIdleConnections()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// The lab's sizes are what the server sends: the demo site's pages from a
// real server, one request per coding, compared with the lab's numbers
// and first bytes (and with Content-Length where the reply has one).
func TestSizesMatchServer(t *testing.T) {
	srv, err := httpserve.New(netassist.NewStore(0), httpserve.Config{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	addr := a.String()
	l := New(0)
	compared := 0
	for _, path := range []string{"/", "/style.css", "/http.html", "/logo.png"} {
		resp, plain := get(t, addr, path, "identity")
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
		r := l.Compute(BodyKey(path, plain), plain)
		if r.Identity() != int64(len(plain)) {
			t.Errorf("%s: identity %d, body %d", path, r.Identity(), len(plain))
		}
		negotiable := httpserve.Negotiable(resp.Header.Get("Content-Type"), int64(len(plain)))
		for _, c := range r.Codings[1:] {
			resp, body := get(t, addr, path, string(c.Encoding))
			if !negotiable {
				if ce := resp.Header.Get("Content-Encoding"); ce != "" {
					t.Errorf("%s: %s sent for a body the server does not compress", path, ce)
				}
				continue
			}
			if ce := resp.Header.Get("Content-Encoding"); ce != string(c.Encoding) {
				t.Fatalf("%s: asked for %s, got %q", path, c.Encoding, ce)
			}
			compared++
			if c.Err != nil || c.Size != int64(len(body)) || !bytes.HasPrefix(body, c.Head) {
				t.Errorf("%s %s: lab %d bytes (%v), server sent %d", path, c.Encoding, c.Size, c.Err, len(body))
			}
			if cl := resp.Header.Get("Content-Length"); cl != "" && cl != strconv.FormatInt(c.Size, 10) {
				t.Errorf("%s %s: Content-Length %s, lab %d", path, c.Encoding, cl, c.Size)
			}
		}
	}
	if compared != 3*4 {
		t.Errorf("%d comparisons, want 12", compared)
	}
}

func TestCache(t *testing.T) {
	l := New(2)
	body := []byte(strings.Repeat("hello, lab ", 200))
	k := BodyKey("/x", body)
	if _, ok := l.Lookup(k); ok {
		t.Fatal("hit before Compute")
	}
	// Concurrent Computes of one key share one result.
	var wg sync.WaitGroup
	results := make([]*Result, 4)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = l.Compute(k, body)
		}()
	}
	wg.Wait()
	for _, r := range results[1:] {
		if r != results[0] {
			t.Error("the same key was measured twice")
		}
	}
	if r, ok := l.Lookup(k); !ok || r != results[0] {
		t.Error("no hit after Compute")
	}
	gz, _ := results[0].Get(httpserve.EncodingGzip)
	if !bytes.HasPrefix(gz.Head, []byte{0x1f, 0x8b}) || gz.Ratio(results[0].Identity()) >= 0.5 {
		t.Errorf("gzip head % x, ratio %.2f", gz.Head[:2], gz.Ratio(results[0].Identity()))
	}
	zs, _ := results[0].Get(httpserve.EncodingZstd)
	if !bytes.HasPrefix(zs.Head, []byte{0x28, 0xb5, 0x2f, 0xfd}) {
		t.Errorf("zstd head % x", zs.Head[:4])
	}
	// Another version is another entry; beyond two, the least recently
	// used goes.
	k2, k3 := BodyKey("/x", body[1:]), BodyKey("/y", body[2:])
	l.Compute(k2, body[1:])
	l.Lookup(k) // k is now more recent than k2
	l.Compute(k3, body[2:])
	if _, ok := l.Lookup(k2); ok || l.Len() != 2 {
		t.Errorf("k2 kept, %d entries", l.Len())
	}
	if _, ok := l.Lookup(k); !ok {
		t.Error("the recently used entry was dropped")
	}
}

func TestWhy(t *testing.T) {
	tests := []struct {
		name   string
		ae     []string
		chosen httpserve.Encoding
		why    string
		want   []string // substrings, in Codings order
	}{
		{"chromium", []string{"gzip, deflate, br, zstd"}, "zstd", httpserve.WhyNegotiated, []string{
			"identity: always acceptable unless refused; zstd won",
			"gzip: accepted at q=1 too; among equals the server prefers zstd",
			"deflate: accepted at q=1 too",
			"br: accepted at q=1 too",
			"zstd: chosen: q=1, as high as any; among equals the server prefers zstd > br > gzip > deflate"}},
		{"weights", []string{"br;q=1, gzip;q=0.8, deflate;q=0"}, "br", httpserve.WhyNegotiated, []string{
			"identity:", "gzip: accepted (q=0.8), but br weighs more (q=1)", "deflate: refused (q=0)",
			"br: the client's first choice (q=1)", "zstd: not offered: the client did not list it"}},
		{"wildcard", []string{"gzip;q=0.5, *;q=0.1"}, "gzip", httpserve.WhyNegotiated, []string{
			"identity:", "gzip: the client's first choice (q=0.5)", "deflate: accepted (q=0.1), but gzip weighs more (q=0.5) (through *)",
			"br: accepted (q=0.1)", "zstd: accepted (q=0.1)"}},
		{"nothing acceptable", []string{"gzip;q=0"}, "identity", httpserve.WhyNegotiated, []string{
			"identity: sent as it is: nothing else the client accepts", "gzip: refused (q=0)", "deflate: not offered", "br: not offered", "zstd: not offered"}},
		{"curl", nil, "identity", httpserve.WhyNoAcceptEncoding, []string{
			"identity: the client sent no Accept-Encoding", "gzip: the client sent no Accept-Encoding", "", "", ""}},
		{"range", []string{"gzip"}, "", httpserve.WhyRange, []string{"identity: a Range request", "", "", "", ""}},
		{"forced", []string{"gzip"}, "br", httpserve.WhyForced, []string{"", "", "", "br: the server's --encoding forces br", ""}},
	}
	for _, tt := range tests {
		rs := Why(tt.ae, tt.chosen, tt.why, i18n.English)
		if len(rs) != len(codings) {
			t.Fatalf("%s: %d reasons", tt.name, len(rs))
		}
		chosen := tt.chosen
		if chosen == "" {
			chosen = httpserve.EncodingIdentity
		}
		for i, r := range rs {
			if !strings.Contains(r.Text, tt.want[i]) {
				t.Errorf("%s: %q, want %q", tt.name, r.Text, tt.want[i])
			}
			if r.Chosen != (r.Encoding == chosen) {
				t.Errorf("%s: %s chosen %v", tt.name, r.Encoding, r.Chosen)
			}
		}
		for _, r := range Why(tt.ae, tt.chosen, tt.why, i18n.Chinese) {
			if r.Text == "" || !strings.ContainsFunc(r.Text, func(c rune) bool { return c > 0x2e80 }) {
				t.Errorf("%s: not in Chinese: %q", tt.name, r.Text)
			}
		}
	}
	i18n.CheckComplete(t, whyTexts)
}

func TestQText(t *testing.T) {
	for q, want := range map[int]string{1000: "1", 500: "0.5", 250: "0.25", 1: "0.001", 0: "0", 800: "0.8"} {
		if got := qText(q); got != want {
			t.Errorf("qText(%d) = %q, want %q", q, got, want)
		}
	}
}

// Lookup is a map read: what a frame pays with the lab open.
func BenchmarkLookup(b *testing.B) {
	l := New(0)
	body := bytes.Repeat([]byte("<p>a page of HTML, repeated</p>\n"), 1<<15) // 1 MiB
	k := BodyKey("/big.html", body)
	l.Compute(k, body)
	b.ResetTimer()
	for b.Loop() {
		if _, ok := l.Lookup(k); !ok {
			b.Fatal("miss")
		}
	}
}

// Compute of 1 MiB of HTML: the work a Cmd does off the UI goroutine.
func BenchmarkCompute1MiB(b *testing.B) {
	body := bytes.Repeat([]byte("<p>a page of HTML, repeated</p>\n"), 1<<15)
	for i := 0; b.Loop(); i++ {
		New(1).Compute(BodyKey(strconv.Itoa(i), body), body)
	}
}

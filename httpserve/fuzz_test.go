package httpserve

import (
	"bytes"
	"io/fs"
	"net/url"
	"strings"
	"testing"
)

// FuzzSiteName: whatever the request path, a name that is accepted is a
// valid fs path with no dot segment, so it cannot leave the root or name a
// dotfile (os.Root then refuses symlinks that lead out).
func FuzzSiteName(f *testing.F) {
	for _, s := range []string{"/", "/a/b.html", "/../x", "/%2e%2e/x", "/a%2fb", "/.env", "/a/./b", "//x", "/a\\..\\b", "/x\x00", "/dir/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, target string) {
		u, err := url.ParseRequestURI(target)
		if err != nil {
			return
		}
		name, ok := siteName(u)
		if !ok {
			return
		}
		if !fs.ValidPath(name) || strings.ContainsAny(name, "\\\x00") {
			t.Fatalf("%q → invalid name %q", target, name)
		}
		for seg := range strings.SplitSeq(name, "/") {
			if name != "." && (seg == "" || seg[0] == '.') {
				t.Fatalf("%q → name %q with segment %q", target, name, seg)
			}
		}
	})
}

// FuzzInStream: framing does not depend on how the stream is split into
// reads, and every byte lands in exactly one request.
func FuzzInStream(f *testing.F) {
	f.Add([]byte("GET / HTTP/1.1\r\nHost: a\r\n\r\nPOST /x HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET /y HTTP/1.1\n\n"), uint8(3))
	f.Add([]byte("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nT: 1\r\n\r\nGET / HTTP/1.1\r\n\r\n"), uint8(1))
	f.Add([]byte("\r\n\r\nGET / HTTP/1.0\r\n\r\n"), uint8(2))
	f.Fuzz(func(t *testing.T, stream []byte, step uint8) {
		var whole, split inStream
		whole.split.MaxHead, split.split.MaxHead = 1<<16, 1<<16
		whole.feed(stream)
		n := int(step%16) + 1
		for i := 0; i < len(stream); i += n {
			split.feed(stream[i:min(i+n, len(stream))])
		}
		a, b := whole.queue, split.queue
		if len(a) != len(b) {
			t.Fatalf("%d requests whole, %d split by %d", len(a), len(b), n)
		}
		var total int64
		for i := range a {
			fa, fb := a[i].frame, b[i].frame
			if fa.Off != fb.Off || !bytes.Equal(fa.Raw, fb.Raw) || !bytes.Equal(a[i].body, b[i].body) ||
				fa.HeadDone != fb.HeadDone || fa.Done != fb.Done {
				t.Fatalf("request %d differs when split by %d", i, n)
			}
			if fa.Off != total {
				t.Fatalf("request %d at %d, want %d", i, fa.Off, total)
			}
			total += fa.HeadLen + fa.BodyLen
		}
		if total != int64(len(stream)) {
			t.Fatalf("framed %d of %d bytes", total, len(stream))
		}
	})
}

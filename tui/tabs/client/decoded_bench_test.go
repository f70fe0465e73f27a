package client

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"testing"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
)

// decodedTab is the Client tab showing the decoded body of a gzip reply
// whose body decodes to n NUL bytes on one line (each drawn as a 4-cell
// `\x00`): the hostile reply of breaker report 1 #1.
func decodedTab(tb testing.TB, n int) *Model {
	tb.Helper()
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(make([]byte, n))
	zw.Close()
	st := netassist.NewStore(64 << 20)
	id := st.RecordOpen(netassist.TabClient, "127.0.0.1:1", "127.0.0.1:2")
	st.RecordData(id, netassist.Out, []byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), 0)
	head := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n", z.Len())
	st.RecordData(id, netassist.In, append([]byte(head), z.Bytes()...), 0)
	t := New(common.Default(), Config{Store: st})
	t.SetSize(80, 22)
	t.reply.refresh(st, id)
	t.showDecoded = true
	return t
}

// BenchmarkDecodedView is one frame of the decoded body (cache warm), for
// a 4 KiB and a 4 MiB one-line body: the cost must not follow the size.
func BenchmarkDecodedView(b *testing.B) {
	for _, n := range []int{4 << 10, 4 << 20} {
		b.Run(fmt.Sprintf("body=%dKiB", n>>10), func(b *testing.B) {
			t := decodedTab(b, n)
			t.decodedView(80, 20)
			b.ReportAllocs()
			for b.Loop() {
				t.decodedView(80, 20)
			}
		})
	}
}

// BenchmarkDecodedToggle is the first frame after alt+z: the body decoded
// (4 MiB of gzip'd NULs inflated) and laid out from the top.
func BenchmarkDecodedToggle(b *testing.B) {
	for _, n := range []int{4 << 10, 4 << 20} {
		b.Run(fmt.Sprintf("body=%dKiB", n>>10), func(b *testing.B) {
			t := decodedTab(b, n)
			b.ReportAllocs()
			for b.Loop() {
				t.reply.decValid = false
				t.dec.key = decodedKey{}
				t.decodedView(80, 20)
			}
		})
	}
}

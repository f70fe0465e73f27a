package web

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/netassist/netassist/httpserve"
	enclab "github.com/netassist/netassist/httpserve/lab"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
)

// labBench is a Web tab at 80×24 whose selected exchange is a 1 MiB HTML
// page sent gzip, measured by the lab beforehand (as its Cmd does).
func labBench(b *testing.B, open bool) *Model {
	b.Helper()
	st := netassist.NewStore(0)
	web, err := httpserve.New(st, httpserve.Config{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { web.Close() })
	var page bytes.Buffer
	for i := 0; page.Len() < 1<<20; i++ {
		fmt.Fprintf(&page, "<p id=\"p%d\">netassist shows every byte: %d</p>\n", i, i*i)
	}
	gz, err := httpserve.Encode(httpserve.EncodingGzip, page.Bytes())
	if err != nil {
		b.Fatal(err)
	}
	req := []byte("GET /big.html HTTP/1.1\r\nHost: bench\r\nAccept-Encoding: gzip\r\n\r\n")
	head := []byte(fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n", len(gz)))
	conn := st.RecordOpen(netassist.TabWeb, "127.0.0.1:8080", "127.0.0.1:40000")
	st.RecordData(conn, netassist.In, req, 0)
	st.RecordData(conn, netassist.Out, head, 0)
	for off := 0; off < len(gz); off += 32 << 10 {
		st.RecordData(conn, netassist.Out, gz[off:min(off+32<<10, len(gz))], 0)
	}
	ex := &httpserve.Exchange{ID: 1, Conn: conn, Method: "GET", Target: "/big.html", Proto: "HTTP/1.1",
		RawHead: req, HeadLen: int64(len(req)), AcceptEncoding: "gzip", HasAcceptEncoding: true,
		Encoding: "gzip", ContentEncoding: "gzip", Why: httpserve.WhyNegotiated, ClientQ: 1000, Accepted: true,
		Status: 200, RespHead: head, BodyBytes: int64(page.Len()), WireBytes: int64(len(gz)),
		OutBytes: int64(len(head) + len(gz)), Reply: httpserve.ReplyStatic}
	st.RecordDetail(conn, ex)
	t := New(common.Default(), Config{Web: web, Store: st, Addr: "127.0.0.1:0"})
	t.SetSize(80, 21)
	t.View()
	if open {
		t.openLab() // opens the overlay; its Cmd is not run here
		res := t.labs.Compute(enclab.BodyKey("#1", page.Bytes()), page.Bytes())
		t.lab.SetResult(res, page.Bytes()[:labPlain], "bench")
		if !t.OverlayOpen() {
			b.Fatal("the lab is not open")
		}
	}
	t.View()
	return t
}

// A frame with the lab open costs what a frame without it does: the lab
// draws what its Cmd measured, from lines built once (issue 14: 1 MB
// body).
//
//	go test -run '^$' -bench Frame ./tui/tabs/web
func BenchmarkFrameLabClosed(b *testing.B) { benchFrames(b, labBench(b, false)) }
func BenchmarkFrameLabOpen(b *testing.B)   { benchFrames(b, labBench(b, true)) }

func benchFrames(b *testing.B, t *Model) {
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		t.View()
	}
}

package httpserve

import "testing"

// The record keeps exactly the final response head, however the server's
// writes split it, with 1xx interim responses skipped and the body not kept.
func TestExchangeKeepsTheFinalResponseHead(t *testing.T) {
	final := "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\n"
	for _, c := range []struct{ name, wire string }{
		{"head and body", final + "hello"},
		{"interim first", "HTTP/1.1 100 Continue\r\n\r\n" + final + "hello"},
		{"two interims", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </s.css>\r\n\r\n" + final + "hello"},
		{"bare LF", "HTTP/1.1 200 OK\nA: b\n\nbody"},
	} {
		want := final
		if c.name == "bare LF" {
			want = "HTTP/1.1 200 OK\nA: b\n\n"
		}
		for cut := 0; cut <= len(c.wire); cut++ {
			for _, cut2 := range []int{cut, min(cut+1, len(c.wire)), min(cut+7, len(c.wire))} {
				var e Exchange
				e.out([]byte(c.wire[:cut]), 0)
				e.out([]byte(c.wire[cut:cut2]), 0)
				e.out([]byte(c.wire[cut2:]), 3)
				if string(e.RespHead) != want || !e.respDone {
					t.Fatalf("%s, writes cut at %d and %d: head %q", c.name, cut, cut2, e.RespHead)
				}
				if e.OutBytes != int64(len(c.wire))+3 {
					t.Fatalf("%s: OutBytes %d", c.name, e.OutBytes)
				}
				if cap(e.RespHead) > 2*len(want)+64 {
					t.Fatalf("%s, cut at %d: head kept in %d bytes", c.name, cut, cap(e.RespHead))
				}
			}
		}
	}
}

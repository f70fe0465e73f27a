package httpserve

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// A 10 MB POST the server answers 405 without reading: the record says
// how much of the announced body reached the capture, and that it was
// cut; the lingering close captured more than net/http read itself, and
// no more than its limit.
func TestUnreadBodyKeptAndCut(t *testing.T) {
	const size = 10 << 20
	ts := startServer(t, Config{LingerBytes: 512 << 10, LingerTimeout: 2 * time.Second})
	c := ts.dial()
	fmt.Fprintf(c, "POST /nothing-here HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n", size)
	writeErr := make(chan error, 1)
	go func() { // the client keeps sending until the server closes
		chunk := []byte(strings.Repeat("b", 64<<10))
		var err error
		for sent := 0; sent < size && err == nil; sent += len(chunk) {
			_, err = c.Write(chunk)
		}
		writeErr <- err
	}()
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("status %d", resp.StatusCode)
	}
	ex := ts.waitExchanges(1)[0]
	if ex.ReqBodyAnnounced != size || !ex.ReqBodyCut || ex.ReqBodyLen <= 0 || ex.ReqBodyLen >= size {
		t.Fatalf("announced %d kept %d cut %v", ex.ReqBodyAnnounced, ex.ReqBodyLen, ex.ReqBodyCut)
	}
	// net/http reads at most 256 KiB of an unread body (plus its buffer)
	// before it gives up; the lingering close adds up to 512 KiB.
	if ex.ReqBodyLen <= 256<<10+4096 || ex.ReqBodyLen > 256<<10+4096+512<<10+64<<10 {
		t.Errorf("kept %d bytes: not net/http's discard plus a bounded linger", ex.ReqBodyLen)
	}
	js := string(ex.AppendJSONFields(nil))
	for _, want := range []string{fmt.Sprintf(`"req_body_announced":%d`, size), fmt.Sprintf(`"req_body_kept":%d`, ex.ReqBodyLen), `"req_body_cut":true`} {
		if !strings.Contains(js, want) {
			t.Errorf("JSON lacks %s: %s", want, js)
		}
	}
	// The capture holds every byte the record counts.
	ts.waitFor("close", func() bool { _, ok := ts.closed(ex.Conn); return ok })
	if in := ts.inbound(ex.Conn); int64(len(in)) != ex.HeadLen+ex.ReqBodyLen {
		t.Errorf("inbound capture %d bytes, record %d+%d", len(in), ex.HeadLen, ex.ReqBodyLen)
	}
	c.Close()
	<-writeErr
}

// A body read whole is neither cut nor lingered over; lingering can be
// turned off.
func TestBodyReadWholeNotCut(t *testing.T) {
	ts := startServer(t, Config{LingerBytes: -1})
	c := ts.dial()
	io.WriteString(c, "POST /submit HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\na=1")
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	ex := ts.waitExchanges(1)[0]
	if ex.ReqBodyCut || ex.ReqBodyLen != 3 || ex.ReqBodyAnnounced != 3 {
		t.Errorf("announced %d kept %d cut %v", ex.ReqBodyAnnounced, ex.ReqBodyLen, ex.ReqBodyCut)
	}
}

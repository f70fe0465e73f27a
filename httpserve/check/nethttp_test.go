package check

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// netHTTPRequests are requests net/http's server refuses (4xx/5xx before
// any handler runs) and requests it accepts. The checker must report an
// error for every request the server refuses, and none for one it
// accepts (DESIGN.md §8: check, annotate and the Web tab frame alike).
var netHTTPRequests = []string{
	// Refused: the request target.
	"GET /\x1b[2J HTTP/1.1\r\nHost: x\r\n\r\n",
	"GET /a\x7fb HTTP/1.1\r\nHost: x\r\n\r\n",
	"GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n",
	"GET foo HTTP/1.1\r\nHost: x\r\n\r\n",
	"GET http://[::1/ HTTP/1.1\r\nHost: x\r\n\r\n",
	"GET http://x:port/ HTTP/1.1\r\nHost: x\r\n\r\n",
	"CONNECT x:y:z HTTP/1.1\r\nHost: x\r\n\r\n",
	// Refused: Host.
	"GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: x\r\nHost: x\r\n\r\n",
	"GET / HTTP/1.0\r\nHost: x\r\nhost: x\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: a b\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: a/b\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: caf\xc3\xa9\r\n\r\n",
	"GET / HTTP/1.1\r\n\r\n",
	// Refused: Content-Length.
	"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2, 2\r\n\r\nhi",
	"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 02\r\n\r\nhi",
	"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nhi",
	"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +2\r\n\r\nhi",
	"POST / HTTP/1.1\r\nHost: x\r\nContent-Length:\r\n\r\n",
	// Refused: Transfer-Encoding (501).
	"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
	"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
	"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\n\r\n",
	// Refused: the version (505), Expect (417), the start line.
	"GET / HTTP/2.0\r\nHost: x\r\n\r\n",
	"GET / HTTP/0.9\r\nHost: x\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\n\r\n",
	"\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n",
	"G@T / HTTP/1.1\r\nHost: x\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: x\r\n\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n",
	"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi\r\n\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n",
	"GET / HTTP/1.1 \r\nHost: x\r\n\r\n",
	// Refused: fields.
	"GET / HTTP/1.1\r\nHost: x\r\nX Y: z\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: x\r\nX-Y : z\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: x\r\nX-Y: a\x01b\r\n\r\n",
	"GET / HTTP/1.1\r\n Host: x\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n",

	// Accepted.
	"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
	"GET /a%20b?q=%zz&r=\"1\" HTTP/1.1\r\nHost: x\r\n\r\n",
	"GET http://example.com/x HTTP/1.1\r\nHost: y\r\n\r\n",
	"OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
	"CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n",
	"GET / HTTP/1.1\r\nHost:\r\n\r\n",
	"GET / HTTP/1.0\r\n\r\n",
	"GET / HTTP/1.9\r\nHost: x\r\n\r\n",
	"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nhi",
	"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: Chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n",
	"POST / HTTP/1.0\r\nContent-Type: text/plain\r\nTransfer-Encoding: gzip\r\nContent-Length: 2\r\n\r\nhi",
	"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi",
	"GET / HTTP/1.1\r\nHost: x\r\nX-Y: caf\xc3\xa9\t\r\n\r\n",
	"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n",
	"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n",
}

// netHTTPStatus sends req (one request or several) to a net/http server on
// 127.0.0.1 and returns the highest status of its answers (200 when the
// handler ran for each request).
func netHTTPStatus(t *testing.T, addr, req string) int {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(c, req); err != nil {
		t.Fatal(err)
	}
	c.(*net.TCPConn).CloseWrite()
	br := bufio.NewReader(c)
	status := 0
	for {
		if _, err := br.Peek(1); err != nil && status != 0 {
			return status // the server closed after its last answer
		}
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("%q: no answer from net/http: %v", req, err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		status = max(status, resp.StatusCode)
	}
}

// The checker reports an error for every request net/http's server
// refuses, and none for a request it accepts (breaker #4: an ESC in the
// target, two Hosts, a bad Host, "Content-Length: 2, 2" were "no
// findings" while the Web tab answered 400).
func TestErrorIffNetHTTPServerRefuses(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
	})}
	go srv.Serve(l)
	defer srv.Close()
	for _, req := range netHTTPRequests {
		status := netHTTPStatus(t, l.Addr().String(), req)
		fs := Check([]byte(req), Options{})
		if refused := status >= 400; refused != HasError(fs) {
			t.Errorf("%q: net/http answers %d, check finds %v", req, status, fs)
		}
	}
}

// netHTTPResponses are replies net/http's client refuses or reads; for
// each the checker's verdict must match (an error iff refused).
var netHTTPResponses = []string{
	// Refused.
	"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2, 2\r\n\r\nhi",
	"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nContent-Length: 02\r\n\r\nhi",
	"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
	"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
	"HTTP/1.1 204 No Content\r\nContent-Length: x\r\n\r\n",
	"HTTP/1.1 304 Not Modified\r\nContent-Length: 1, 1\r\n\r\n",
	"\r\nHTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi",
	"HTTP/1.1 200 OK\r\nX@Y: 1\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi",
	"HTTP/1.1 200 OK\r\nX-Y: a\x01b\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi",
	"HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n",
	"HTTP/x 200 OK\r\nContent-Length: 0\r\n\r\n",
	// Read.
	"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi",
	"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nhi",
	"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n",
	"HTTP/1.1 304 Not Modified\r\nContent-Length: 20\r\n\r\n",
	"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close",
	"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: gzip\r\nContent-Length: 2\r\n\r\nhi",
}

// The checker reports an error for every reply net/http's client
// (http.ReadResponse and reading the body, as the Transport does) refuses,
// and none for a reply it reads.
func TestErrorIffNetHTTPClientRefuses(t *testing.T) {
	for _, resp := range netHTTPResponses {
		refused := false
		r, err := http.ReadResponse(bufio.NewReader(strings.NewReader(resp)), nil)
		if err != nil {
			refused = true
		} else {
			_, err = io.Copy(io.Discard, r.Body)
			refused = err != nil
		}
		fs := Check([]byte(resp), Options{})
		if refused != HasError(fs) {
			t.Errorf("%q: net/http refused: %v (%v); check finds %v", resp, refused, err, fs)
		}
	}
}

package httpserve

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/netassist/netassist/netassist"
)

// BenchmarkServe2K and BenchmarkServe1M compare this capturing server
// (every byte captured, every record made) with a bare http.FileServer
// over the same file, in the same run: interleaved batches of keep-alive
// requests from 8 connections, with a minimal client (as wrk) so that the
// servers dominate. Reported: requests/s of each and ratio =
// capture/bare. The client shares the machine's cores with both servers.
func BenchmarkServe2K(b *testing.B) { benchServe(b, 2<<10) }
func BenchmarkServe1M(b *testing.B) { benchServe(b, 1<<20) }

func benchServe(b *testing.B, size int) {
	dir := b.TempDir()
	data := bytes.Repeat([]byte("0123456789abcdef"), size/16)
	if err := os.WriteFile(filepath.Join(dir, "f.bin"), data, 0o644); err != nil {
		b.Fatal(err)
	}
	st := netassist.NewStore(0)
	cs, err := New(st, Config{Root: dir})
	if err != nil {
		b.Fatal(err)
	}
	capAddr, err := cs.Listen("127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer cs.Close()
	bl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	bare := &http.Server{Handler: http.FileServer(http.Dir(dir))}
	go bare.Serve(bl)
	defer bare.Close()

	const conns = 8
	capClients := dialLoad(b, capAddr.String(), conns)
	bareClients := dialLoad(b, bl.Addr().String(), conns)
	batch := 2000
	if size >= 1<<20 {
		batch = 200
	}
	var bareT, capT time.Duration
	b.ResetTimer()
	for done := 0; done < b.N; {
		n := min(b.N-done, batch)
		bareT += runLoad(b, bareClients, n)
		capT += runLoad(b, capClients, n)
		done += n
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/bareT.Seconds(), "bare-req/s")
	b.ReportMetric(float64(b.N)/capT.Seconds(), "capture-req/s")
	b.ReportMetric(bareT.Seconds()/capT.Seconds(), "ratio")
	// Records are added once net/http has flushed: the client may be
	// a moment ahead.
	want := min(b.N, 100_000)
	for deadline := time.Now().Add(2 * time.Second); st.DetailCount(netassist.TabWeb) < want && time.Now().Before(deadline); {
		select {
		case <-st.Changed():
		case <-time.After(10 * time.Millisecond):
		}
	}
	if got := st.DetailCount(netassist.TabWeb); got < want {
		b.Errorf("%d records for %d requests", got, b.N)
	}
}

// loadConn is one keep-alive connection of the load client.
type loadConn struct {
	c  net.Conn
	br *bufio.Reader
}

func dialLoad(b *testing.B, addr string, n int) []*loadConn {
	out := make([]*loadConn, n)
	for i := range out {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { c.Close() })
		out[i] = &loadConn{c: c, br: bufio.NewReaderSize(c, 64<<10)}
	}
	return out
}

var loadRequest = []byte("GET /f.bin HTTP/1.1\r\nHost: bench\r\nUser-Agent: load\r\n\r\n")

// runLoad sends n requests spread over the connections, one at a time per
// connection, and returns the wall time.
func runLoad(b *testing.B, conns []*loadConn, n int) time.Duration {
	var wg sync.WaitGroup
	errs := make(chan error, len(conns))
	start := time.Now()
	for i, lc := range conns {
		k := n / len(conns)
		if i < n%len(conns) {
			k++
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range k {
				if err := lc.roundTrip(); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	d := time.Since(start)
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	return d
}

// roundTrip writes the request and reads one response, trusting
// Content-Length.
func (lc *loadConn) roundTrip() error {
	if _, err := lc.c.Write(loadRequest); err != nil {
		return err
	}
	length := int64(-1)
	status := ""
	for {
		line, err := lc.br.ReadSlice('\n')
		if err != nil {
			return err
		}
		if status == "" {
			status = string(line)
			continue
		}
		if len(line) <= 2 {
			break
		}
		if len(line) > 16 && bytes.EqualFold(line[:15], []byte("Content-Length:")) {
			length, _ = strconv.ParseInt(string(bytes.TrimSpace(line[15:])), 10, 64)
		}
	}
	if length < 0 {
		return fmt.Errorf("no Content-Length in response %q", status)
	}
	_, err := io.CopyN(io.Discard, lc.br, length)
	return err
}

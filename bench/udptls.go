package main

import (
	"crypto/tls"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/tlsconf"
)

// udpDatagram is the size of the flood's datagrams: a typical device
// message, small enough that the per-datagram cost (one event, one chunk)
// is what is measured.
const udpDatagram = 512

// targetUDP floods UDP datagrams at a bare Go ReadFrom loop and at the
// engine's UDP server (each datagram captured as one event and chunk),
// each in its own process, one run each, and compares how many per second
// each received. Loopback drops what a receiver cannot take, so the
// received rate is the receiver's speed.
func targetUDP(cfg *config) []result {
	d := cfg.webDur
	var rates [2]float64
	var notes [2]string
	for i, mode := range []string{"udp-bare", "udp-engine"} {
		c, err := startChild("-mode", mode)
		if err != nil {
			return []result{{"6 udp recv", "error: " + err.Error(), "indicative", false}}
		}
		sent, err := udpFlood(c.Addr, d)
		time.Sleep(300 * time.Millisecond) // the receiver drains its socket buffer
		st, serr := c.stats("stats")
		c.stop()
		if err == nil {
			err = serr
		}
		if err != nil {
			return []result{{"6 udp recv", "error: " + err.Error(), "indicative", false}}
		}
		rates[i] = float64(st.Conns) / d.Seconds()
		notes[i] = fmt.Sprintf("%.0f/s, %.1f%% of %d sent", rates[i], 100*float64(st.Conns)/float64(max(sent, 1)), sent)
		if st.BytesIn != int64(st.Conns)*udpDatagram {
			return []result{{"6 udp recv", fmt.Sprintf("%s: %d bytes for %d datagrams", mode, st.BytesIn, st.Conns), "indicative", false}}
		}
		logf("udp %-10s %s", mode, notes[i])
	}
	ratio := rates[1] / rates[0]
	return []result{{
		name:   "6 udp recv datagrams/s",
		figure: fmt.Sprintf("%.2fx (engine %s; bare ReadFrom %s; %d-byte datagrams, one run)", ratio, notes[1], notes[0], udpDatagram),
		target: ">= 0.50x indicative", pass: ratio >= 0.5,
	}}
}

// udpFlood sends udpDatagram-byte datagrams to addr as fast as it can for
// d and returns how many it sent.
func udpFlood(addr string, d time.Duration) (int64, error) {
	c, err := net.Dial("udp", addr)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	b := make([]byte, udpDatagram)
	var n int64
	stop := time.Now().Add(d)
	for time.Now().Before(stop) {
		for range 64 {
			if _, err := c.Write(b); err == nil {
				n++
			}
		}
	}
	return n, nil
}

// udpBare is the UDP baseline: one ReadFrom loop counting datagrams.
func udpBare() error {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	var count, total atomic.Int64
	go func() {
		buf := make([]byte, 64<<10)
		for {
			n, _, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			count.Add(1)
			total.Add(int64(n))
		}
	}()
	return commands(pc.LocalAddr().String(), func(string) stats {
		return stats{Conns: int(count.Load()), BytesIn: total.Load()}
	})
}

// udpEngine is `netassist server --udp --headless` without its stdout
// sink: the engine's UDP server on a Store with the default budget.
func udpEngine() error {
	st := netassist.NewStore(0)
	srv := &netassist.Server{Store: st, Transport: netassist.ProtoUDP}
	a, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		return err
	}
	defer srv.Close()
	return commands(a.String(), func(string) stats {
		var n int64
		for _, c := range st.Conns(netassist.TabServer, 0, 1024) {
			n += c.ChunksIn
		}
		return stats{Conns: int(n), BytesIn: st.Totals(netassist.TabServer).BytesIn}
	})
}

// targetTLS compares netassist web --tls (TLS under the capture, the
// decrypted bytes captured, an http record per request) with a bare Go
// TLS file server over the same 2 KB file, keep-alive connections, runs
// interleaved: requests per second.
func targetTLS(cfg *config) []result {
	dir, err := os.MkdirTemp("", "netassist-bench-tls-")
	if err != nil {
		return []result{{"7 tls web", "error: " + err.Error(), "indicative", false}}
	}
	defer os.RemoveAll(dir)
	b := make([]byte, 2<<10)
	rand.NewChaCha8([32]byte{'t', 'l', 's'}).Read(b)
	if err := os.WriteFile(filepath.Join(dir, "f2k.bin"), b, 0o644); err != nil {
		return []result{{"7 tls web", "error: " + err.Error(), "indicative", false}}
	}
	gen := "go"
	if _, err := os.Stat("/usr/bin/wrk"); err == nil && cfg.load != "go" {
		gen = "wrk"
	}
	var servers [2]*child
	for i, mode := range []string{"tls-bare", "tls-capture"} {
		if servers[i], err = startChild("-mode", mode, "-root", dir); err != nil {
			for _, s := range servers[:i] {
				s.stop()
			}
			return []result{{"7 tls web", "error: " + err.Error(), "indicative", false}}
		}
		defer servers[i].stop()
	}
	var runs [2][]float64
	for rep := range max(cfg.reps, 1) {
		for k := range 2 {
			i := (k + rep) % 2
			r, err := tlsLoad(gen, servers[i], "/f2k.bin", cfg.webDur)
			if err != nil {
				return []result{{"7 tls web", "error: " + err.Error(), "indicative", false}}
			}
			runs[i] = append(runs[i], r.rps)
			logf("tls %-7s rep %d: %.0f req/s", [2]string{"bare", "capture"}[i], rep+1, r.rps)
		}
	}
	ratio := median(runs[1]) / median(runs[0])
	return []result{{
		name: "7 tls web 2 KB req/s",
		figure: fmt.Sprintf("%.2fx (web --tls %.0f vs bare Go TLS file server %.0f req/s; %s -c%d keep-alive)",
			ratio, median(runs[1]), median(runs[0]), gen, webConns),
		target: ">= 0.80x indicative", pass: ratio >= 0.8,
	}}
}

// tlsLoad is webLoad over https.
func tlsLoad(gen string, s *child, path string, d time.Duration) (loadRun, error) {
	if gen == "wrk" {
		return wrkRun("https://"+s.Addr+path, d)
	}
	return goLoadDial(s.Addr, path, d, func() (net.Conn, error) {
		return tls.Dial("tcp", s.Addr, &tls.Config{InsecureSkipVerify: true})
	})
}

// tlsBare is the TLS baseline: http.FileServer behind Go's TLS, offering
// HTTP/1.1 only as netassist does.
func tlsBare(root string) error {
	cert, err := tlsconf.SelfSigned([]string{"127.0.0.1"}, 0)
	if err != nil {
		return err
	}
	ln, err := tls.Listen("tcp", "127.0.0.1:0", tlsconf.Server(cert, "http/1.1"))
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(root)), ErrorLog: log.New(io.Discard, "", 0)}
	go srv.Serve(ln)
	return commands(ln.Addr().String(), func(string) stats { return stats{} })
}

// tlsCapture is netassist web --tls.
func tlsCapture(root string) error {
	cert, err := tlsconf.SelfSigned([]string{"127.0.0.1"}, 0)
	if err != nil {
		return err
	}
	st := netassist.NewStore(0)
	srv, err := httpserve.New(st, httpserve.Config{Root: root, TLS: tlsconf.Server(cert)})
	if err != nil {
		return err
	}
	a, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		return err
	}
	return commands(a.String(), func(string) stats {
		return stats{Conns: st.DetailCount(netassist.TabWeb)}
	})
}

package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"time"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
)

// runRole runs this program as one of the processes a target needs. Each
// role listens on 127.0.0.1:0 (except the clients), prints "ready ADDR"
// and answers commands on stdin until stdin closes.
func runRole(mode string, args []string) error {
	fs := flag.NewFlagSet(mode, flag.ContinueOnError)
	root := fs.String("root", "", "directory to serve")
	record := fs.String("record", "", "record every event to this file")
	addr := fs.String("addr", "", "address to dial")
	n := fs.Int64("n", 0, "connections to open (idle-clients); flood bytes (jsonl-bare)")
	first := fs.Int("first", 0, "index of the first connection (idle-clients: picks the source addresses)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if dir := os.Getenv("BENCH_CPUPROFILE"); dir != "" {
		stop, err := cpuProfile(dir, mode)
		if err != nil {
			return err
		}
		defer stop()
	}
	switch mode {
	case "web-bare":
		ln, err := listen()
		if err != nil {
			return err
		}
		srv := &http.Server{Handler: http.FileServer(http.Dir(*root))}
		go srv.Serve(ln)
		return commands(ln.Addr().String(), func(string) stats { return stats{} })
	case "web-capture":
		st := netassist.NewStore(0)
		srv, err := httpserve.New(st, httpserve.Config{Root: *root})
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
	case "recv-bare", "idle-bare":
		return bareServer(mode == "idle-bare")
	case "recv-engine", "idle-engine":
		return engineServer(*record)
	case "idle-clients":
		return idleClients(*addr, int(*n), *first)
	case "jsonl-bare", "write-bare":
		return jsonlBare(*record, *n, mode == "write-bare")
	case "udp-bare":
		return udpBare()
	case "udp-engine":
		return udpEngine()
	case "tls-bare":
		return tlsBare(*root)
	case "tls-capture":
		return tlsCapture(*root)
	}
	return fmt.Errorf("unknown mode %q", mode)
}

func listen() (net.Listener, error) { return net.Listen("tcp", "127.0.0.1:0") }

// commands prints "ready addr" and answers stdin: "stats", or "gc" (stats
// after a GC that returns freed memory to the OS). It returns at EOF.
func commands(addr string, report func(cmd string) stats) error {
	fmt.Printf("ready %s\n", addr)
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		cmd := sc.Text()
		if cmd == "gc" {
			runtime.GC()
			debug.FreeOSMemory()
		}
		s := report(cmd)
		s.Goroutines = runtime.NumGoroutine()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		s.HeapInuse, s.StackInuse = ms.HeapInuse, ms.StackInuse
		s.RSS, s.HWM = memKiB(os.Getpid())
		b, _ := json.Marshal(s)
		fmt.Printf("%s\n", b)
	}
	return nil
}

// bareServer is the baseline: a goroutine per connection reading into its
// own buffer (64 KiB for a flood, 4 KiB for idle connections, as the
// engine's reader starts), counting bytes, closing at EOF.
func bareServer(idle bool) error {
	ln, err := listen()
	if err != nil {
		return err
	}
	size := 64 << 10
	if idle {
		size = 4 << 10
	}
	var open, conns, total atomic.Int64
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			open.Add(1)
			go func() {
				defer open.Add(-1)
				defer c.Close()
				buf := make([]byte, size)
				for {
					n, err := c.Read(buf)
					total.Add(int64(n))
					if err != nil {
						return
					}
				}
			}()
		}
	}()
	return commands(ln.Addr().String(), func(string) stats {
		return stats{Open: int(open.Load()), Conns: int(conns.Load()), BytesIn: total.Load(), ConnBytes: total.Load()}
	})
}

// engineServer is what `netassist server --headless` runs, without its
// stdout sink: a netassist.Server on a Store with the default budget,
// and, with record, a --record file (netassist.OpenRecordFile, as the TUI
// and headless open it). "flush" writes out what the record holds and
// reports its size.
func engineServer(record string) error {
	st := netassist.NewStore(0)
	var rec *netassist.RecordFile
	if record != "" {
		os.Remove(record) // OpenRecordFile appends
		var err error
		if rec, err = netassist.OpenRecordFile(st, record); err != nil {
			return err
		}
		defer rec.Close()
	}
	srv := &netassist.Server{Store: st, CloseOnFIN: true} // as headless runs it
	a, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		return err
	}
	defer srv.Close()
	return commands(a.String(), func(cmd string) stats {
		var s stats
		if rec != nil && cmd == "flush" {
			if err := rec.Flush(); err != nil {
				s.Err = err.Error()
			}
			if fi, err := os.Stat(record); err == nil {
				s.Written = fi.Size()
			}
		}
		t := st.Totals(netassist.TabServer)
		s.Open, s.Conns = t.Open, t.Conns
		if cmd == "open" || cmd == "gc" { // idle: counts only (no garbage before the measure)
			return s
		}
		var connBytes int64
		for off := 0; ; off += 1024 {
			cs := st.Conns(netassist.TabServer, off, 1024)
			if len(cs) == 0 {
				break
			}
			for _, c := range cs {
				connBytes += c.BytesIn
			}
		}
		s.Kept, _ = st.Kept()
		s.BytesIn, s.ConnBytes = t.BytesIn, connBytes
		return s
	})
}

// idleClients opens n connections to addr, connection i (from first on)
// bound to sourceIP(first+i), and holds them, silent, until told "close":
// then it resets them all (no TIME_WAIT left behind, so repeated runs do
// not run out of ports).
func idleClients(addr string, n, first int) error {
	conns := make([]*net.TCPConn, n)
	var wg sync.WaitGroup
	var failed atomic.Value
	next := atomic.Int64{}
	for range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				d := net.Dialer{Timeout: 30 * time.Second, LocalAddr: &net.TCPAddr{IP: net.ParseIP(sourceIP(first + i))}}
				c, err := d.Dial("tcp", addr)
				if err != nil {
					failed.Store(err.Error())
					return
				}
				conns[i] = c.(*net.TCPConn)
			}
		}()
	}
	wg.Wait()
	if e, ok := failed.Load().(string); ok {
		return fmt.Errorf("dial: %s", e)
	}
	return commands(fmt.Sprint(n), func(cmd string) stats {
		if cmd == "close" {
			for _, c := range conns {
				c.SetLinger(0)
				c.Close()
			}
		}
		return stats{}
	})
}

// cpuProfile starts a CPU profile of this role, written to
// dir/MODE-PID.pprof when the returned stop is called (the role's stdin
// closed): BENCH_CPUPROFILE=dir go run ./bench -targets web profiles both
// web servers under the load.
func cpuProfile(dir, mode string) (stop func(), err error) {
	f, err := os.Create(filepath.Join(dir, fmt.Sprintf("%s-%d.pprof", mode, os.Getpid())))
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

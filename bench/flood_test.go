package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/netassist/netassist/netassist"
)

// Benchmarks for profiling the receive path in one process:
//
//	go test -run '^$' -bench Flood -cpuprofile cpu.out ./bench
//	go tool pprof -top bench.test cpu.out
func BenchmarkFloodEngine(b *testing.B)   { benchFlood(b, "") }
func BenchmarkFloodRecorder(b *testing.B) { benchFlood(b, "file") }

func benchFlood(b *testing.B, sink string) {
	st := netassist.NewStore(0)
	if sink != "" {
		f, err := os.Create(filepath.Join(b.TempDir(), "rec.jsonl"))
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		ew := netassist.NewEventWriter(f, netassist.JSONL, time.Second)
		defer ew.Close()
		st.AddSink(ew)
	}
	srv := &netassist.Server{Store: st}
	a, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	block := floodData()
	const n = 256 << 20
	b.SetBytes(n)
	for b.Loop() {
		if _, err := flood(a.String(), n, block); err != nil {
			b.Fatal(err)
		}
	}
}

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
func BenchmarkFloodRecorder(b *testing.B) { benchFlood(b, "record") }
func BenchmarkFloodDevNull(b *testing.B)  { benchFlood(b, "null") }

// benchFlood floods a Server on a Store with sink: none, a --record file
// (in $TMPDIR: TMPDIR=/dev/shm for a memory file system), or JSON Lines to
// /dev/null (all of headless's work but the file system's).
func benchFlood(b *testing.B, sink string) {
	st := netassist.NewStore(0)
	switch sink {
	case "record":
		rec, err := netassist.OpenRecordFile(st, filepath.Join(b.TempDir(), "rec.jsonl"))
		if err != nil {
			b.Fatal(err)
		}
		defer rec.Close()
	case "null":
		f, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		ew := netassist.NewJSONLWriter(f, time.Second)
		defer ew.Close()
		st.AddSink(ew)
	}
	srv := &netassist.Server{Store: st, CloseOnFIN: true} // as headless runs it
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

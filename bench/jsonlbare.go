package main

import (
	"fmt"
	"os"
	"time"

	"github.com/netassist/netassist/netassist"
)

// The bare JSON Lines writer is the ceiling of the headless and --record
// targets: a program that does nothing but write the JSON Lines of the
// flood to a file in the same directory. Its bytes are formatted before the
// clock starts (netassist.JSONL of the flood's data events, 256 KiB each,
// as the engine reads them), then written in writes of one 1 MiB flood
// block's four events (~1.4 MB, about netassist's batch) and the file
// closed. Formatting before rather than during the run is the stricter
// choice: the baseline is the file system alone (on this machine one
// copy and one page allocation per 4 KiB in write(2)), so netassist must
// hide all its own work (socket reads, capture, base64) behind the writes
// on the other core to come near it; a baseline that formatted as it went
// would hand netassist the base64 cost as slack.

// floodRead is the size of the engine's reads under the flood, so of its
// data events.
const floodRead = 256 << 10

// floodJSONL returns the JSON Lines of a 1 MiB flood block read in 256 KiB
// pieces (one cycle), and of the first k bytes of it (the tail).
func floodJSONL(block []byte, k int) (cycle, tail []byte) {
	now := time.Now()
	ev := func(dst, data []byte) []byte {
		return netassist.JSONL(dst, &netassist.Event{Time: now, Tab: netassist.TabServer, Kind: netassist.KindData, Conn: 1, Dir: netassist.In, Data: data})
	}
	for off := 0; off < len(block); off += floodRead {
		cycle = ev(cycle, block[off:min(off+floodRead, len(block))])
	}
	for off := 0; off < k; off += floodRead {
		tail = ev(tail, block[off:min(off+floodRead, k)])
	}
	return cycle, tail
}

// jsonlBare is the role: "write" writes the JSON Lines of an n-byte flood
// to out and reports how many bytes, in how long.
func jsonlBare(out string, n int64) error {
	block := floodData()
	cycle, tail := floodJSONL(block, int(n%floodBlock))
	return commands("-", func(cmd string) stats {
		if cmd != "write" {
			return stats{}
		}
		start := time.Now()
		written, err := writeCycles(out, cycle, tail, n/floodBlock)
		s := stats{Written: written, Nanos: time.Since(start).Nanoseconds()}
		if err != nil {
			s.Err = err.Error()
		}
		return s
	})
}

// writeCycles creates path, writes cycle k times and then tail, and
// closes it.
func writeCycles(path string, cycle, tail []byte, k int64) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	var written int64
	for i := int64(0); i <= k; i++ {
		b := cycle
		if i == k {
			b = tail
		}
		if len(b) == 0 {
			continue
		}
		w, err := f.Write(b)
		written += int64(w)
		if err != nil {
			f.Close()
			return written, fmt.Errorf("write: %w", err)
		}
	}
	return written, f.Close()
}

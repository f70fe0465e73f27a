package main

import (
	"fmt"
	"os"
	"time"

	"github.com/netassist/netassist/netassist"
)

// The bare JSON Lines writers are the ceilings of the headless and
// --record targets: programs that write the JSON Lines of the flood to a
// file in the same directory and do nothing else (no socket, no store, no
// event plumbing), one goroutine, in writes of one 1 MiB flood block's
// four data events (~1.4 MB, about netassist's batch), then close the
// file. Two of them:
//
//	jsonl-bare  formats as it goes (netassist.JSONL, the same SIMD base64,
//	            from the flood block in memory): the job netassist does,
//	            turning bytes into JSON Lines in a file, with the socket
//	            taken away. The targets are measured against it.
//	write-bare  writes the same bytes formatted before the clock starts:
//	            the file system alone (here one copy and one page
//	            allocation per 4 KiB in write(2), so CPU). No program that
//	            is handed raw bytes can reach it, since base64 must be done
//	            somewhere; it is printed for information.

// floodRead is the size of the engine's reads under the flood, so of its
// data events.
const floodRead = 256 << 10

// floodJSONL appends the JSON Lines of data, read in 256 KiB pieces, to
// dst.
func floodJSONL(dst, data []byte, at time.Time) []byte {
	for off := 0; off < len(data); off += floodRead {
		e := netassist.Event{Time: at, Tab: netassist.TabServer, Kind: netassist.KindData, Conn: 1, Dir: netassist.In,
			Data: data[off:min(off+floodRead, len(data))]}
		dst = netassist.JSONL(dst, &e)
	}
	return dst
}

// jsonlBare is the role: "write" writes the JSON Lines of an n-byte flood
// to out, formatting as it goes unless preformat, and reports how many
// bytes, in how long.
func jsonlBare(out string, n int64, preformat bool) error {
	block := floodData()
	tail := int(n % floodBlock)
	var pre, preTail []byte
	if preformat {
		pre, preTail = floodJSONL(nil, block, time.Now()), floodJSONL(nil, block[:tail], time.Now())
	}
	return commands("-", func(cmd string) stats {
		if cmd != "write" {
			return stats{}
		}
		start := time.Now()
		f, err := os.Create(out)
		if err != nil {
			return stats{Err: err.Error()}
		}
		var buf []byte
		var written int64
		cycles := n / floodBlock
		for i := int64(0); i <= cycles && err == nil; i++ {
			var b []byte
			switch {
			case preformat && i < cycles:
				b = pre
			case preformat:
				b = preTail
			case i < cycles:
				b = floodJSONL(buf[:0], block, time.Now())
			default:
				b = floodJSONL(buf[:0], block[:tail], time.Now())
			}
			buf = b[:0]
			if len(b) == 0 {
				continue
			}
			var w int
			w, err = f.Write(b)
			written += int64(w)
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		s := stats{Written: written, Nanos: time.Since(start).Nanoseconds()}
		if err != nil {
			s.Err = fmt.Sprintf("write: %v", err)
		}
		return s
	})
}

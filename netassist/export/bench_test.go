package export

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/netassist/netassist/netassist"
)

// BenchmarkFromRecord reads a record of 64 MiB of data events (16 KiB
// reads on 8 connections) through FromRecord, and through HAR, which
// follows the web tab's bytes: the cost of converting a big record.
func BenchmarkFromRecord(b *testing.B) {
	var rec bytes.Buffer
	st := netassist.NewStore(1 << 20)
	ew := netassist.NewEventWriter(&rec, netassist.JSONL, 0)
	st.AddSink(ew)
	chunk := bytes.Repeat([]byte("0123456789abcdef"), 1024)
	for c := 0; c < 8; c++ {
		id := st.RecordOpen(netassist.TabWeb, "127.0.0.1:8080", "127.0.0.1:5000")
		for i := 0; i < 512; i++ {
			st.RecordData(id, netassist.In, chunk, 0)
		}
		st.RecordClose(id, netassist.ByPeer, nil)
	}
	if err := ew.Close(); err != nil {
		b.Fatal(err)
	}
	data := rec.Bytes()
	b.Run("read", func(b *testing.B) {
		b.SetBytes(64 << 20)
		for b.Loop() {
			src := FromRecord(bytes.NewReader(data))
			for {
				if _, err := src.Next(); err == io.EOF {
					break
				} else if err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("har", func(b *testing.B) {
		b.SetBytes(64 << 20)
		for b.Loop() {
			if _, err := HAR(context.Background(), io.Discard, FromRecord(bytes.NewReader(data)), HAROptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

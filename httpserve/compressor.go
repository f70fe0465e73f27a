package httpserve

import (
	"io"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zlib"
	"github.com/klauspost/compress/zstd"
)

// compressor is a streaming encoder that can be reused after Close.
type compressor interface {
	io.Writer
	Flush() error
	Close() error
	Reset(w io.Writer)
}

// brotliQuality trades ratio for speed: 5 is what CDNs use for dynamic
// content (the library's default, 6, costs much more CPU for little gain).
const brotliQuality = 5

// compressorPools hold idle encoders by coding. Encoders are expensive to
// build (zstd and brotli allocate hundreds of KiB of tables), so they are
// reused across requests and servers; a pool is a cache, not state.
var compressorPools = map[Encoding]*sync.Pool{
	EncodingGzip: {New: func() any {
		w, _ := gzip.NewWriterLevel(io.Discard, gzip.DefaultCompression)
		return w
	}},
	EncodingDeflate: {New: func() any {
		w, _ := zlib.NewWriterLevel(io.Discard, zlib.DefaultCompression)
		return w
	}},
	EncodingBrotli: {New: func() any {
		return brotli.NewWriterLevel(io.Discard, brotliQuality)
	}},
	EncodingZstd: {New: func() any {
		w, _ := zstd.NewWriter(io.Discard,
			zstd.WithEncoderConcurrency(1), // one request, one goroutine
			zstd.WithWindowSize(1<<20),     // 1 MiB: static pages, bounded memory
			zstd.WithLowerEncoderMem(true),
		)
		return w
	}},
}

// getCompressor returns a pooled encoder for e writing to w, or nil if e is
// not a coding we produce.
func getCompressor(e Encoding, w io.Writer) compressor {
	p := compressorPools[e]
	if p == nil {
		return nil
	}
	c := p.Get().(compressor)
	c.Reset(w)
	return c
}

// putCompressor returns a closed encoder to its pool.
func putCompressor(e Encoding, c compressor) {
	c.Reset(io.Discard) // drop the reference to the response
	compressorPools[e].Put(c)
}

// Package lab is the engine of the encoding lab (issue 14, the Web tab):
// for one response body, its size as identity, gzip, deflate, br and zstd
// side by side — made by the web server's own encoders at its own levels
// (httpserve.Encode), so the numbers are what a client really receives —
// the first bytes of each encoded body (1f 8b … beside the HTML), and, in
// why.go, the server's choice put in words from the client's q-values.
//
// Encoding a large body takes tens of milliseconds, so the work is split
// for a UI that must never wait: Compute does it (call it from a Cmd, off
// the UI goroutine) and caches the result per body version and encoder
// settings; Lookup only reads the cache and never blocks on the work.
package lab

import (
	"hash/fnv"
	"io/fs"
	"strconv"
	"sync"
	"time"

	"github.com/netassist/netassist/httpserve"
)

// codings are the codings the lab measures, in display order.
var codings = [...]httpserve.Encoding{httpserve.EncodingIdentity, httpserve.EncodingGzip,
	httpserve.EncodingDeflate, httpserve.EncodingBrotli, httpserve.EncodingZstd}

// Codings returns the codings the lab measures, in display order:
// identity, gzip, deflate, br, zstd.
func Codings() []httpserve.Encoding { return append([]httpserve.Encoding(nil), codings[:]...) }

// HeadBytes is how many leading bytes of each body a Result keeps.
const HeadBytes = 64

// DefaultEntries is how many results a Lab keeps when New is given 0.
const DefaultEntries = 64

// Key identifies one version of a body: a file and its size and
// modification time, or a body by its content.
type Key struct {
	Name    string // a path, for people
	Version string // what changes when the content does
}

// FileKey is the key of a file as served: its path, size and mtime.
func FileKey(path string, fi fs.FileInfo) Key {
	return Key{Name: path, Version: strconv.FormatInt(fi.Size(), 10) + "@" + strconv.FormatInt(fi.ModTime().UnixNano(), 10)}
}

// BodyKey is the key of a body with no file behind it (a captured
// response): its length and an FNV-1a hash of its bytes.
func BodyKey(name string, body []byte) Key {
	h := fnv.New64a()
	h.Write(body)
	return Key{Name: name, Version: strconv.Itoa(len(body)) + "#" + strconv.FormatUint(h.Sum64(), 16)}
}

// Coding is one coding's result.
type Coding struct {
	Encoding httpserve.Encoding
	Size     int64  // bytes as sent with this coding (identity: the body's size)
	Head     []byte // the first HeadBytes bytes of the encoded body
	// Elapsed is how long encoding took (0 for identity): speed is part
	// of the trade-off.
	Elapsed time.Duration
	Err     error // the coding failed (never with the server's codings)
}

// Ratio is Size as a fraction of identity's size (1 for an empty body).
func (c Coding) Ratio(identity int64) float64 {
	if identity == 0 {
		return 1
	}
	return float64(c.Size) / float64(identity)
}

// Result is the lab's measure of one body.
type Result struct {
	Key Key
	// Codings holds one entry per coding of Codings(), in that order.
	Codings []Coding
}

// Identity is the body's own size.
func (r *Result) Identity() int64 { return r.Codings[0].Size }

// Get returns the entry of coding e.
func (r *Result) Get(e httpserve.Encoding) (Coding, bool) {
	for _, c := range r.Codings {
		if c.Encoding == e {
			return c, true
		}
	}
	return Coding{}, false
}

// Lab caches results. It is safe for concurrent use; its zero value is not
// ready, use New.
type Lab struct {
	max int

	mu       sync.Mutex // guards cache, order and inflight
	cache    map[cacheKey]*Result
	order    []cacheKey                 // least recently used first
	inflight map[cacheKey]chan struct{} // closed when that Compute ends
}

// cacheKey adds the encoder settings to a Key: a result made with other
// levels is not the server's.
type cacheKey struct {
	Key
	settings string
}

// settings names every coding's encoder settings.
var settings = func() string {
	s := ""
	for _, e := range codings[1:] {
		s += httpserve.EncoderSettings(e) + ";"
	}
	return s
}()

// New returns a lab that keeps up to entries results (DefaultEntries when
// 0), dropping the least recently used.
func New(entries int) *Lab {
	if entries <= 0 {
		entries = DefaultEntries
	}
	return &Lab{max: entries, cache: map[cacheKey]*Result{}, inflight: map[cacheKey]chan struct{}{}}
}

// Lookup returns the cached result of k, if Compute made one. It holds
// the lab's lock only for a map read, never while encoding: a UI may call
// it in every frame.
func (l *Lab) Lookup(k Key) (*Result, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	r, ok := l.cache[cacheKey{k, settings}]
	if ok {
		l.touch(cacheKey{k, settings})
	}
	return r, ok
}

// Compute measures body (the content of version k) with every coding,
// caches the result and returns it; a cached result is returned at once,
// and a Compute of the same key already running is waited for rather
// than repeated. It blocks for as long as encoding takes (about 50 ms for
// 1 MiB of HTML on one core): call it off the UI goroutine. The result is
// shared: do not modify it.
func (l *Lab) Compute(k Key, body []byte) *Result {
	ck := cacheKey{k, settings}
	for {
		l.mu.Lock()
		if r, ok := l.cache[ck]; ok {
			l.touch(ck)
			l.mu.Unlock()
			return r
		}
		wait, busy := l.inflight[ck]
		if !busy {
			done := make(chan struct{})
			l.inflight[ck] = done
			l.mu.Unlock()
			r := measure(k, body)
			l.mu.Lock()
			l.store(ck, r)
			delete(l.inflight, ck)
			close(done)
			l.mu.Unlock()
			return r
		}
		l.mu.Unlock()
		<-wait
	}
}

// measure encodes body with every coding.
func measure(k Key, body []byte) *Result {
	r := &Result{Key: k, Codings: make([]Coding, len(codings))}
	for i, e := range codings {
		c := Coding{Encoding: e}
		start := time.Now()
		enc, err := httpserve.Encode(e, body)
		if e != httpserve.EncodingIdentity {
			c.Elapsed = time.Since(start)
		}
		c.Size, c.Err = int64(len(enc)), err
		c.Head = append([]byte(nil), enc[:min(len(enc), HeadBytes)]...)
		r.Codings[i] = c
	}
	return r
}

// store caches r under k, dropping the least recently used beyond max.
// l.mu is held.
func (l *Lab) store(k cacheKey, r *Result) {
	if _, ok := l.cache[k]; !ok {
		l.order = append(l.order, k)
	}
	l.cache[k] = r
	l.touch(k)
	for len(l.order) > l.max {
		delete(l.cache, l.order[0])
		l.order = l.order[1:]
	}
}

// touch makes k the most recently used. l.mu is held.
func (l *Lab) touch(k cacheKey) {
	for i, o := range l.order {
		if o == k {
			copy(l.order[i:], l.order[i+1:])
			l.order[len(l.order)-1] = k
			return
		}
	}
}

// Len is how many results the lab holds.
func (l *Lab) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.cache)
}

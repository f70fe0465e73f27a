package recvpane

// The render cache (issue 13: memory under a flood with the TUI up). What
// the pane holds is bounded by what it shows, not by the capture or the
// time it has been drawing: each rendered piece counts its bytes, and
// when the cache holds more than cacheBudget, the pieces the last frame
// did not draw are dropped. During a flood every frame draws new pieces (a
// 16 KiB piece of binary data renders to about 250 KB of styled text), so
// a count bound alone let the cache grow to hundreds of MB.

// cacheEntry is one rendered piece.
type cacheEntry struct {
	lines []string
	size  int    // bytes of lines
	used  uint64 // the frame that last drew it
}

// minCacheBytes is the cache's budget for a small pane: a few pieces of
// binary data, so scrolling back a little renders nothing again.
const minCacheBytes = 2 << 20

// cacheBudget is what the cache may hold: 64 bytes a cell of the pane (a
// styled escape is about 20 bytes a cell; the rest is room to scroll), at
// least minCacheBytes.
func (p *Model) cacheBudget() int { return max(minCacheBytes, 64*p.width*p.height) }

// cached returns the piece key renders to, if cached, and marks it used
// by this frame.
func (p *Model) cached(key pieceKey) ([]string, bool) {
	e, ok := p.cache[key]
	if !ok {
		return nil, false
	}
	e.used = p.frame
	p.cache[key] = e
	return e.lines, true
}

// remember caches lines for key, first dropping the pieces the last frame
// and this one did not draw if the cache is over its budget (or holds
// maxCachedChunks pieces).
func (p *Model) remember(key pieceKey, lines []string) {
	size := 0
	for _, l := range lines {
		size += len(l) + 16 // the string header
	}
	if p.cacheBytes+size > p.cacheBudget() || len(p.cache) >= maxCachedChunks {
		for k, e := range p.cache {
			if e.used+1 < p.frame {
				p.cacheBytes -= e.size
				delete(p.cache, k)
			}
		}
	}
	if old, ok := p.cache[key]; ok {
		p.cacheBytes -= old.size
	}
	p.cache[key] = cacheEntry{lines: lines, size: size, used: p.frame}
	p.cacheBytes += size
}

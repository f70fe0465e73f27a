package netassist

// Tail is the query a view that decodes each connection's stream needs
// (render.ResumeAt): the last bytes of one direction before a chunk, without
// copying the chunks they come from.

// Tail returns up to n of the last bytes connection id carried in direction
// dir before event before (a Seq), oldest first, as one copy, and end, the
// stream offset just past them (Chunk.Offset counts the same way). Only
// bytes that join up are returned: the walk back stops at the connection's
// opening, at an earlier FIN in dir (that stream had ended), at bytes that
// left memory or were never kept (Omitted), so tail always ends at end and
// is contiguous. ok is false when no data of dir precedes before in memory.
//
// A view rendering data chunk c checks end == c.Offset: if not, the bytes
// just before c are gone and it decodes c from a best guess.
func (s *Store) Tail(id ConnID, dir Dir, before uint64, n int) (tail []byte, end int64, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.conns[id]
	if cs == nil {
		return nil, 0, false
	}
	// Find the chunks first, then copy once.
	var parts []*storedChunk
	got := 0
	expect := int64(-1)
	for i := cs.chunks.search(func(c *storedChunk) bool { return c.Seq < before }) - 1; i >= 0; i-- {
		c := cs.chunks.at(i)
		if c.Kind == KindOpen || (c.Kind == KindEOF && c.Dir == dir) {
			break
		}
		if c.Kind != KindData || c.Dir != dir {
			continue
		}
		if expect < 0 {
			ok, end = true, c.Offset+int64(len(c.Data))
			if c.Omitted > 0 {
				// The stream goes on past what was kept.
				end += c.Omitted
				break
			}
		} else if c.Omitted > 0 || c.Offset+int64(len(c.Data)) != expect {
			break
		}
		if n <= 0 {
			break
		}
		parts = append(parts, c)
		got += len(c.Data)
		expect = c.Offset
		if got >= n {
			break
		}
	}
	if got == 0 {
		return nil, end, ok
	}
	tail = make([]byte, 0, min(got, n))
	skip := max(got-n, 0) // of the oldest part
	for i := len(parts) - 1; i >= 0; i-- {
		d := parts[i].Data
		if skip > 0 {
			d = d[skip:]
			skip = 0
		}
		tail = append(tail, d...)
	}
	return tail, end, ok
}

package export

import (
	"sort"
	"time"
)

// byteStream keeps the recent bytes of one connection in one direction,
// with the time each chunk arrived, so an HTTP record can find its
// request or response bytes by offset. It keeps what came after the last
// exchange finished (discard), up to maxKeep bytes: enough for the heads
// and the start of the body; beyond that, it only counts.
type byteStream struct {
	base  int64  // stream offset of buf[0]
	buf   []byte // contiguous bytes from base
	end   int64  // stream offset after the last byte seen (kept or not)
	full  bool   // bytes after base+len(buf) were seen but not kept
	marks []mark // chunks starting in [base, end), oldest first
}

// mark is where a chunk started and when it crossed the socket.
type mark struct {
	off int64
	t   time.Time
}

// maxKeep bounds the bytes a byteStream keeps; maxMarks its chunk times.
const (
	maxKeep  = 32 << 20
	maxMarks = 1 << 16
)

// add records a chunk of data (and omitted bytes never kept) starting at
// off, seen at t.
func (s *byteStream) add(off int64, data []byte, omitted int64, t time.Time) {
	if off != s.end {
		// Bytes are missing (the store dropped them): start again here.
		s.base, s.buf, s.end, s.full, s.marks = off, s.buf[:0], off, false, s.marks[:0]
	}
	if len(s.marks) < maxMarks {
		s.marks = append(s.marks, mark{off, t})
	}
	if !s.full && len(s.buf)+len(data) <= maxKeep {
		s.buf = append(s.buf, data...)
	} else {
		s.full = true
	}
	s.end = off + int64(len(data)) + omitted
	if omitted > 0 {
		s.full = true // what follows no longer lines up with buf
	}
}

// get returns the kept bytes of [from, to): b is empty unless the kept
// bytes start at from (a window whose start is gone is of no use), and
// whole says b is all of it.
func (s *byteStream) get(from, to int64) (b []byte, whole bool) {
	if from >= to {
		return nil, true
	}
	if from < s.base {
		return nil, false
	}
	hi := min(to, s.base+int64(len(s.buf)))
	if from >= hi {
		return nil, false
	}
	return s.buf[from-s.base : hi-s.base], hi == to
}

// timeAt is when the byte at offset off crossed the socket (the time of
// the chunk holding it); ok is false if that is no longer known.
func (s *byteStream) timeAt(off int64) (time.Time, bool) {
	if off < 0 || off >= s.end || len(s.marks) == 0 || off < s.marks[0].off {
		return time.Time{}, false
	}
	i := sort.Search(len(s.marks), func(i int) bool { return s.marks[i].off > off })
	return s.marks[i-1].t, true
}

// discard forgets the bytes before offset upto: an exchange that ended
// there needs them no more.
func (s *byteStream) discard(upto int64) {
	if upto <= s.base {
		return
	}
	upto = min(upto, s.end)
	if kept := s.base + int64(len(s.buf)); upto >= kept {
		s.buf = s.buf[:0]
		s.full = upto < s.end // bytes after upto were seen but not kept
	} else {
		s.buf = s.buf[:copy(s.buf, s.buf[upto-s.base:])]
	}
	s.base = upto
	// Keep the mark of the chunk holding upto.
	i := sort.Search(len(s.marks), func(i int) bool { return s.marks[i].off > upto })
	if i > 1 {
		s.marks = s.marks[:copy(s.marks, s.marks[i-1:])]
	}
	if cap(s.buf) > 4<<20 && len(s.buf) < 1<<20 {
		s.buf = append([]byte(nil), s.buf...) // let a big buffer go
	}
}

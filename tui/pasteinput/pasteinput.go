// Package pasteinput keeps a bracketed paste byte-exact on its way through
// the terminal input decoder.
//
// Bubble Tea's decoder (ultraviolet's TerminalReader) builds a paste from
// the key events it decodes between ESC[200~ and ESC[201~: an escape
// sequence inside the paste (ESC[31m) decodes to an unknown event and is
// dropped, and bytes that are not UTF-8 are dropped when the paste ends.
// netassist promises that what is pasted is what is sent, so a Reader sits
// between the terminal and the decoder and writes the paste's content as
// hex digits, which the decoder passes through untouched; Decode turns the
// PasteMsg's content back into the exact bytes. The paste markers and every
// byte outside a paste pass through unchanged and are never held back, so
// a lone ESC key press is not delayed.
package pasteinput

import (
	"bytes"
	"encoding/hex"
	"os"
)

// The bracketed-paste markers (xterm's "bracketed paste mode").
const (
	startMarker = "\x1b[200~"
	endMarker   = "\x1b[201~"
)

// slack is the room Read keeps in its caller's buffer for what it adds
// besides the hex of the bytes it reads: a held partial end marker (hex
// doubles it) and the end marker itself.
const slack = 2*len(endMarker) + len(endMarker)

// Reader reads a terminal and hex-encodes the content of each bracketed
// paste. It is a term.File (Read, Write, Close, Fd), so Bubble Tea still
// puts the terminal into raw mode and waits on its descriptor.
//
// Read never returns more than len(p) bytes and keeps nothing back but the
// first bytes of a possible end marker inside a paste, so a reader that
// waits on the descriptor before each Read (cancelreader's epoll) never
// waits while output is pending.
type Reader struct {
	f *os.File

	// Read state, owned by the one goroutine that calls Read.
	inPaste bool
	match   int    // bytes of startMarker seen so far, outside a paste
	held    []byte // inside a paste: a tail that may begin the end marker
	buf     []byte // what the last read from f returned
	pending []byte // output a caller's too-small buffer could not take
}

// New returns a Reader over the terminal f (os.Stdin, or the tty opened
// when stdin is not one).
func New(f *os.File) *Reader { return &Reader{f: f} }

// Fd is f's descriptor, so Bubble Tea sets raw mode on it and its cancel
// reader waits on it.
func (r *Reader) Fd() uintptr { return r.f.Fd() }

// Write writes to the terminal (term.File needs it; Bubble Tea writes to its
// output, not here).
func (r *Reader) Write(p []byte) (int, error) { return r.f.Write(p) }

// Close closes f.
func (r *Reader) Close() error { return r.f.Close() }

// Name is f's name.
func (r *Reader) Name() string { return r.f.Name() }

// Read reads from the terminal into p, hex-encoding what lies inside a
// bracketed paste. With p under about 30 bytes Read reads one byte at a
// time and may keep output for the next call (Bubble Tea reads 4 KiB).
func (r *Reader) Read(p []byte) (int, error) {
	if len(r.pending) > 0 {
		n := copy(p, r.pending)
		r.pending = r.pending[n:]
		return n, nil
	}
	room := max((len(p)-slack)/2, 1)
	for {
		if cap(r.buf) < room {
			r.buf = make([]byte, room)
		}
		n, err := r.f.Read(r.buf[:room])
		out := r.convert(p[:0:len(p)], r.buf[:n])
		if len(out) > len(p) { // only with a buffer under slack bytes
			r.pending = append(r.pending[:0], out[len(p):]...)
			out = out[:len(p)]
		}
		copy(p, out)
		if len(out) > 0 || err != nil {
			return len(out), err
		}
		// Everything read was held (the start of a possible end marker
		// inside a paste): the terminal sends the rest at once.
	}
}

// convert appends to dst what the decoder should see for the bytes b.
func (r *Reader) convert(dst, b []byte) []byte {
	for len(b) > 0 {
		if !r.inPaste {
			i := r.scanStart(b)
			dst = append(dst, b[:i]...)
			b = b[i:]
			continue
		}
		// Inside a paste: look for the end marker across the held tail.
		data := append(r.held, b...)
		r.held = nil
		b = nil
		if i := bytes.Index(data, []byte(endMarker)); i >= 0 {
			dst = hex.AppendEncode(dst, data[:i])
			dst = append(dst, endMarker...)
			r.inPaste = false
			b = data[i+len(endMarker):]
			continue
		}
		keep := partialSuffix(data, endMarker)
		dst = hex.AppendEncode(dst, data[:len(data)-keep])
		r.held = append([]byte(nil), data[len(data)-keep:]...)
	}
	return dst
}

// scanStart advances the start-marker match over b, outside a paste, and
// returns how many bytes of b pass through unchanged: all of them, or up to
// and including a completed start marker (after which a paste begins).
func (r *Reader) scanStart(b []byte) int {
	for i, c := range b {
		switch {
		case c == startMarker[r.match]:
			r.match++
		case c == startMarker[0]:
			r.match = 1
		default:
			r.match = 0
		}
		if r.match == len(startMarker) {
			r.match = 0
			r.inPaste = true
			return i + 1
		}
	}
	return len(b)
}

// partialSuffix is the length of the longest proper prefix of marker that
// data ends with.
func partialSuffix(data []byte, marker string) int {
	for k := min(len(marker)-1, len(data)); k > 0; k-- {
		if bytes.HasSuffix(data, []byte(marker[:k])) {
			return k
		}
	}
	return 0
}

// Decode returns the bytes a paste read through a Reader carried, given the
// content of the PasteMsg the decoder built from it. ok is false when the
// content is not hex (a paste that did not come through a Reader); the
// caller then keeps the content as it is.
func Decode(content string) (b []byte, ok bool) {
	b, err := hex.DecodeString(content)
	return b, err == nil
}

package lessons

import (
	"fmt"
	"slices"
	"time"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/httpserve/wire"
	"github.com/netassist/netassist/netassist/compose"
)

// Reply is a template made ready to send.
type Reply struct {
	// Bytes is the whole reply.
	Bytes []byte
	// Pieces are Bytes cut into what to send Gap apart: one piece when the
	// template does not drip. They alias Bytes.
	Pieces [][]byte
	Gap    time.Duration
	// Close: close the connection after the last piece (the body of a
	// reply without a length runs until then).
	Close bool
}

// Build makes the bytes of t: line breaks and escapes applied as in the
// send box, the body of the last message encoded (encode), its
// Content-Length set to the body's real size (length: auto), then cut
// into pieces (drip). It is pure, but encoding a large body takes a
// while: call it off a UI's goroutine when the template encodes.
func (t Template) Build() (Reply, error) {
	b, err := compose.Text(t.Message, compose.Options{CRLF: t.CRLF, Escapes: t.Escapes})
	if err != nil {
		return Reply{}, fmt.Errorf("%s: %w", t.ID, err)
	}
	if b, err = t.Finish(b); err != nil {
		return Reply{}, err
	}
	return Reply{Bytes: b, Pieces: Pieces(b, t.Drip), Gap: t.Drip.Gap, Close: t.Close}, nil
}

// Finish applies t's encode and length keys to b, the message's bytes as
// composed (by Build from t.Message, or by a reply editor from the text
// the template put there and the user changed since): the body of the
// last message encoded, then its Content-Length set to the body's real
// size. It returns a new slice (b is not modified) or an error naming t.
func (t Template) Finish(b []byte) ([]byte, error) {
	b = slices.Clip(b)
	last := lastMessage(b)
	if t.Encode != "" {
		he := wire.HeadEnd(b[last:])
		if he < 0 {
			return nil, fmt.Errorf("%s: encode: the message has no blank line before its body", t.ID)
		}
		body, err := httpserve.Encode(t.Encode, b[last+he:])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.ID, err)
		}
		b = append(b[:last+he:last+he], body...)
	}
	if t.Length {
		fixed, _ := compose.FixContentLength(b[last:])
		b = append(b[:last:last], fixed...)
	}
	return b, nil
}

// lastMessage is the offset of the last message in b (0 when there is
// one, or none that parses).
func lastMessage(b []byte) int {
	msgs, _, _ := wire.ParseAll(b)
	if len(msgs) == 0 {
		return 0
	}
	return msgs[len(msgs)-1].Off
}

// Pieces cuts b as drip d says. Without a gap, b is one piece. With a
// count, the first message's head is the first piece and the rest is
// cut into count−1 near-equal parts (the whole of b evenly, when it has
// no head). Without a count, b is cut at its natural places: each
// message's head, each chunk of a chunked body (the last chunk with the
// trailer), each other body. Empty pieces are dropped; joined, the pieces
// are b.
func Pieces(b []byte, d Drip) [][]byte {
	if d.Gap <= 0 || len(b) == 0 {
		return [][]byte{b}
	}
	var cuts []int
	if d.Pieces > 0 {
		he := wire.HeadEnd(b)
		parts := d.Pieces - 1
		if he <= 0 {
			he, parts = 0, d.Pieces
		} else {
			cuts = append(cuts, he)
		}
		rest := len(b) - he
		for i := 1; i < parts; i++ {
			cuts = append(cuts, he+rest*i/parts)
		}
	} else {
		msgs, _, _ := wire.ParseAll(b)
		for _, m := range msgs {
			cuts = append(cuts, m.Off, m.Off+m.HeadLen)
			for _, c := range m.Chunks {
				cuts = append(cuts, c.SizeLine.Off)
			}
			cuts = append(cuts, m.Off+m.Len)
		}
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	out := make([][]byte, 0, len(cuts)+1)
	prev := 0
	for _, c := range cuts {
		if c > prev && c < len(b) {
			out = append(out, b[prev:c:c])
			prev = c
		}
	}
	return append(out, b[prev:])
}

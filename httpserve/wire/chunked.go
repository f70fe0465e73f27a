package wire

import (
	"bytes"
	"strconv"
)

// Limits of the chunked decoder: a chunk-size or trailer line (net/http
// refuses lines of 4 KiB), and the whole trailer section.
const (
	MaxChunkLine = 4096
	MaxTrailer   = 64 << 10
)

// PieceKind says what bytes of a chunked body are.
type PieceKind uint8

const (
	PieceSize    PieceKind = iota // a chunk-size line (size, extensions, line break)
	PieceData                     // chunk data: the content
	PieceDataEnd                  // the line break after a chunk's data
	PieceTrailer                  // trailer lines and the empty line that ends the body
	PieceBroken                   // bytes after the framing broke (the rest of the stream)
)

// Piece is a run of bytes a ChunkDecoder consumed, all of one kind.
type Piece struct {
	Kind PieceKind
	Off  int64 // offset of its first byte in the body
	N    int   // bytes consumed
	// LineDone: a PieceSize or PieceTrailer run ends with its line break
	// (Size and Ext of the decoder then describe the chunk).
	LineDone bool
}

// Decoder states.
const (
	csSize = iota
	csData
	csDataEnd
	csDataCR
	csTrailer
	csDone
	csBroken
)

// ChunkDecoder decodes a chunked body (RFC 9112 §7.1) as its bytes arrive,
// in pieces of any size: what is data, what is framing, where each chunk
// starts. It accepts what net/http accepts, and also bare LF line ends
// and whitespace before a chunk extension (with a Finding); anything it
// cannot read breaks the framing, after which every byte is PieceBroken.
// The zero value is ready; it is not safe for concurrent use.
type ChunkDecoder struct {
	state    int
	off      int64  // body bytes consumed
	remain   uint64 // data bytes left in the current chunk
	line     []byte // the line being read, up to MaxChunkLine
	lineOff  int64  // its offset
	size     uint64
	ext      string
	chunks   int
	trailerN int
	trailer  []Field
	findings []Finding
}

// Next consumes the bytes at the start of b that form one run of one kind
// and says what they are. It consumes nothing (N 0) once the body is done,
// or when b is empty.
func (d *ChunkDecoder) Next(b []byte) Piece {
	p := Piece{Off: d.off}
	if len(b) == 0 || d.state == csDone {
		return p
	}
	switch d.state {
	case csSize, csTrailer:
		p.Kind = PieceSize
		if d.state == csTrailer {
			p.Kind = PieceTrailer
		}
		if len(d.line) == 0 {
			d.lineOff = d.off
		}
		i := bytes.IndexByte(b, '\n')
		n := i + 1
		if i < 0 {
			n = len(b)
		}
		d.line = append(d.line, b[:min(n, MaxChunkLine+2-len(d.line))]...)
		p.N = n
		if len(d.line) > MaxChunkLine+1 {
			d.breakAt(d.lineOff, "line longer than "+strconv.Itoa(MaxChunkLine)+" bytes")
		} else if i >= 0 {
			p.LineDone = true
			if d.state == csSize {
				d.sizeLine()
			} else {
				d.trailerLine()
			}
			d.line = d.line[:0]
		}
	case csData:
		p.Kind = PieceData
		p.N = int(min(uint64(len(b)), d.remain))
		d.remain -= uint64(p.N)
		if d.remain == 0 {
			d.state = csDataEnd
		}
	case csDataEnd, csDataCR:
		p.Kind = PieceDataEnd
		switch c := b[0]; {
		case c == '\n':
			p.N = 1
			if d.state == csDataEnd {
				d.findings = append(d.findings, finding(CodeBareLF, Warning, int(d.off)))
			}
			d.state = csSize
		case c == '\r' && d.state == csDataEnd:
			p.N = 1
			d.state = csDataCR
		default:
			d.breakAt(d.off, "chunk data longer than its size "+strconv.FormatUint(d.size, 16))
			return d.Next(b)
		}
	case csBroken:
		p.Kind = PieceBroken
		p.N = len(b)
	}
	d.off += int64(p.N)
	return p
}

// sizeLine reads a complete chunk-size line: hex size, then optional
// extensions after ';'.
func (d *ChunkDecoder) sizeLine() {
	line, ok := d.lineText()
	if !ok {
		return
	}
	digits := line
	ext := ""
	if i := bytes.IndexByte(line, ';'); i >= 0 {
		digits, ext = line[:i], string(line[i:])
	}
	trimmed := bytes.TrimRight(digits, " \t")
	if len(trimmed) < len(digits) && ext != "" {
		// BWS before ';' is allowed by RFC 9112 §7.1.1; net/http refuses it.
		d.findings = append(d.findings, finding(CodeBadChunked, Warning, int(d.lineOff)+len(trimmed), "whitespace before a chunk extension"))
	}
	if len(trimmed) == 0 || len(trimmed) > 16 {
		d.breakAt(d.lineOff, "chunk size "+quote(string(line))+" is not 1 to 16 hex digits")
		return
	}
	var n uint64
	for _, c := range trimmed {
		v := unhex(c)
		if v < 0 {
			d.breakAt(d.lineOff, "chunk size "+quote(string(line))+" is not a hex number")
			return
		}
		n = n<<4 | uint64(v)
	}
	d.size, d.ext = n, ext
	if n == 0 {
		d.state = csTrailer
		return
	}
	d.chunks++
	d.remain, d.state = n, csData
}

// trailerLine reads a complete trailer line; an empty one ends the body.
func (d *ChunkDecoder) trailerLine() {
	d.trailerN += len(d.line)
	line, ok := d.lineText()
	if !ok {
		return
	}
	if len(line) == 0 {
		d.state = csDone
		return
	}
	if d.trailerN > MaxTrailer {
		d.breakAt(d.lineOff, "trailer longer than "+strconv.Itoa(MaxTrailer)+" bytes")
		return
	}
	d.trailer, d.findings = appendField(d.trailer, d.findings, string(line), int(d.lineOff))
}

// lineText strips the line break of d.line, noting a bare LF; a CR
// anywhere else breaks the framing (net/http refuses it too).
func (d *ChunkDecoder) lineText() ([]byte, bool) {
	line := d.line[:len(d.line)-1]
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	} else {
		d.findings = append(d.findings, finding(CodeBareLF, Warning, int(d.lineOff)+n))
	}
	if i := bytes.IndexByte(line, '\r'); i >= 0 {
		d.breakAt(d.lineOff+int64(i), "a CR inside a chunk line")
		return nil, false
	}
	return line, true
}

func (d *ChunkDecoder) breakAt(off int64, why string) {
	d.findings = append(d.findings, Finding{Code: CodeBadChunked, Severity: Error, Off: off, Args: []string{why}})
	d.state = csBroken
	d.line = nil
}

// Done reports whether the body ended (last chunk and trailer read).
func (d *ChunkDecoder) Done() bool { return d.state == csDone }

// Broken reports whether the framing broke: the body then runs until the
// connection closes.
func (d *ChunkDecoder) Broken() bool { return d.state == csBroken }

// LastChunk reports whether the last (zero-size) chunk's line was read:
// only the trailer is left, or nothing.
func (d *ChunkDecoder) LastChunk() bool { return d.state == csTrailer || d.state == csDone }

// InData reports whether the decoder is inside a chunk's data.
func (d *ChunkDecoder) InData() bool { return d.state == csData }

// Size is the size of the chunk whose size line was read last, and Ext
// its extensions (";name=value…", as sent), if any.
func (d *ChunkDecoder) Size() uint64 { return d.size }

// Ext: see Size.
func (d *ChunkDecoder) Ext() string { return d.ext }

// Chunks counts the data chunks begun (the last, empty chunk excluded).
func (d *ChunkDecoder) Chunks() int { return d.chunks }

// Offset is how many body bytes were consumed.
func (d *ChunkDecoder) Offset() int64 { return d.off }

// Trailer is the trailer fields read so far, offsets relative to the
// body's first byte.
func (d *ChunkDecoder) Trailer() []Field { return d.trailer }

// Findings are the problems seen so far, offsets relative to the body's
// first byte.
func (d *ChunkDecoder) Findings() []Finding { return d.findings }

// Dechunk decodes the chunked body at the start of b: the data, how many
// bytes of b the body spans so far, and whether it is complete. It is
// ChunkDecoder run over b at once.
func Dechunk(b []byte) (data []byte, n int, done bool, d *ChunkDecoder) {
	d = &ChunkDecoder{}
	for n < len(b) {
		p := d.Next(b[n:])
		if p.N == 0 {
			break
		}
		if p.Kind == PieceData {
			data = append(data, b[n:n+p.N]...)
		}
		n += p.N
	}
	return data, n, d.Done(), d
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return int(c - 'A' + 10)
	}
	return -1
}

package export

import (
	"bufio"
	"context"
	"io"

	"github.com/netassist/netassist/netassist"
)

// Stats say what an export wrote.
type Stats struct {
	Events  int   // events read from the source
	Entries int   // HAR: entries written (one per http exchange)
	Bytes   int64 // bytes written (Raw: the files' total)
	Files   []RawFile
	Report  Report // what the source could not give
}

// Text writes the headless text transcript (DESIGN.md §3, netassist's
// --format text): every event of src formatted by netassist.TextFormat,
// so the file says exactly what `--headless` printed (bytes escaped by the
// one renderer, DESIGN.md §5). ctx stops it between events.
func Text(ctx context.Context, w io.Writer, src Source) (Stats, error) {
	bw := bufio.NewWriterSize(w, 256<<10)
	cw := &countWriter{w: bw}
	f := netassist.NewTextFormat()
	var st Stats
	var buf []byte
	for {
		it, err := src.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return st, err
		}
		if err := ctx.Err(); err != nil {
			return st, err
		}
		st.Events++
		buf = f.Format(buf[:0], &it.Event)
		if _, err := cw.Write(buf); err != nil {
			return st, err
		}
	}
	st.Report = src.Report()
	if err := bw.Flush(); err != nil {
		return st, err
	}
	st.Bytes = cw.n
	return st, nil
}

// countWriter counts what goes through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

package export

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/netassist/netassist/netassist"
)

// RawFile is one file Raw wrote: the exact bytes of one connection in one
// direction.
type RawFile struct {
	Path  string
	Conn  string // the connection's label: "3", or "2.3" in a record's second run
	Dir   netassist.Dir
	Bytes int64 // bytes in the file
	// Omitted counts bytes that crossed the socket but were never kept (a
	// large file body sent with sendfile, captured as a prefix): the file
	// lacks them, at their place.
	Omitted int64
	// Missing counts bytes the store had dropped (its budget) before the
	// export: the file lacks them too.
	Missing int64
}

// RawName is the file name Raw gives a connection's bytes in one
// direction: conn3-in.bin, conn3-out.bin; s2-conn3-in.bin for connection 3
// of a record's second run.
func RawName(session int, conn netassist.ConnID, dir netassist.Dir) string {
	if session > 1 {
		return fmt.Sprintf("s%d-conn%d-%s.bin", session, uint64(conn), dir)
	}
	return fmt.Sprintf("conn%d-%s.bin", uint64(conn), dir)
}

// maxOpenRaw bounds the files Raw keeps open at once; a record of
// thousands of connections reopens the older ones to append.
const maxOpenRaw = 64

// Raw writes every connection's bytes of src into dir, one file per
// connection and direction (RawName), exactly as they crossed the socket
// (bytes that were not kept are missing: RawFile says how many). A
// direction that carried nothing gets no file. dir must exist; PrepareDir
// makes it and refuses to mix with older files. force allows replacing
// files of the same name. ctx stops it between events.
func Raw(ctx context.Context, dir string, src Source, force bool) (Stats, error) {
	rw := &rawWriter{dir: dir, force: force, files: make(map[rawKey]*rawFile)}
	st, err := rw.run(ctx, src)
	if cerr := rw.closeAll(); err == nil {
		err = cerr
	}
	for _, k := range rw.order {
		f := rw.files[k]
		st.Files = append(st.Files, f.info)
		st.Bytes += f.info.Bytes
	}
	return st, err
}

type rawKey struct {
	connKey
	dir netassist.Dir
}

// rawFile is one output file; w is non-nil while it is open.
type rawFile struct {
	info RawFile
	f    *os.File
	w    *bufio.Writer
	next int64 // the stream offset the next data event should start at
	used uint64
}

type rawWriter struct {
	dir   string
	force bool
	files map[rawKey]*rawFile
	order []rawKey // files in the order they were created
	open  int
	tick  uint64 // for least-recently-used closing
}

func (rw *rawWriter) run(ctx context.Context, src Source) (Stats, error) {
	var st Stats
	for {
		it, err := src.Next()
		if err == io.EOF {
			st.Report = src.Report()
			return st, nil
		}
		if err != nil {
			return st, err
		}
		if err := ctx.Err(); err != nil {
			return st, err
		}
		st.Events++
		e := &it.Event
		switch e.Kind {
		case netassist.KindData:
			if err := rw.data(it); err != nil {
				return st, err
			}
		case netassist.KindClose:
			for _, d := range []netassist.Dir{netassist.In, netassist.Out} {
				if f := rw.files[rawKey{connKey{it.Session, e.Conn}, d}]; f != nil {
					if err := rw.closeFile(f); err != nil {
						return st, err
					}
				}
			}
		}
	}
}

func (rw *rawWriter) data(it *Item) error {
	e := &it.Event
	k := rawKey{connKey{it.Session, e.Conn}, e.Dir}
	f := rw.files[k]
	if f == nil {
		if len(e.Data) == 0 && e.Omitted == 0 {
			return nil
		}
		f = &rawFile{info: RawFile{
			Path: filepath.Join(rw.dir, RawName(it.Session, e.Conn, e.Dir)),
			Conn: k.label(), Dir: e.Dir,
			Missing: it.Offset, // what the store dropped before the first chunk it kept
		}, next: it.Offset}
		rw.files[k] = f
		rw.order = append(rw.order, k)
	}
	if it.Offset > f.next {
		f.info.Missing += it.Offset - f.next
	}
	f.next = it.Offset + int64(len(e.Data)) + e.Omitted
	f.info.Omitted += e.Omitted
	if len(e.Data) == 0 {
		return nil
	}
	if err := rw.ensureOpen(f); err != nil {
		return err
	}
	rw.tick++
	f.used = rw.tick
	n, err := f.w.Write(e.Data)
	f.info.Bytes += int64(n)
	if err != nil {
		return fmt.Errorf("%s: %w", f.info.Path, err)
	}
	return nil
}

// ensureOpen opens f (creating it the first time), closing the least
// recently written file if too many are open.
func (rw *rawWriter) ensureOpen(f *rawFile) error {
	if f.w != nil {
		return nil
	}
	if rw.open >= maxOpenRaw {
		var lru *rawFile
		for _, g := range rw.files {
			if g.w != nil && (lru == nil || g.used < lru.used) {
				lru = g
			}
		}
		if err := rw.closeFile(lru); err != nil {
			return err
		}
	}
	flags := os.O_WRONLY | os.O_APPEND
	if f.info.Bytes == 0 {
		flags = os.O_WRONLY | os.O_CREATE | os.O_EXCL
		if rw.force {
			flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
		}
	}
	fd, err := os.OpenFile(f.info.Path, flags, 0o600) // captures can hold credentials
	if err != nil {
		if os.IsExist(err) {
			return fmt.Errorf("%s exists (use --force to replace it)", f.info.Path)
		}
		return err
	}
	f.f, f.w = fd, bufio.NewWriterSize(fd, 32<<10)
	rw.open++
	return nil
}

func (rw *rawWriter) closeFile(f *rawFile) error {
	if f.w == nil {
		return nil
	}
	err := f.w.Flush()
	if cerr := f.f.Close(); err == nil {
		err = cerr
	}
	f.f, f.w = nil, nil
	rw.open--
	if err != nil {
		return fmt.Errorf("%s: %w", f.info.Path, err)
	}
	return nil
}

func (rw *rawWriter) closeAll() error {
	var first error
	for _, k := range rw.order {
		if err := rw.closeFile(rw.files[k]); err != nil && first == nil {
			first = err
		}
	}
	return first
}

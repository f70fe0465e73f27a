package httpserve

import (
	"errors"
	"io"
	"os"
)

// fileBody is an opened site file as http.ServeContent reads it, with its
// size known from the fstat made when it was opened (http.FileServer
// serves the size its Stat gave too) and its offset kept here, so that
// ServeContent's Seek(0, io.SeekEnd) and Seek(0, io.SeekStart), and the
// capture's look at the offset before sendfile, cost no lseek(2) each:
// three a request. The file's own offset is moved only when a read, or
// the sendfile that starts at it, needs another one.
type fileBody struct {
	f    *os.File
	size int64 // from the fstat at open
	pos  int64 // the offset the reader asked for
	at   int64 // the file's offset in the kernel
}

var errSeek = errors.New("httpserve: seek: invalid offset")

// Seek moves the offset the next read starts at, with no system call.
func (b *fileBody) Seek(off int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		off += b.pos
	case io.SeekEnd:
		off += b.size
	default:
		return 0, errSeek
	}
	if off < 0 {
		return 0, errSeek
	}
	b.pos = off
	return off, nil
}

// sync moves the file's offset to the one asked for, if it is elsewhere.
func (b *fileBody) sync() error {
	if b.at == b.pos {
		return nil
	}
	if _, err := b.f.Seek(b.pos, io.SeekStart); err != nil {
		return err
	}
	b.at = b.pos
	return nil
}

// Read reads from the offset asked for.
func (b *fileBody) Read(p []byte) (int, error) {
	if err := b.sync(); err != nil {
		return 0, err
	}
	n, err := b.f.Read(p)
	b.advance(int64(n))
	return n, err
}

// advance notes that n bytes were read from the file at its offset.
func (b *fileBody) advance(n int64) { b.pos += n; b.at += n }

//go:build linux

package httpserve

import (
	"os"
	"sync/atomic"
	"syscall"

	"golang.org/x/sys/unix"
)

// beneath opens site files with one openat2(2) (Linux 5.6) relative to the
// root directory, refusing any symbolic link on the way
// (RESOLVE_NO_SYMLINKS) and anything outside the root (RESOLVE_BENEATH).
// When it opens a name, the file is the name as written: no link can have
// led to a hidden file, so hiddenTarget's walk (an Lstat a segment) and
// os.Root's own walk are not needed, which saves a path lookup and a
// system call a request. Anything else (a link on the way, a missing
// file, a kernel or sandbox without openat2) goes the general way.
type beneath struct {
	dir *os.File        // the root directory, opened through the os.Root
	rc  syscall.RawConn // dir's, so that a Close cannot pull the fd from under an open
	off atomic.Bool     // openat2 is missing or refused: always the general way
}

// newBeneath returns nil if the root directory cannot be opened.
func newBeneath(root *os.Root) *beneath {
	dir, err := root.Open(".")
	if err != nil {
		return nil
	}
	rc, err := dir.SyscallConn()
	if err != nil {
		dir.Close()
		return nil
	}
	return &beneath{dir: dir, rc: rc}
}

// open opens name (a path siteName accepted) for reading, with
// openFlags; ok is false when it did not, and the caller goes the general
// way, whose answer (file, refusal or error) is then the one given.
func (b *beneath) open(name string) (f *os.File, ok bool) {
	if b == nil || b.off.Load() {
		return nil, false
	}
	how := unix.OpenHow{
		Flags:   uint64(unix.O_RDONLY | unix.O_CLOEXEC | unix.O_NOFOLLOW | openFlags),
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS,
	}
	fd := -1
	var err error
	cerr := b.rc.Control(func(dirfd uintptr) {
		for {
			fd, err = unix.Openat2(int(dirfd), name, &how)
			if err != unix.EINTR {
				return
			}
		}
	})
	switch {
	case cerr != nil:
		return nil, false
	case err == unix.ENOSYS || err == unix.EPERM || err == unix.EINVAL || err == unix.E2BIG:
		b.off.Store(true)
		return nil, false
	case err != nil:
		return nil, false
	}
	return os.NewFile(uintptr(fd), name), true
}

// close closes the root directory.
func (b *beneath) close() {
	if b != nil {
		b.dir.Close()
	}
}

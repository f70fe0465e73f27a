//go:build unix

package httpserve

import "syscall"

// openFlags makes opening a FIFO or device in the root return at once
// instead of blocking; the file is then refused as not regular. Regular
// files ignore O_NONBLOCK.
const openFlags = syscall.O_NONBLOCK

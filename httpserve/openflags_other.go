//go:build !unix

package httpserve

// openFlags: no special open flags where O_NONBLOCK does not exist.
const openFlags = 0

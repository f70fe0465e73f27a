//go:build !unix

package netassist

import "errors"

// RaiseFileLimit is not supported here: it returns an error, and callers
// keep their default caps.
func RaiseFileLimit() (uint64, error) { return 0, errors.New("no file limit on this system") }

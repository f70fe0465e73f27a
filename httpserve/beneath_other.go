//go:build !linux

package httpserve

import "os"

// beneath is Linux's openat2 shortcut for opening site files; elsewhere
// every file goes the general way (hiddenTarget, then os.Root).
type beneath struct{}

func newBeneath(*os.Root) *beneath { return nil }

func (*beneath) open(string) (*os.File, bool) { return nil, false }

func (*beneath) close() {}

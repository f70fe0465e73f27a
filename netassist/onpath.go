package netassist

import (
	"errors"
	"fmt"
	"io/fs"
)

// OnPath is err, a failure on the file at path, naming the path once: err
// itself when it already names it (an *fs.PathError on path, "open
// /x/y.txt: no such file or directory"), else "PATH: err". A message that
// said "PATH: open PATH: …" repeated it (breaker report 1, nit 6).
func OnPath(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path == path {
		return err
	}
	return fmt.Errorf("%s: %w", path, err)
}

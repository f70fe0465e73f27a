package httpserve

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
)

// ErrTooLarge is returned by SiteFile for a file larger than asked for.
var ErrTooLarge = errors.New("httpserve: file larger than the limit")

// SiteFile reads the file the site serves for a GET of target (a request
// target such as "/", "/style.css?v=2"), with the same rules as serving it:
// the root or the demo site, no hidden files, index.html for a directory.
// It returns the file's name in the site, its info and its content (at
// most limit bytes, else ErrTooLarge). It is for views that study a body
// the server sent from a file (the encoding lab): the file as it is now,
// which may have changed since it was served (fi tells its version).
func (s *Server) SiteFile(target string, limit int64) (name string, fi fs.FileInfo, body []byte, err error) {
	u, err := url.ParseRequestURI(target)
	if err != nil {
		return "", nil, nil, err
	}
	name, ok := siteName(u)
	if !ok {
		return "", nil, nil, fmt.Errorf("%s: %w", target, fs.ErrNotExist)
	}
	f, fi, hidden, err := s.openSite(name)
	if err != nil {
		return "", nil, nil, err
	}
	if !hidden && fi.IsDir() {
		f.Close()
		name = path.Join(name, "index.html")
		if f, fi, hidden, err = s.openSite(name); err != nil {
			return "", nil, nil, err
		}
	}
	if hidden {
		return "", nil, nil, fmt.Errorf("%s: %w", target, fs.ErrNotExist)
	}
	defer f.Close()
	if !fi.Mode().IsRegular() {
		return "", nil, nil, fmt.Errorf("%s: not a regular file: %w", name, fs.ErrNotExist)
	}
	if fi.Size() > limit {
		return "", nil, nil, fmt.Errorf("%s: %d bytes: %w", name, fi.Size(), ErrTooLarge)
	}
	body, err = io.ReadAll(io.LimitReader(f, limit+1))
	if err == nil && int64(len(body)) > limit {
		err = fmt.Errorf("%s: %w", name, ErrTooLarge)
	}
	return name, fi, body, err
}

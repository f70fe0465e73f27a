package httpserve

import (
	"io/fs"
	"os"
	"path"
	"strings"
)

// maxLinkHops bounds the symlinks followed when resolving a path (as the
// kernel's ELOOP limit does).
const maxLinkHops = 40

// hiddenTarget reports whether name, resolved inside root, passes through
// a dotfile or dot directory: siteName refuses dot segments in the name
// asked for, but a symlink inside the root (hidlink -> .hidden,
// gitlink -> .git) would reach one, since os.Root follows links that stay
// inside. Each component is looked at with Lstat; a link's target is
// resolved relative to its directory and checked the same way. A loop or
// an unreadable link counts as hidden (refused).
func hiddenTarget(root *os.Root, name string) bool {
	if name == "." {
		return false
	}
	if clean, linked := noLinks(root, name); clean {
		return linked
	}
	todo := strings.Split(name, "/")
	var done []string
	for hops := 0; len(todo) > 0; {
		seg := todo[0]
		todo = todo[1:]
		switch {
		case seg == "" || seg == ".":
			continue
		case seg == "..":
			if len(done) > 0 {
				done = done[:len(done)-1]
			}
			continue
		case seg[0] == '.':
			return true
		}
		cur := path.Join(append(done, seg)...)
		fi, err := root.Lstat(cur)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			done = append(done, seg) // a missing name fails to open anyway
			continue
		}
		if hops++; hops > maxLinkHops {
			return true
		}
		target, err := root.Readlink(cur)
		if err != nil {
			return true
		}
		if path.IsAbs(target) {
			// os.Root refuses an absolute link; check its parts anyway.
			done = nil
		}
		todo = append(strings.Split(target, "/"), todo...)
	}
	return false
}

// noLinks is hiddenTarget's common case, with no allocation of its own: a
// name of plain segments (none empty or starting with a dot), each prefix
// looked at with Lstat once. clean is false if the name is not plain or a
// prefix is a link: then hidden is unknown and the full walk decides.
func noLinks(root *os.Root, name string) (clean, hidden bool) {
	start := 0
	for i := 0; i <= len(name); i++ {
		if i < len(name) && name[i] != '/' {
			continue
		}
		if i == start || name[start] == '.' {
			return false, false
		}
		fi, err := root.Lstat(name[:i])
		if err == nil && fi.Mode()&fs.ModeSymlink != 0 {
			return false, false
		}
		start = i + 1
	}
	return true, false
}

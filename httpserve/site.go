package httpserve

import (
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"strconv"
	"strings"
	"time"
)

// minCompressSize: smaller bodies are sent as they are in auto mode. Under
// about a kilobyte the whole response fits in one packet anyway, and the
// coding's framing eats most of the gain.
const minCompressSize = 1024

// serveSite serves the request from the root directory or the demo site:
// GET and HEAD of regular files, index.html for directories, listings if
// enabled, and friendly HTML error pages for everything else.
func (s *Server) serveSite(w *bodyWriter, r *http.Request, ex *Exchange, st *Settings) {
	ex.Reply = ReplyStatic
	switch r.Method {
	case http.MethodGet, http.MethodHead:
	case http.MethodPost:
		if s.demo && r.URL.Path == "/submit" {
			s.demoSubmit(w, r, ex)
			return
		}
		fallthrough
	default:
		w.Header().Set("Allow", "GET, HEAD")
		s.errorPage(w, r, ex, http.StatusMethodNotAllowed, "method not allowed")
		return
	}
	name, ok := siteName(r.URL)
	if !ok {
		s.errorPage(w, r, ex, http.StatusNotFound, "path refused")
		return
	}
	// Open first, then look at what was opened: no window between a stat
	// and the open for the file to be swapped, one syscall fewer.
	f, fi, hidden, err := s.openSite(name)
	if hidden {
		s.errorPage(w, r, ex, http.StatusNotFound, "path refused: a link to a hidden file")
		return
	}
	if err != nil {
		s.notFound(w, r, ex, err)
		return
	}
	if fi.IsDir() {
		f.Close()
		if !strings.HasSuffix(r.URL.Path, "/") {
			s.redirectDir(w, r, ex)
			return
		}
		idx := path.Join(name, "index.html")
		f, fi, hidden, err = s.openSite(idx)
		switch {
		case hidden: // index.html -> .secret: the directory has no index
			s.errorPage(w, r, ex, http.StatusNotFound, "path refused: a link to a hidden file")
			return
		case err == nil && fi.Mode().IsRegular():
			name = idx
		case s.cfg.List:
			if f != nil {
				f.Close()
			}
			s.listDir(w, r, ex, name, st)
			return
		default:
			if f != nil {
				f.Close()
			}
			s.errorPage(w, r, ex, http.StatusNotFound, "directory without index.html (listing is off)")
			return
		}
	}
	defer f.Close()
	if !fi.Mode().IsRegular() {
		s.errorPage(w, r, ex, http.StatusNotFound, "not a regular file")
		return
	}
	rs, ok := f.(io.ReadSeeker)
	if osf, isFile := f.(*os.File); isFile {
		rs = &fileBody{f: osf, size: fi.Size()} // just opened: offset 0
	}
	if !ok {
		s.errorPage(w, r, ex, http.StatusInternalServerError, "file cannot seek")
		return
	}
	modtime, etag := fi.ModTime(), ""
	if s.demo {
		modtime, etag = s.started, demoETag(name)
	} else {
		etag = fileETag(fi.Size(), fi.ModTime().UnixNano())
	}
	s.sendContent(w, r, st, name, fi.Size(), modtime, etag, rs)
}

// open opens name in the site and stats it. Files under a root are opened
// with openFlags, so that a FIFO cannot block the handler.
func (s *Server) open(name string) (fs.File, fs.FileInfo, error) {
	var f fs.File
	var err error
	if s.root != nil {
		f, err = s.root.OpenFile(name, os.O_RDONLY|openFlags, 0)
	} else {
		f, err = s.site.Open(name)
	}
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, fi, nil
}

// openSite opens name as the site serves it: at once when no symbolic
// link is on its way (openPlain); else refused (hidden true, no file) when
// a link leads to a dotfile or dot directory (hiddenTarget), else opened
// in the root. Every name served goes through it, index.html included.
func (s *Server) openSite(name string) (f fs.File, fi fs.FileInfo, hidden bool, err error) {
	if f, fi, err = s.openPlain(name); f != nil || err != nil {
		return f, fi, false, err
	}
	if s.root != nil && hiddenTarget(s.root, name) {
		return nil, nil, true, nil
	}
	f, fi, err = s.open(name)
	return f, fi, false, err
}

// openPlain opens name in the root and stats it if no symbolic link is on
// its way (beneath): then it cannot lead to a hidden file. It returns no
// file and no error when it did not open it.
func (s *Server) openPlain(name string) (fs.File, fs.FileInfo, error) {
	f, ok := s.beneath.open(name)
	if !ok {
		return nil, nil, nil
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, fi, nil
}

// sendContent chooses the content coding and hands over to
// http.ServeContent (conditional requests, Range, HEAD).
func (s *Server) sendContent(w *bodyWriter, r *http.Request, st *Settings, name string, size int64, modtime time.Time, etag string, rs io.ReadSeeker) {
	ctype := contentType(name)
	negotiable := compressible(ctype) && size >= minCompressSize
	ranged := r.Header.Get("Range") != ""
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("X-Content-Type-Options", "nosniff")
	if negotiable {
		h.Add("Vary", "Accept-Encoding")
	}
	w.choose(st.Encoding, negotiable && !ranged, ranged)
	if etag != "" {
		if w.want != EncodingIdentity {
			// Each coding is its own representation with its own tag.
			etag = etag[:len(etag)-1] + "-" + string(w.want) + `"`
		}
		h.Set("ETag", etag)
	}
	http.ServeContent(w, r, name, modtime, rs)
}

// choose sets the coding to apply to a full response. Forced codings apply
// to any full response (that is the point of forcing: see what a PNG
// gzipped looks like), never to a Range request.
func (w *bodyWriter) choose(setting Encoding, negotiable, ranged bool) {
	w.want = EncodingIdentity
	switch {
	case ranged:
		w.why = WhyRange
	case setting != EncodingAuto && setting != "":
		w.want, w.forced, w.why = setting, true, WhyForced
	case !negotiable:
		w.why = WhyNotCompressible
	case !w.ae.present:
		w.why = WhyNoAcceptEncoding
	default:
		w.want, w.why = w.ae.negotiate(), WhyNegotiated
	}
}

// siteName maps a request path to a name in the site, refusing anything
// that could leave it or reveal hidden files: dot segments (".", "..",
// dotfiles), empty segments, NUL, backslashes and encoded slashes. os.Root
// refuses symlinks that lead out, whatever gets past this.
func siteName(u *url.URL) (string, bool) {
	p := u.Path
	if p == "" || p[0] != '/' || strings.ContainsAny(p, "\x00\\") {
		return "", false
	}
	if raw := strings.ToLower(u.RawPath); strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") {
		return "", false
	}
	segs := strings.Split(p[1:], "/")
	for i, seg := range segs {
		if seg == "" && i == len(segs)-1 {
			segs = segs[:i] // trailing slash
			break
		}
		if seg == "" || seg[0] == '.' {
			return "", false
		}
	}
	name := strings.Join(segs, "/")
	if name == "" {
		name = "."
	}
	return name, fs.ValidPath(name)
}

// redirectDir sends /dir to /dir/, as http.FileServer does, so that
// relative links in its index resolve.
func (s *Server) redirectDir(w *bodyWriter, r *http.Request, ex *Exchange) {
	loc := (&url.URL{Path: path.Base(r.URL.Path) + "/", RawQuery: r.URL.RawQuery}).String()
	w.Header().Set("Location", loc)
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(http.StatusMovedPermanently)
	ex.Note = "directory: redirected to add a slash"
}

func (s *Server) notFound(w *bodyWriter, r *http.Request, ex *Exchange, err error) {
	note := "not found"
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case errors.Is(err, fs.ErrPermission):
		note = "permission denied"
	default:
		// os.Root's refusal of a path escaping the root lands here too.
		note = "refused: " + err.Error()
	}
	s.errorPage(w, r, ex, http.StatusNotFound, note)
}

// errorPage sends a small, friendly HTML page. The path is escaped; the
// note is for the record only (clients get generic text).
func (s *Server) errorPage(w *bodyWriter, r *http.Request, ex *Exchange, code int, note string) {
	ex.Note = note
	text := http.StatusText(code)
	var msg string
	switch code {
	case http.StatusNotFound:
		msg = fmt.Sprintf(`<p>There is nothing at <code>%s</code> on this server.</p>
<p>服务器上没有 <code>%s</code> 这个资源。</p>`, html.EscapeString(r.URL.Path), html.EscapeString(r.URL.Path))
	case http.StatusMethodNotAllowed:
		msg = fmt.Sprintf(`<p>This server only answers GET and HEAD here, not <code>%s</code>.</p>
<p>这里只接受 GET 和 HEAD 请求。</p>`, html.EscapeString(r.Method))
	default:
		msg = `<p>Something went wrong on the server.</p><p>服务器出错了。</p>`
	}
	body := fmt.Sprintf(errorPageHTML, code, text, code, text, msg)
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		io.WriteString(w, body)
	}
}

const errorPageHTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>%d %s</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em;color:#223}
code{background:#eef;padding:0 .3em;border-radius:3px}a{color:#25a}</style></head>
<body><h1>%d %s</h1>
%s
<p><a href="/">Home · 首页</a></p>
</body></html>
`

// listDir sends a directory listing (only with Config.List). Dotfiles are
// left out; names are escaped.
func (s *Server) listDir(w *bodyWriter, r *http.Request, ex *Exchange, name string, st *Settings) {
	entries, err := fs.ReadDir(s.site, name)
	if err != nil {
		s.notFound(w, r, ex, err)
		return
	}
	var b strings.Builder
	title := html.EscapeString(r.URL.Path)
	fmt.Fprintf(&b, "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Index of %s</title></head>\n<body><h1>Index of %s</h1>\n<ul>\n", title, title)
	if name != "." {
		b.WriteString("<li><a href=\"../\">../</a></li>\n")
	}
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, ".") {
			continue
		}
		if e.IsDir() {
			n += "/"
		}
		href := (&url.URL{Path: n}).String()
		fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a></li>\n", html.EscapeString(href), html.EscapeString(n))
	}
	b.WriteString("</ul></body></html>\n")
	body := b.String()
	s.sendContent(w, r, st, "index.html", int64(len(body)), time.Time{}, "", strings.NewReader(body))
	ex.Note = "directory listing"
}

// fileETag is `"<size hex>-<mtime ns hex>"`, built without fmt (it is
// made for every file served).
func fileETag(size, mtime int64) string {
	var b [40]byte
	e := append(b[:0], '"')
	e = strconv.AppendInt(e, size, 16)
	e = append(e, '-')
	e = strconv.AppendInt(e, mtime, 16)
	return string(append(e, '"'))
}

package httpserve

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
)

// demoFiles is the built-in site served when no root is given: an index
// page large enough to be compressed that loads a stylesheet and a logo
// (so the browser's follow-up requests show up, as in the teaching
// notes), a form that posts to /submit, and a long reference page where
// compression matters.
//
//go:embed demo
var demoFiles embed.FS

func demoSite() fs.FS {
	sub, err := fs.Sub(demoFiles, "demo")
	if err != nil {
		panic(err) // the directory is embedded: cannot happen
	}
	return sub
}

// demoETags are strong tags from the embedded files' contents, computed
// once.
var demoETags = sync.OnceValue(func() map[string]string {
	tags := make(map[string]string)
	site := demoSite()
	fs.WalkDir(site, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, err := fs.ReadFile(site, p)
		if err == nil {
			sum := sha256.Sum256(b)
			tags[p] = `"` + hex.EncodeToString(sum[:8]) + `"`
		}
		return nil
	})
	return tags
})

func demoETag(name string) string { return demoETags()[name] }

// maxFormBytes bounds the body the demo's /submit reads.
const maxFormBytes = 64 << 10

// demoSubmit answers the demo form: it shows the body as it arrived and the
// fields it decodes to, which is the whole lesson of a POST.
func (s *Server) demoSubmit(w *bodyWriter, r *http.Request, ex *Exchange) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxFormBytes+1))
	if err != nil || len(body) > maxFormBytes {
		ex.Note = "form body unreadable or too large"
		w.Header().Set("Connection", "close")
		textReply(w, http.StatusRequestEntityTooLarge, "form too large\n")
		return
	}
	var b strings.Builder
	b.WriteString(`<!doctype html>
<html><head><meta charset="utf-8"><title>Form received · 表单已收到</title>
<link rel="stylesheet" href="/style.css"></head><body><main>
<h1>Form received · 表单已收到</h1>
<p>The browser sent this body (<code>Content-Type: `)
	b.WriteString(html.EscapeString(r.Header.Get("Content-Type")))
	b.WriteString(`</code>, `)
	b.WriteString(strconv.Itoa(len(body)))
	b.WriteString(` bytes):</p>
<pre>`)
	b.WriteString(html.EscapeString(string(body)))
	b.WriteString("</pre>\n<p>Decoded, the fields are · 解码后的字段：</p>\n<table>\n")
	for _, kv := range strings.Split(string(body), "&") {
		k, v, _ := strings.Cut(kv, "=")
		k, err1 := url.QueryUnescape(k)
		v, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil || k == "" {
			continue
		}
		fmt.Fprintf(&b, "<tr><th>%s</th><td>%s</td></tr>\n", html.EscapeString(k), html.EscapeString(v))
	}
	b.WriteString("</table>\n<p><a href=\"/\">Back · 返回</a></p></main></body></html>\n")
	page := b.String()
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(page)))
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	io.WriteString(w, page)
}

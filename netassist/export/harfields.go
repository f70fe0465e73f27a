package export

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/httpserve/wire"
)

// nameValues turns fields into HAR headers, in the same order and case.
func nameValues(fields []httpserve.Field) []harNameValue {
	out := make([]harNameValue, len(fields))
	for i, f := range fields {
		out[i] = harNameValue{Name: f.Name, Value: f.Value}
	}
	return out
}

// headerValue is the first value of the field called name (any case).
func headerValue(fields []httpserve.Field, name string) string {
	for _, f := range fields {
		if wire.EqualFold(f.Name, name) {
			return f.Value
		}
	}
	return ""
}

// queryString splits the target's query into names and values, in order,
// unescaped where they are valid escapes.
func queryString(target string) []harNameValue {
	out := []harNameValue{}
	_, q, ok := strings.Cut(target, "?")
	if !ok {
		return out
	}
	q, _, _ = strings.Cut(q, "#")
	return append(out, pairs(q)...)
}

// pairs reads a&b=c form encoding in order (url.ParseQuery loses it).
func pairs(s string) []harNameValue {
	var out []harNameValue
	for part := range strings.SplitSeq(s, "&") {
		if part == "" {
			continue
		}
		name, value, _ := strings.Cut(part, "=")
		out = append(out, harNameValue{Name: unescape(name), Value: unescape(value)})
	}
	return out
}

func unescape(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}

// requestCookies reads the Cookie fields: name=value pairs separated by
// semicolons (RFC 6265 §4.2), leniently.
func requestCookies(fields []httpserve.Field) []harCookie {
	out := []harCookie{}
	for _, f := range fields {
		if !wire.EqualFold(f.Name, "Cookie") {
			continue
		}
		for part := range strings.SplitSeq(f.Value, ";") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			name, value, _ := strings.Cut(part, "=")
			out = append(out, harCookie{Name: name, Value: value})
		}
	}
	return out
}

// responseCookies reads the Set-Cookie fields as net/http does.
func responseCookies(fields []httpserve.Field) []harCookie {
	out := []harCookie{}
	for _, f := range fields {
		if !wire.EqualFold(f.Name, "Set-Cookie") {
			continue
		}
		c, err := http.ParseSetCookie(f.Value)
		if err != nil {
			name, value, _ := strings.Cut(f.Value, "=")
			value, _, _ = strings.Cut(value, ";")
			out = append(out, harCookie{Name: strings.TrimSpace(name), Value: value})
			continue
		}
		hc := harCookie{Name: c.Name, Value: c.Value, Path: c.Path, Domain: c.Domain, HTTPOnly: c.HttpOnly, Secure: c.Secure}
		if !c.Expires.IsZero() {
			hc.Expires = c.Expires.UTC().Format(time.RFC3339)
		}
		out = append(out, hc)
	}
	return out
}

// isChunked says whether ex's request body is chunked as net/http frames
// it: Transfer-Encoding is ignored on HTTP/1.0.
func isChunked(ex *httpserve.Exchange) bool {
	if ex.Proto == "HTTP/1.0" {
		return false
	}
	te := strings.ToLower(strings.Join(httpValues(ex.Headers, "Transfer-Encoding"), ","))
	return strings.Contains(te, "chunked")
}

func httpValues(fields []httpserve.Field, name string) []string {
	var out []string
	for _, f := range fields {
		if wire.EqualFold(f.Name, name) {
			out = append(out, f.Value)
		}
	}
	return out
}

func isForm(mime string) bool {
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(mime)), "application/x-www-form-urlencoded")
}

// formParams reads a url-encoded form body, in order.
func formParams(body string) []harNameValue {
	return pairs(strings.ReplaceAll(strings.TrimSpace(body), "+", "%20"))
}

// textOrBase64 returns b as HAR text: itself when it is UTF-8 text, else
// its base64 with encoding "base64" (HAR 1.2 content.encoding).
func textOrBase64(b []byte, mime string) (text, encoding string) {
	if isText(b, mime) {
		return string(b), ""
	}
	return base64.StdEncoding.EncodeToString(b), "base64"
}

// isText says whether b reads as text: valid UTF-8 without control
// characters other than tab and line breaks, and not a media type that is
// binary by nature.
func isText(b []byte, mime string) bool {
	m := strings.ToLower(mime)
	for _, bin := range []string{"image/", "audio/", "video/", "font/", "application/octet-stream", "application/zip", "application/pdf"} {
		if strings.HasPrefix(m, bin) && !strings.HasPrefix(m, "image/svg") {
			return false
		}
	}
	if !utf8.Valid(b) {
		return false
	}
	for _, c := range b {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f {
			return false
		}
	}
	return true
}

// resourceType is the DevTools resource type of a response's media type,
// so an imported HAR filters as a captured one does (Doc, CSS, Img…).
func resourceType(mime string) string {
	m := strings.ToLower(mime)
	m, _, _ = strings.Cut(m, ";")
	m = strings.TrimSpace(m)
	switch {
	case m == "text/html" || m == "application/xhtml+xml":
		return "document"
	case m == "text/css":
		return "stylesheet"
	case strings.HasPrefix(m, "image/"):
		return "image"
	case strings.Contains(m, "javascript") || m == "text/ecmascript":
		return "script"
	case strings.HasPrefix(m, "font/") || strings.Contains(m, "font-woff"):
		return "font"
	case strings.HasPrefix(m, "audio/") || strings.HasPrefix(m, "video/"):
		return "media"
	case strings.Contains(m, "json") || strings.Contains(m, "xml"):
		return "fetch"
	}
	return "other"
}

package export

import (
	"net/netip"
	"net/url"
	"strings"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/httpserve/wire"
)

// requestURL is the absolute URL of ex's request (HAR 1.2 request.url:
// absolute, without a fragment): its target as sent when that is an
// absolute URL, else http:// (https:// on a TLS connection), the Host
// header (the connection's local address when Host is missing or is no
// host a URL can hold, e.g. "a]b") and the target. The web server speaks
// HTTP/1.x, in TLS with --tls.
//
// The target is taken byte for byte: bytes a URL cannot hold (controls,
// spaces, non-ASCII, a "%" that starts no escape) are percent-encoded
// where they are, so "/\x1b[2J" is the path "/%1B%5B2J", never a query
// (breaker report 1 #13), and what follows "?" stays the query.
func requestURL(ex *httpserve.Exchange, local string, tls bool) string {
	scheme := "http"
	if tls {
		scheme = "https"
	}
	if abs, rest, ok := absoluteForm(ex.Target); ok {
		if u, err := url.Parse(abs + escapeTarget(rest)); err == nil && validURLHost(u.Host) {
			u.Fragment, u.RawFragment = "", ""
			return u.String()
		}
	}
	target := escapeTarget(ex.Target)
	host := headerValue(ex.Headers, "Host")
	if !validURLHost(host) {
		host = local
	}
	if !validURLHost(host) {
		host = "localhost"
	}
	switch {
	case wire.EqualFold(ex.Method, "CONNECT"):
		target = "/"
	case target == "*", !strings.HasPrefix(target, "/"):
		target = "/" + strings.TrimPrefix(target, "*")
	}
	u, err := url.Parse(scheme + "://" + host + target)
	if err != nil {
		return scheme + "://" + host + "/"
	}
	u.Fragment, u.RawFragment = "", ""
	return u.String()
}

// absoluteForm splits an absolute-form target ("http://host:80/p?q")
// into its scheme and authority ("http://host:80") and the rest ("/p?q").
func absoluteForm(t string) (abs, rest string, ok bool) {
	for _, scheme := range []string{"http://", "https://"} {
		if len(t) > len(scheme) && strings.EqualFold(t[:len(scheme)], scheme) {
			n := len(scheme)
			end := strings.IndexAny(t[n:], "/?#")
			if end < 0 {
				return t, "", true
			}
			return t[:n+end], t[n+end:], true
		}
	}
	return "", "", false
}

// validURLHost reports whether h ("host", "host:port", "[::1]:80") is a
// host a URL holds as it is.
func validURLHost(h string) bool {
	if h == "" {
		return false
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`/?#@\"<>{}|^`+"`", c) >= 0 {
			return false
		}
	}
	if strings.ContainsAny(h, "[]") {
		// Brackets only around an IPv6 literal at the start: "[::1]:80".
		end := strings.IndexByte(h, ']')
		if h[0] != '[' || end < 0 || strings.ContainsAny(h[end+1:], "[]") ||
			(end+1 < len(h) && h[end+1] != ':') {
			return false
		}
		if ip, err := netip.ParseAddr(h[1:end]); err != nil || !ip.Is6() {
			return false
		}
	}
	u, err := url.Parse("http://" + h + "/")
	return err == nil && u.Host == h && u.User == nil && u.Path == "/"
}

// escapeTarget percent-encodes the bytes of a request target that no URI
// holds (RFC 3986 §2): controls, space, non-ASCII, characters outside its
// sets, and a "%" not followed by two hex digits. Everything else stays,
// so a valid target is unchanged.
func escapeTarget(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(c)
		case c > ' ' && c < 0x7f && c != '%' && strings.IndexByte(`"<>[\]^`+"`{|}", c) < 0:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

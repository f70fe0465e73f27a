package export

import (
	"net/url"
	"testing"

	"github.com/netassist/netassist/httpserve"
)

// Every request's HAR url is an absolute URL (HAR 1.2) that any URL
// parser takes, with the scheme of the connection, a host, the target's
// path as its path and its query as its query, whatever bytes the target
// or Host held (breaker #13: "/\x1b[2J" became the query "?%2F%1B%5B2J";
// a Host with "]" gave an invalid URL).
func TestHARURLIsAbsoluteAndKeepsThePath(t *testing.T) {
	for _, tc := range []struct {
		method, target, host string
		tls                  bool
		scheme, wantHost     string
		path, query          string
	}{
		{"GET", "/\x1b[2J", "x", false, "http", "x", "/\x1b[2J", ""},
		{"GET", "/a b?q=1 2&r", "x", true, "https", "x", "/a b", "q=1%202&r"},
		{"GET", "/%zz/%41?x=%zz", "x", false, "http", "x", "/%zz/A", "x=%25zz"},
		{"GET", "/caf\xc3\xa9\x00", "x:8080", false, "http", "x:8080", "/caf\xc3\xa9\x00", ""},
		{"GET", "/p", "a]b", false, "http", "127.0.0.1:8080", "/p", ""},
		{"GET", "/p", "[::1]:8080", false, "http", "[::1]:8080", "/p", ""},
		{"GET", "/p", "a b", false, "http", "127.0.0.1:8080", "/p", ""},
		{"GET", "/p", "u@evil", false, "http", "127.0.0.1:8080", "/p", ""},
		{"GET", "/p", "", true, "https", "127.0.0.1:8080", "/p", ""},
		{"GET", "/p#frag", "x", false, "http", "x", "/p", ""},
		{"GET", "http://h:1/a\x1b?b", "x", false, "http", "h:1", "/a\x1b", "b"},
		{"GET", "http://[::1]:9/a", "x", false, "http", "[::1]:9", "/a", ""},
		{"GET", "http://a]b/c", "x", false, "http", "x", "/http://a]b/c", ""},
		{"OPTIONS", "*", "x", false, "http", "x", "/", ""},
		{"CONNECT", "h:443", "h:443", false, "http", "h:443", "/", ""},
		{"GET", "rel\x7f", "x", false, "http", "x", "/rel\x7f", ""},
	} {
		ex := &httpserve.Exchange{Method: tc.method, Target: tc.target}
		if tc.host != "" {
			ex.Headers = []httpserve.Field{{Name: "Host", Value: tc.host}}
		}
		got := requestURL(ex, "127.0.0.1:8080", tc.tls)
		for i := 0; i < len(got); i++ {
			if got[i] <= ' ' || got[i] >= 0x7f {
				t.Errorf("%q: url %q holds byte %#x", tc.target, got, got[i])
				break
			}
		}
		u, err := url.ParseRequestURI(got)
		if err != nil {
			t.Errorf("%q host %q: url %q does not parse: %v", tc.target, tc.host, got, err)
			continue
		}
		if u.Scheme != tc.scheme || u.Host != tc.wantHost || u.Path != tc.path || u.RawQuery != tc.query || u.Fragment != "" {
			t.Errorf("%q host %q: url %q = scheme %q host %q path %q query %q; want %q %q %q %q",
				tc.target, tc.host, got, u.Scheme, u.Host, u.Path, u.RawQuery, tc.scheme, tc.wantHost, tc.path, tc.query)
		}
	}
}

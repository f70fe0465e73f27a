package wire

import "strings"

// StartLine is the first line of a message, split at its spaces the way
// net/http splits it.
type StartLine struct {
	Text    string // the line, without its break
	Request bool   // a request line (else a status line)
	// Parts are the three parts' places in Text: method, target, version
	// of a request; version, code, reason of a response (the reason may be
	// empty).
	Parts [3]Span

	Method, Target string // request
	Code           int    // response: 100–999
	Reason         string // response
	Proto          string // "HTTP/1.1"
	// Major and Minor are Proto's version, -1 if Proto is not "HTTP/d.d".
	Major, Minor int
}

// AtLeast reports whether the version is at least major.minor; an
// unreadable version counts as HTTP/1.1.
func (s StartLine) AtLeast(major, minor int) bool {
	if s.Major < 0 {
		return major < 1 || (major == 1 && minor <= 1)
	}
	return s.Major > major || (s.Major == major && s.Minor >= minor)
}

// ParseRequestLine reads "GET /x HTTP/1.1" as net/http does: method up to
// the first space, target up to the next, version the rest. ok is false
// when a part is missing, the method is not a token or the version is not
// HTTP/d.d (net/http answers such a request with 400).
func ParseRequestLine(line string) (s StartLine, ok bool) {
	s = StartLine{Text: line, Request: true, Major: -1, Minor: -1}
	method, rest, ok1 := strings.Cut(line, " ")
	target, proto, ok2 := strings.Cut(rest, " ")
	if !ok1 || !ok2 {
		s.Method = line
		s.Parts[0] = Span{0, len(line)}
		return s, false
	}
	s.Method, s.Target, s.Proto = method, target, proto
	s.Parts = [3]Span{{0, len(method)}, {len(method) + 1, len(target)}, {len(method) + len(target) + 2, len(proto)}}
	s.Major, s.Minor = parseVersion(proto)
	return s, isToken(method) && s.Major >= 0
}

// ParseStatusLine reads "HTTP/1.1 200 OK": version, then (after spaces) a
// three-digit code, then an optional reason. ok is false for anything
// else (net/http's client refuses it).
func ParseStatusLine(line string) (s StartLine, ok bool) {
	s = StartLine{Text: line, Major: -1, Minor: -1}
	proto, rest, found := strings.Cut(line, " ")
	s.Proto = proto
	s.Parts[0] = Span{0, len(proto)}
	s.Major, s.Minor = parseVersion(proto)
	if !found || s.Major < 0 {
		return s, false
	}
	off := len(proto) + 1
	trimmed := strings.TrimLeft(rest, " ")
	off += len(rest) - len(trimmed)
	code, reason, _ := strings.Cut(trimmed, " ")
	s.Parts[1] = Span{off, len(code)}
	if len(code) != 3 {
		return s, false
	}
	n := 0
	for i := range 3 {
		c := code[i]
		if c < '0' || c > '9' {
			return s, false
		}
		n = n*10 + int(c-'0')
	}
	if n < 100 {
		return s, false
	}
	s.Code, s.Reason = n, reason
	if len(trimmed) > 3 {
		s.Parts[2] = Span{off + 4, len(reason)}
	} else {
		s.Parts[2] = Span{off + 3, 0}
	}
	return s, true
}

// parseVersion reads "HTTP/d.d" as net/http's ParseHTTPVersion does.
func parseVersion(p string) (major, minor int) {
	if len(p) != len("HTTP/1.1") || !strings.HasPrefix(p, "HTTP/") || p[6] != '.' ||
		p[5] < '0' || p[5] > '9' || p[7] < '0' || p[7] > '9' {
		return -1, -1
	}
	return int(p[5] - '0'), int(p[7] - '0')
}

// IsResponse reports whether b starts like a status line ("HTTP/"), after
// any empty lines: how annotate and check tell a reply from a request.
func IsResponse(b []byte) bool {
	b = b[SkipEmptyLines(b):]
	return len(b) >= 5 && string(b[:5]) == "HTTP/"
}

// isToken reports whether s is a token (RFC 9110 §5.6.2): the syntax of
// methods and field names.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !tokenChar[s[i]] {
			return false
		}
	}
	return true
}

// tokenChar marks the tchar bytes of RFC 9110 §5.6.2.
var tokenChar = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	for _, c := range "!#$%&'*+-.^_`|~" {
		t[c] = true
	}
	return t
}()

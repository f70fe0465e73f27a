package httpserve

import (
	"bytes"
	"strconv"
	"strings"
)

// Field is one header field as it appeared on the wire: original case,
// original order, value with the surrounding whitespace removed. Go's
// http.Header keeps neither order nor case, which is what the Web tab is
// there to show.
type Field struct {
	Name, Value string
}

// headEnd returns the length of the head at the start of b (start line,
// fields and the empty line that ends them), or -1 if b holds no complete
// head. Like Go's textproto it accepts bare LF line ends; leading empty
// lines are skipped.
func headEnd(b []byte) int {
	start := 0
	for start < len(b) && (b[start] == '\r' || b[start] == '\n') {
		start++
	}
	for i := start; ; {
		j := bytes.IndexByte(b[i:], '\n')
		if j < 0 {
			return -1
		}
		i += j + 1
		switch {
		case i < len(b) && b[i] == '\n':
			return i + 1
		case i+1 < len(b) && b[i] == '\r' && b[i+1] == '\n':
			return i + 2
		}
	}
}

// headStatus is the status code of a response head (0 if its start line
// is not a status line), read without splitting the head.
func headStatus(head []byte) int {
	head = bytes.TrimLeft(head, "\r\n")
	line, _, _ := bytes.Cut(head, []byte("\n"))
	return parseStatusLine(string(bytes.TrimSuffix(line, []byte("\r"))))
}

// splitHead splits a head into its start line and fields, keeping wire
// order and case. Obsolete line folding is joined into the previous value
// with one space; a line without a colon becomes a field with an empty name
// and the whole line as its value, so nothing is silently dropped.
func splitHead(head []byte) (start string, fields []Field) {
	s := string(head)
	s = strings.TrimLeft(s, "\r\n")
	fields = make([]Field, 0, strings.Count(s, "\n"))
	first := true
	for len(s) > 0 {
		line, rest, _ := strings.Cut(s, "\n")
		s = rest
		line = strings.TrimSuffix(line, "\r")
		if first {
			start, first = line, false
			continue
		}
		if line == "" {
			break
		}
		if (line[0] == ' ' || line[0] == '\t') && len(fields) > 0 {
			f := &fields[len(fields)-1]
			f.Value = strings.TrimSpace(f.Value + " " + strings.Trim(line, " \t"))
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			fields = append(fields, Field{Value: line})
			continue
		}
		fields = append(fields, Field{Name: name, Value: strings.Trim(value, " \t")})
	}
	return start, fields
}

// fieldValues returns the values of every field called name (case
// insensitive), in wire order.
func fieldValues(fields []Field, name string) []string {
	var out []string
	for _, f := range fields {
		if strings.EqualFold(f.Name, name) {
			out = append(out, f.Value)
		}
	}
	return out
}

// parseRequestLine splits "GET /x HTTP/1.1".
func parseRequestLine(line string) (method, target, proto string, ok bool) {
	method, rest, ok1 := strings.Cut(line, " ")
	target, proto, ok2 := strings.Cut(rest, " ")
	return method, target, proto, ok1 && ok2
}

// parseStatusLine returns the status code of "HTTP/1.1 200 OK", or 0.
func parseStatusLine(line string) int {
	if !strings.HasPrefix(line, "HTTP/") {
		return 0
	}
	_, rest, ok := strings.Cut(line, " ")
	if !ok || len(rest) < 3 {
		return 0
	}
	code, err := strconv.Atoi(rest[:3])
	if err != nil || code < 100 || code > 999 {
		return 0
	}
	return code
}

// hasToken reports whether a comma-separated header value list contains
// token (case insensitive), as in "Connection: keep-alive, close".
func hasToken(values []string, token string) bool {
	for _, v := range values {
		for t := range strings.SplitSeq(v, ",") {
			if strings.EqualFold(strings.TrimSpace(t), token) {
				return true
			}
		}
	}
	return false
}

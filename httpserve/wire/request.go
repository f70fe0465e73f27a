package wire

import (
	"net/url"
	"strconv"
	"strings"
)

// Finding codes of what net/http's server refuses in a request head
// before any handler runs (net/http's readRequest and conn.readRequest,
// Go 1.26), beyond the framing and field syntax the rest of the package
// checks. Each is an Error, as the server answers it with a 4xx or 5xx.
const (
	// CodeBadTarget: the request target is not a URI net/http reads
	// (url.ParseRequestURI: a control character, a bad %-escape, neither
	// an absolute path, an absolute URI, "*" nor a CONNECT authority). 400.
	CodeBadTarget = "bad-target"
	// CodeVersionUnsupported: a request that is not HTTP/1.x. 505.
	CodeVersionUnsupported = "version-unsupported"
	// CodeManyHosts: more than one Host field, even with equal values. 400.
	CodeManyHosts = "many-hosts"
	// CodeBadHost: a Host value with a byte no host or port has (a space,
	// "/", "@", a non-ASCII byte…; httpguts.ValidHostHeader). 400.
	CodeBadHost = "bad-host"
	// CodeExpectUnsupported: an Expect other than 100-continue. 417.
	CodeExpectUnsupported = "expect-unsupported"
)

// requestFindings notes what net/http's server refuses in the request
// head h (start line valid): offsets relative to h.Raw.
func (h *Head) requestFindings() {
	s := h.Start
	target := h.Skip + s.Parts[1].Off
	if !validTarget(s.Method, s.Target) {
		h.Findings = append(h.Findings, finding(CodeBadTarget, Error, target, quote(s.Target)))
	}
	if s.Major != 1 {
		h.Findings = append(h.Findings, finding(CodeVersionUnsupported, Error, h.Skip+s.Parts[2].Off, quote(s.Proto)))
	}
	hosts := 0
	for _, f := range h.Fields {
		if !EqualFold(f.Name, "Host") {
			continue
		}
		if hosts++; hosts == 2 {
			h.Findings = append(h.Findings, finding(CodeManyHosts, Error, f.Off))
		}
	}
	for _, f := range h.Fields {
		if hosts == 1 && EqualFold(f.Name, "Host") {
			if i := badHostByte(f.Value); i >= 0 {
				h.Findings = append(h.Findings, finding(CodeBadHost, Error, f.ValueOff+i, quote(f.Value)))
			}
		}
	}
	// net/http reads the first Expect field only.
	if ex := h.Values("Expect"); len(ex) > 0 && ex[0] != "" && !HasToken(ex[:1], "100-continue") {
		for _, f := range h.Fields {
			if EqualFold(f.Name, "Expect") {
				h.Findings = append(h.Findings, finding(CodeExpectUnsupported, Error, f.ValueOff, quote(f.Value)))
				break
			}
		}
	}
}

// validTarget reports whether net/http reads target: as readRequest does,
// a CONNECT target not starting with "/" is an authority, read as the host
// of an http URL; any other through url.ParseRequestURI.
func validTarget(method, target string) bool {
	if plainPath(target) {
		return true // what ParseRequestURI accepts at once, without its allocations
	}
	if method == "CONNECT" && !strings.HasPrefix(target, "/") {
		target = "http://" + target
	}
	_, err := url.ParseRequestURI(target)
	return err == nil
}

// plainPath reports whether target is an origin-form path that
// url.ParseRequestURI accepts whatever follows the "/": printable ASCII
// with no percent sign (no control byte to refuse, no escape to check).
func plainPath(target string) bool {
	if target == "" || target[0] != '/' {
		return false
	}
	for i := 0; i < len(target); i++ {
		if c := target[i]; c <= ' ' || c >= 0x7f || c == '%' {
			return false
		}
	}
	return true
}

// badHostByte returns the index of the first byte of a Host value that
// net/http refuses (httpguts.ValidHostHeader: letters, digits and
// -._~!$&'()*+,;=:%[] only), or -1.
func badHostByte(v string) int {
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("-._~!$&'()*+,;=:%[]", c) >= 0:
		default:
			return i
		}
	}
	return -1
}

// leadingEmpty is the finding for skip CR or LF bytes before a start
// line. net/http refuses them — its client always, its server unless they
// follow a POST and are at most four (RFC 9112 §2.2's robustness rule, as
// far as net/http keeps it): an Error, which a Splitter lowers to Info
// where the server skips them.
func leadingEmpty(skip int) Finding {
	return finding(CodeLeadingEmpty, Error, 0, strconv.Itoa(skip))
}

// maxSkipAfterPOST is how many CR or LF bytes net/http's server skips
// before a request that follows a POST.
const maxSkipAfterPOST = 4

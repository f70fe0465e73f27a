package wire

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/netassist/netassist/netassist/render"
)

// Severity says how bad a Finding is.
type Severity uint8

const (
	// Info: worth knowing, not wrong ("Transfer-Encoding ignored on HTTP/1.0").
	Info Severity = iota
	// Warning: allowed or tolerated, but fragile (bare LF, obs-fold).
	Warning
	// Error: a peer may refuse the message or read it differently.
	Error
)

// String is "info", "warning" or "error".
func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "info"
}

// Finding codes: stable names for what is wrong with a message
// (DESIGN.md §8). A UI translates them by code; Args fill its blanks.
const (
	CodeBadStartLine     = "bad-start-line"         // not "METHOD target HTTP/x.y" or "HTTP/x.y code reason"
	CodeLeadingEmpty     = "leading-empty-lines"    // CR/LF before the start line
	CodeBareLF           = "bare-lf"                // a line ends in LF without CR
	CodeNoBlankLine      = "no-blank-line"          // the head never ended
	CodeBadHeaderName    = "bad-header-name"        // empty name, a character not allowed in a token, or space before the colon
	CodeNoColon          = "no-colon"               // a field line without a colon
	CodeBadHeaderValue   = "bad-header-value"       // a control character in a value
	CodeObsFold          = "obs-fold"               // a line continued by leading whitespace
	CodeCLInvalid        = "content-length-invalid" // not one non-negative decimal number
	CodeCLMismatch       = "content-length-mismatch"
	CodeCLAndTE          = "cl-and-te"           // both: Content-Length is ignored
	CodeTEIgnored        = "te-ignored"          // Transfer-Encoding on HTTP/1.0: ignored (as net/http does)
	CodeTENotChunked     = "te-not-chunked"      // Transfer-Encoding whose last coding is not chunked
	CodeTEUnsupported    = "te-unsupported"      // chunked, but not one field saying only chunked: net/http refuses it
	CodeBadChunked       = "bad-chunked"         // chunked framing broken
	CodeBodyNotAllowed   = "body-not-allowed"    // bytes after a message that has no body
	CodeBodyNoLength     = "body-without-length" // bytes after a request that declares no body
	CodeHeadTooLarge     = "head-too-large"
	CodeEncodingMismatch = "encoding-mismatch"
	CodeNoContentType    = "no-content-type"
)

// Finding is one problem found in a message, at a byte offset.
type Finding struct {
	Code     string
	Severity Severity
	// Off is the offset of the offending bytes: relative to the head's
	// first byte in Head.Findings, to the bytes given (or the stream) in
	// Message and Frame findings.
	Off int64
	// Args are the values the message names, in the order of its English
	// text (e.g. the Content-Length said and the bytes seen).
	Args []string
}

// messages holds the English text of each code, with %1, %2… for Args.
var messages = map[string]string{
	CodeBadStartLine:     "start line %1 is not an HTTP/1.x request or status line",
	CodeLeadingEmpty:     "%1 empty line bytes before the start line",
	CodeBareLF:           "line ends in a bare LF instead of CRLF",
	CodeNoBlankLine:      "the head never ends: no empty line after the fields",
	CodeBadHeaderName:    "field name %1 is not a valid token",
	CodeNoColon:          "field line %1 has no colon",
	CodeBadHeaderValue:   "field %1 has a control character in its value",
	CodeObsFold:          "field %1 is folded onto a second line (obsolete line folding)",
	CodeCLInvalid:        "Content-Length %1 is not one valid number",
	CodeCLMismatch:       "Content-Length says %1, the body has %2 bytes",
	CodeCLAndTE:          "both Transfer-Encoding and Content-Length: Content-Length is ignored",
	CodeTEIgnored:        "Transfer-Encoding %1 on HTTP/1.0 is ignored",
	CodeTENotChunked:     "Transfer-Encoding %1 does not end in chunked: the body runs until the connection closes",
	CodeTEUnsupported:    "Transfer-Encoding %1 is not one field saying chunked alone: net/http refuses the message",
	CodeBadChunked:       "chunked framing broken: %1",
	CodeBodyNotAllowed:   "%1 bytes follow a message that cannot have a body",
	CodeBodyNoLength:     "%1 bytes follow a request without Content-Length or Transfer-Encoding, which has no body",
	CodeHeadTooLarge:     "head longer than %1 bytes",
	CodeEncodingMismatch: "Content-Encoding says %1 but the body is not %1",
	CodeNoContentType:    "no Content-Type",

	CodeBadTarget:          "request target %1 is not a valid URI: a server answers 400",
	CodeVersionUnsupported: "version %1 is not HTTP/1.x: a server answers 505",
	CodeManyHosts:          "a second Host field: a request has one, a server answers 400",
	CodeBadHost:            "Host %1 has a character no host name or port has: a server answers 400",
	CodeExpectUnsupported:  "Expect %1 is not 100-continue: a server answers 417",
}

// Message is the finding in English, e.g. `Content-Length says 20, the
// body has 46 bytes`. Values from the wire in Args are already rendered
// (see quote): the text holds no control or non-graphic character.
func (f Finding) Message() string {
	msg, ok := messages[f.Code]
	if !ok {
		return f.Code
	}
	for i := len(f.Args); i > 0; i-- {
		msg = strings.ReplaceAll(msg, "%"+strconv.Itoa(i), f.Args[i-1])
	}
	return msg
}

// String is "error content-length-mismatch @62: Content-Length says 20, …",
// the form of `netassist check`.
func (f Finding) String() string {
	return f.Severity.String() + " " + f.Code + " @" + strconv.FormatInt(f.Off, 10) + ": " + f.Message()
}

func finding(code string, sev Severity, off int, args ...string) Finding {
	return Finding{Code: code, Severity: sev, Off: int64(off), Args: args}
}

// quote shows a value from the wire in a message: bounded, in double
// quotes, rendered by netassist/render (`"X-\x1B[31mEvil"`). Args are so
// display text already, escaped once: a UI shows a message as it is, and
// must not escape it again (that would show `\\x1B`).
func quote(s string) string {
	return `"` + Show(s) + `"`
}

// maxArg bounds a value from the wire quoted in a message, in bytes.
const maxArg = 64

// Show renders a value from the wire for a finding's Args: cut to maxArg
// bytes at a character boundary (then "…"), through render.Text.
func Show(s string) string {
	if len(s) > maxArg {
		cut := maxArg
		for cut > maxArg-utf8.UTFMax && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return render.Text(s[:cut]) + "…"
	}
	return render.Text(s)
}

// shift returns fs with every offset moved by d.
func shift(fs []Finding, d int64) []Finding {
	out := make([]Finding, len(fs))
	for i, f := range fs {
		f.Off += d
		out[i] = f
	}
	return out
}

package glossary

import (
	"fmt"
	"strings"

	"github.com/netassist/netassist/netassist/i18n"
)

var english = Phrases{
	RequestLine:     "request line",
	Method:          "method",
	Target:          "request target",
	Version:         "HTTP version",
	StatusLine:      "status line",
	StatusCode:      "status code",
	ReasonPhrase:    "reason phrase",
	RequestHeaders:  "request headers",
	ResponseHeaders: "response headers",
	HeaderName:      "field name",
	HeaderValue:     "field value",
	CRLF:            `CRLF \r\n: end of line`,
	BareLF:          `bare LF \n: HTTP lines end in CRLF \r\n`,
	BlankLine:       "blank line: the head ends here, the body follows",
	RequestBody:     "request body",
	ResponseBody:    "response body",
	ChunkSizeLine:   "chunk size line",
	ChunkData:       "chunk data",
	LastChunk:       "last chunk (size 0): the body ends",
	Trailer:         "trailer field",

	NotRegistered: "not a registered header",
	RegisteredOnly: func(e RegistryEntry) string {
		return fmt.Sprintf("registered with IANA (%s, %s); not explained here",
			e.Status.Label(i18n.English), e.Ref)
	},
	UnknownStatus: func(code int) string {
		if ClassOf(code) == NoClass {
			return fmt.Sprintf("%d is not a valid status code (100 to 599)", code)
		}
		return fmt.Sprintf("%d is not a registered status code; clients treat it as %d",
			code, code/100*100)
	},

	Bytes: enBytes,
	ChunkSize: func(hex string, n int64) string {
		return fmt.Sprintf("chunk size %s (hex) = %s", hex, enBytes(n))
	},

	QPreferred: func(item, q string) string { return enQ(item, "preferred", q) },
	QAccepted:  func(item, q string) string { return enQ(item, "accepted", q) },
	QRefused:   func(item, q string) string { return enQ(item, "refused", q) },

	LengthMatches: func(n int64) string {
		return "body matches Content-Length: " + enBytes(n)
	},
	LengthMismatch: func(declared, actual int64) string {
		return fmt.Sprintf("Content-Length says %s, the body has %s", group(declared), enBytes(actual))
	},
	LengthShort: func(declared, got int64) string {
		return fmt.Sprintf("Content-Length says %s, only %s arrived so far", group(declared), enBytes(got))
	},
	Chunked: func(chunks int, n int64) string {
		return fmt.Sprintf("chunked: %s, %s", enCount(chunks, "chunk"), enBytes(n))
	},
	ChunkedUnfinished: func(chunks int, n int64) string {
		return fmt.Sprintf("chunked: %s, %s so far, no last chunk yet", enCount(chunks, "chunk"), enBytes(n))
	},
	UntilClose:    "body runs until the connection closes",
	NoRequestBody: "no body: a request without Content-Length or Transfer-Encoding has none",
	NoBodyStatus: func(code int) string {
		return fmt.Sprintf("no body: a %d response never has one", code)
	},
	NoBodyHEAD:      "no body: a response to HEAD never has one (its Content-Length is GET's)",
	TEOverridesCL:   "Transfer-Encoding overrides Content-Length (sending both is a red flag)",
	HTTP10IgnoresTE: "HTTP/1.0 ignores Transfer-Encoding: the body is framed as if it were absent",
	ExtraBytes: func(n int64) string {
		return fmt.Sprintf("%s after this message: the next message, or junk", enBytes(n))
	},
}

func enBytes(n int64) string {
	if n == 1 {
		return "1 byte"
	}
	return group(n) + " bytes"
}

func enCount(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return group(int64(n)) + " " + noun + "s"
}

func enQ(item, verdict, q string) string {
	switch wildKind(item) {
	case anyThing:
		item += " (anything else)"
	case anyType:
		item += " (any type)"
	case anySub:
		item += " (any " + strings.TrimSuffix(item, "/*") + " type)"
	}
	return fmt.Sprintf("%s %s, q=%s", item, verdict, q)
}

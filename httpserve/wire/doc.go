// Package wire reads HTTP/1.x messages as they cross the wire: heads
// framed byte for byte (CRLF and bare LF), start lines, fields in wire
// order with their offsets, the length of a body per RFC 9112 §6 (none,
// Content-Length, chunked, until close), an incremental chunked decoder,
// and content decoding (gzip, deflate, br, zstd) with a size limit.
//
// It is the one HTTP/1 reader of netassist: the web server's raw capture,
// the Client tab's reply summary and the annotate and check commands all
// frame messages through it, so they cannot disagree. Its framing of a
// request agrees with Go's net/http on every request net/http accepts
// (HTTP/1.0 ignores Transfer-Encoding; Transfer-Encoding overrides
// Content-Length; repeated equal Content-Lengths count once), which a
// differential test checks. Where net/http would refuse a message, wire
// still says what it sees, and why, as Findings with byte offsets: at
// least one of them an Error (httpserve/check tests this against a real
// net/http server and client).
//
// The package imports only the standard library and the codecs; it is a
// leaf every other part may use.
package wire

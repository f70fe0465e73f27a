// Package glossary is netassist's built-in, bilingual HTTP glossary: what
// the annotated view and the checker (DESIGN.md §8) say about a header
// field, a field value, a status code and each part of a message, in
// English and Simplified Chinese.
//
// Facts come from the IANA HTTP Field Name Registry (names, registration
// status, defining document; see registry.go for the snapshot used), the
// IANA HTTP Status Code Registry, Go's http.StatusText, RFC 9110/9111/9112
// and the Fetch standard. Every explanation is written here in our own
// words, one short line (≤ 90 columns, ≤ 45 Chinese characters) so it fits
// an 80×24 projector screen beside the field itself.
//
// Everything is read-only data built once: lookups return copies and are
// safe from any goroutine. Untrusted text a caller passes into a phrase
// (a header token, a coding name) must already be sanitized by
// netassist/render; the phrases only place it with %s.
package glossary

import (
	"sort"
	"strings"

	"github.com/netassist/netassist/netassist/i18n"
)

// Registration is a field name's status in the IANA HTTP Field Name
// Registry (RFC 9110 §16.3.1), or NotRegistered for names the registry does
// not hold (Sec-Fetch-*, Sec-CH-UA*, DNT, X-Forwarded-For, …).
type Registration uint8

// Registry statuses.
const (
	NotRegistered Registration = iota
	Permanent                  // registered for general use
	Provisional                // registered, not (yet) a standard
	Deprecated                 // registered, use discouraged
	Obsoleted                  // registered, no longer in use
)

// String returns the registry's word: "permanent", "provisional",
// "deprecated", "obsoleted", or "not registered".
func (r Registration) String() string {
	switch r {
	case Permanent:
		return "permanent"
	case Provisional:
		return "provisional"
	case Deprecated:
		return "deprecated"
	case Obsoleted:
		return "obsoleted"
	}
	return "not registered"
}

// Kind says in which messages a field is used: requests, responses or both.
type Kind uint8

// Field kinds; Both is Request|Response.
const (
	Request  Kind = 1 << iota // sent by clients
	Response                  // sent by servers
	Both     = Request | Response
)

// Has reports whether k includes every kind in o: Both.Has(Request) is true.
func (k Kind) Has(o Kind) bool { return k&o == o && o != 0 }

// String returns "request", "response" or "both".
func (k Kind) String() string {
	switch k {
	case Request:
		return "request"
	case Response:
		return "response"
	case Both:
		return "both"
	}
	return "none"
}

// Family groups related fields, so a lesson can list "the caching family".
type Family uint8

// Field families.
const (
	FamilyMessage     Family = iota + 1 // framing and connection: Host, Connection, Transfer-Encoding
	FamilyContent                       // describes the body: Content-Type, Content-Length
	FamilyNegotiation                   // Accept-*, Vary
	FamilyCaching                       // Cache-Control, ETag, If-*, Age, Expires
	FamilyRange                         // Range, If-Range, Content-Range, Accept-Ranges
	FamilyCookie                        // Cookie, Set-Cookie
	FamilyCORS                          // Origin, Access-Control-*, Sec-Fetch-*
	FamilyClient                        // User-Agent, Referer, client hints, privacy signals
	FamilyAuth                          // Authorization, WWW-Authenticate, Proxy-*
	FamilySecurity                      // HSTS, CSP, X-Frame-Options, Referrer-Policy
	FamilyProxy                         // Via, Forwarded, X-Forwarded-*
	FamilyControl                       // Server, Location, Allow, Retry-After
	FamilyWebSocket                     // Sec-WebSocket-*
)

// Families lists every family in display order.
func Families() []Family {
	out := make([]Family, 0, FamilyWebSocket)
	for f := FamilyMessage; f <= FamilyWebSocket; f++ {
		out = append(out, f)
	}
	return out
}

// Field is one header field the glossary explains.
type Field struct {
	Name   string       // canonical spelling, as in the IANA registry ("ETag", "WWW-Authenticate")
	Status Registration // IANA registry status, NotRegistered if absent
	Ref    string       // defining document: "RFC 9110 §12.5.3", "Fetch", "RFC 6265"
	Kind   Kind         // request field, response field or both
	Family Family
	Text   i18n.Text // one line: what the field means
}

// Lookup finds a field by name, case-insensitively ("sec-ch-ua" finds
// Sec-CH-UA). It reports false for a name the glossary does not explain;
// LookupRegistry then tells whether IANA knows it at all.
func Lookup(name string) (Field, bool) {
	f, ok := fieldIndex[strings.ToLower(strings.TrimSpace(name))]
	return f, ok
}

// Fields returns every explained field, sorted by lower-cased name.
func Fields() []Field {
	out := make([]Field, 0, len(fieldIndex))
	for _, f := range fieldIndex {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool {
		return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name)
	})
	return out
}

// fieldEntry is one row of the field tables (fields_*.go). Status and Ref
// come from the registry table for registered names; ref is given only for
// names the registry does not hold.
type fieldEntry struct {
	name   string
	kind   Kind
	family Family
	ref    string // only for NotRegistered names
	en, zh string
}

// fieldIndex maps a lower-cased name to its Field; built once, read-only.
var fieldIndex = buildFieldIndex()

func buildFieldIndex() map[string]Field {
	tables := [][]fieldEntry{
		messageFields, contentFields, cachingFields, clientFields, corsFields,
		securityFields, controlFields,
	}
	idx := map[string]Field{}
	for _, t := range tables {
		for _, e := range t {
			f := Field{Name: e.name, Ref: e.ref, Kind: e.kind, Family: e.family,
				Text: i18n.Text{En: e.en, Zh: e.zh}}
			if r, ok := LookupRegistry(e.name); ok {
				f.Status, f.Ref = r.Status, r.Ref
			}
			// A duplicate name is a table error; the test finds it by
			// counting entries against the index.
			idx[strings.ToLower(e.name)] = f
		}
	}
	return idx
}

// entryCount is the number of table rows, for the uniqueness test.
func entryCount() int {
	return len(messageFields) + len(contentFields) + len(cachingFields) + len(clientFields) +
		len(corsFields) + len(securityFields) + len(controlFields)
}

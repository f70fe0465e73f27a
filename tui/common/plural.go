package common

import (
	"regexp"

	"github.com/netassist/netassist/tui/i18n"
)

// englishSingular maps the plural nouns the English catalogue puts after
// a count to their singular.
var englishSingular = map[string]string{
	"bytes": "byte", "requests": "request", "responses": "response", "matches": "match",
	"messages": "message", "chunks": "chunk", "pieces": "piece", "datagrams": "datagram",
	"connections": "connection", "peers": "peer", "lines": "line", "errors": "error",
	"warnings": "warning", "notes": "note", "times": "time", "sends": "send", "files": "file",
	"rules": "rule", "exchanges": "exchange", "events": "event", "runs": "run", "replies": "reply",
}

// oneCount is a count of exactly 1 (not 11, 0.1, 2,001 or conn #1) and the word
// after it.
var oneCount = regexp.MustCompile(`(^|[^0-9.,#])1 ([a-z]+)\b`)

// Counted is s, a text in language l that put counts before nouns with a
// format string ("sent %d bytes"), with "1 bytes" made "1 byte" in
// English (breaker report 1, nit 11: "1 bytes: ?", "1 requests"). Other
// languages do not inflect their nouns for number: s as it is.
func Counted(l i18n.Lang, s string) string {
	if l != i18n.LangEnglish {
		return s
	}
	return oneCount.ReplaceAllStringFunc(s, func(m string) string {
		sub := oneCount.FindStringSubmatch(m)
		if one, ok := englishSingular[sub[2]]; ok {
			return sub[1] + "1 " + one
		}
		return m
	})
}

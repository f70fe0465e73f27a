package glossary

import (
	"net/http"
	"sort"

	"github.com/netassist/netassist/netassist/i18n"
)

// Class is a status code's class, from its first digit (RFC 9110 §15).
type Class uint8

// Status classes; NoClass is for numbers outside 100–599.
const (
	NoClass       Class = iota
	Informational       // 1xx: interim, the final response follows
	Successful          // 2xx
	Redirection         // 3xx
	ClientError         // 4xx
	ServerError         // 5xx
)

// ClassOf returns the class of code, NoClass outside 100–599. An
// unregistered code such as 299 still has a class: a client treats it as
// x00 of its class (RFC 9110 §15).
func ClassOf(code int) Class {
	if code < 100 || code > 599 {
		return NoClass
	}
	return Class(code / 100)
}

// String returns the class as RFC 9110 names it: "informational",
// "successful", "redirection", "client error", "server error".
func (c Class) String() string {
	switch c {
	case Informational:
		return "informational"
	case Successful:
		return "successful"
	case Redirection:
		return "redirection"
	case ClientError:
		return "client error"
	case ServerError:
		return "server error"
	}
	return "no class"
}

// CodeState is a status code's state in the IANA HTTP Status Code
// Registry.
type CodeState uint8

// Registry states of a status code.
const (
	CodeAssigned  CodeState = iota // an ordinary registration
	CodeTemporary                  // an early registration for a draft, with an expiry date
	CodeUnused                     // reserved, never to be sent: "(Unused)"
	CodeObsoleted                  // "(OBSOLETED)"
)

// String returns "assigned", "temporary", "unused" or "obsoleted".
func (s CodeState) String() string {
	switch s {
	case CodeTemporary:
		return "temporary"
	case CodeUnused:
		return "unused"
	case CodeObsoleted:
		return "obsoleted"
	}
	return "assigned"
}

// Status is one code of the IANA HTTP Status Code Registry.
type Status struct {
	Code       int
	Reason     string    // Go's http.StatusText(Code), or Registered when Go has none
	Registered string    // the registry's description: "Content Too Large", "(Unused)"
	State      CodeState // assigned, temporary, unused, obsoleted
	Ref        string    // defining document: "RFC 9110 §15.5.6"
	Class      Class
	Text       i18n.Text // one line: what the code means
}

// LookupStatus finds a registered status code. It reports false for a
// code the registry does not hold (299, 420, 599); ClassOf still names its
// class.
func LookupStatus(code int) (Status, bool) {
	s, ok := statusIndex[code]
	return s, ok
}

// Statuses returns every registered status code, in numeric order.
func Statuses() []Status {
	out := make([]Status, 0, len(statusIndex))
	for _, s := range statusIndex {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

type statusEntry struct {
	code       int
	registered string
	state      CodeState
	ref        string
	en, zh     string
}

// statusIndex maps a code to its Status; built once, read-only.
var statusIndex = func() map[int]Status {
	m := make(map[int]Status, len(statusTable))
	for _, e := range statusTable {
		reason := http.StatusText(e.code)
		if reason == "" {
			reason = e.registered
		}
		m[e.code] = Status{
			Code: e.code, Reason: reason, Registered: e.registered, State: e.state,
			Ref: e.ref, Class: ClassOf(e.code), Text: i18n.Text{En: e.en, Zh: e.zh},
		}
	}
	return m
}()

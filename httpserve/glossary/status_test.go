package glossary

import (
	"net/http"
	"slices"
	"testing"
)

// registeredCodes is the IANA HTTP Status Code Registry, as a list of
// ranges: every code it assigns, including the unused and obsoleted ones.
var registeredCodes = func() []int {
	var out []int
	for _, r := range [][2]int{
		{100, 104}, {200, 208}, {226, 226}, {300, 308}, {400, 418}, {421, 426},
		{428, 429}, {431, 431}, {451, 451}, {500, 508}, {510, 511},
	} {
		for c := r[0]; c <= r[1]; c++ {
			out = append(out, c)
		}
	}
	return out
}()

func TestStatusesCoverRegistry(t *testing.T) {
	var got []int
	for _, s := range Statuses() {
		got = append(got, s.Code)
	}
	if !slices.Equal(got, registeredCodes) {
		t.Errorf("codes = %v\nwant    %v", got, registeredCodes)
	}
	if len(got) != 64 {
		t.Errorf("%d codes, want the registry's 64", len(got))
	}
	for _, c := range []int{99, 105, 209, 299, 309, 419, 420, 427, 430, 450, 509, 512, 599, 600} {
		if _, ok := LookupStatus(c); ok {
			t.Errorf("%d found; it is not registered", c)
		}
	}
}

func TestStatusEntries(t *testing.T) {
	for _, s := range Statuses() {
		if s.Reason == "" || s.Registered == "" || s.Ref == "" || s.Text.En == "" || s.Text.Zh == "" {
			t.Errorf("%d: empty part: %+v", s.Code, s)
		}
		if g := http.StatusText(s.Code); g != "" && s.Reason != g {
			t.Errorf("%d: reason %q, Go says %q", s.Code, s.Reason, g)
		}
		if s.Class != ClassOf(s.Code) || s.Class == NoClass {
			t.Errorf("%d: class %v", s.Code, s.Class)
		}
	}
	for _, tc := range []struct {
		code       int
		reason     string
		registered string
		state      CodeState
		ref        string
	}{
		{104, "Upload Resumption Supported", "Upload Resumption Supported", CodeTemporary, "draft-ietf-httpbis-resumable-upload"},
		{200, "OK", "OK", CodeAssigned, "RFC 9110 §15.3.1"},
		{306, "(Unused)", "(Unused)", CodeUnused, "RFC 9110 §15.4.7"},
		{405, "Method Not Allowed", "Method Not Allowed", CodeAssigned, "RFC 9110 §15.5.6"},
		{413, "Request Entity Too Large", "Content Too Large", CodeAssigned, "RFC 9110 §15.5.14"},
		{418, "I'm a teapot", "(Unused)", CodeUnused, "RFC 9110 §15.5.19"},
		{422, "Unprocessable Entity", "Unprocessable Content", CodeAssigned, "RFC 9110 §15.5.21"},
		{451, "Unavailable For Legal Reasons", "Unavailable For Legal Reasons", CodeAssigned, "RFC 7725 §3"},
		{510, "Not Extended", "Not Extended (OBSOLETED)", CodeObsoleted, "RFC 2774 §7"},
		{511, "Network Authentication Required", "Network Authentication Required", CodeAssigned, "RFC 6585 §6"},
	} {
		s, ok := LookupStatus(tc.code)
		if !ok || s.Reason != tc.reason || s.Registered != tc.registered || s.State != tc.state || s.Ref != tc.ref {
			t.Errorf("%d = %q %q %v %q, want %q %q %v %q", tc.code,
				s.Reason, s.Registered, s.State, s.Ref, tc.reason, tc.registered, tc.state, tc.ref)
		}
	}
}

func TestClassOf(t *testing.T) {
	for _, tc := range []struct {
		code int
		want Class
	}{
		{99, NoClass}, {100, Informational}, {199, Informational}, {204, Successful},
		{304, Redirection}, {418, ClientError}, {599, ServerError}, {600, NoClass}, {-1, NoClass},
	} {
		if got := ClassOf(tc.code); got != tc.want {
			t.Errorf("ClassOf(%d) = %v, want %v", tc.code, got, tc.want)
		}
	}
}

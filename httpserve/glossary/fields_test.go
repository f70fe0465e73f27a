package glossary

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFieldsWellFormed(t *testing.T) {
	fs := Fields()
	if len(fs) < 60 {
		t.Errorf("%d fields explained, want at least 60", len(fs))
	}
	if n := entryCount(); n != len(fs) {
		t.Errorf("%d table rows but %d distinct names: a name is listed twice", n, len(fs))
	}
	for _, f := range fs {
		if f.Name == "" || f.Ref == "" || f.Text.En == "" || f.Text.Zh == "" {
			t.Errorf("%q: empty part: %+v", f.Name, f)
		}
		if f.Kind != Request && f.Kind != Response && f.Kind != Both {
			t.Errorf("%s: kind %d", f.Name, f.Kind)
		}
		if f.Family < FamilyMessage || f.Family > FamilyWebSocket {
			t.Errorf("%s: family %d", f.Name, f.Family)
		}
		r, inRegistry := LookupRegistry(f.Name)
		switch {
		case inRegistry && r.Name != f.Name:
			t.Errorf("%s: the registry spells it %s", f.Name, r.Name)
		case inRegistry && (r.Status != f.Status || r.Ref != f.Ref):
			t.Errorf("%s: %v %q, the registry says %v %q", f.Name, f.Status, f.Ref, r.Status, r.Ref)
		case !inRegistry && f.Status != NotRegistered:
			t.Errorf("%s: status %v but not in the registry", f.Name, f.Status)
		}
		for _, name := range []string{f.Name, strings.ToLower(f.Name), strings.ToUpper(f.Name), " " + f.Name + " "} {
			if g, ok := Lookup(name); !ok || g.Name != f.Name {
				t.Errorf("Lookup(%q) = %q, %v", name, g.Name, ok)
			}
		}
	}
	for _, fam := range Families() {
		n := 0
		for _, f := range fs {
			if f.Family == fam {
				n++
			}
		}
		if n == 0 {
			t.Errorf("family %s has no field", fam.Label(0))
		}
	}
}

// The fields browsers, curl, nginx and Apache send by default, and the
// families the issue names (caching, range, cookie, CORS, negotiation, auth).
func TestRequiredFields(t *testing.T) {
	required := []string{
		// Chromium, Firefox, curl.
		"Host", "User-Agent", "Accept", "Accept-Language", "Accept-Encoding", "Connection",
		"Upgrade-Insecure-Requests", "Sec-Fetch-Site", "Sec-Fetch-Mode", "Sec-Fetch-User",
		"Sec-Fetch-Dest", "Sec-CH-UA", "Sec-CH-UA-Mobile", "Sec-CH-UA-Platform", "Priority",
		"Cache-Control", "Pragma", "Referer", "Origin", "Cookie", "DNT", "Sec-GPC", "TE",
		"Content-Type", "Content-Length", "Expect", "Transfer-Encoding", "Range",
		"If-None-Match", "If-Modified-Since", "Authorization", "Proxy-Authorization",
		// nginx, Apache, Go.
		"Server", "Date", "Last-Modified", "ETag", "Accept-Ranges", "Keep-Alive", "Vary",
		"Content-Encoding", "Expires", "Location", "Content-Language", "Content-Location",
		"TCN", "Upgrade", "X-Content-Type-Options", "Content-Range", "Allow",
		// Families and named extras.
		"Age", "If-Match", "If-Unmodified-Since", "If-Range", "Set-Cookie",
		"Access-Control-Allow-Origin", "Access-Control-Allow-Credentials",
		"Access-Control-Allow-Headers", "Access-Control-Allow-Methods",
		"Access-Control-Expose-Headers", "Access-Control-Max-Age",
		"Access-Control-Request-Headers", "Access-Control-Request-Method",
		"Timing-Allow-Origin", "Accept-Charset", "WWW-Authenticate", "Proxy-Authenticate",
		"Authentication-Info", "Proxy-Authentication-Info", "Alt-Svc",
		"Strict-Transport-Security", "Content-Security-Policy", "X-Frame-Options",
		"Referrer-Policy", "Trailer", "Via", "Forwarded", "X-Forwarded-For", "Retry-After",
	}
	for _, name := range required {
		if _, ok := Lookup(name); !ok {
			t.Errorf("%s is not explained", name)
		}
	}
}

// Registry facts checked by hand against field-names.csv.
func TestFieldFacts(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status Registration
		ref    string
		kind   Kind
	}{
		{"Host", Permanent, "RFC 9110 §7.2", Request},
		{"Accept-Encoding", Permanent, "RFC 9110 §12.5.3", Request},
		{"Transfer-Encoding", Permanent, "RFC 9112 §6.1", Both},
		{"Cookie", Permanent, "RFC 6265", Request},
		{"Set-Cookie", Permanent, "RFC 6265", Response},
		{"Access-Control-Allow-Origin", Permanent, "Fetch", Response},
		{"Cache-Control", Permanent, "RFC 9111 §5.2", Both},
		{"Keep-Alive", Permanent, "RFC 2068", Both},
		{"Priority", Permanent, "RFC 9218", Both},
		{"Pragma", Deprecated, "RFC 9111 §5.4", Request},
		{"Accept-Charset", Deprecated, "RFC 9110 §12.5.2", Request},
		{"Expect-CT", Deprecated, "RFC 9163", Response},
		{"Warning", Obsoleted, "RFC 9111 §5.5", Response},
		{"Content-MD5", Obsoleted, "RFC 2616 §14.15", Both},
		{"Sec-GPC", Provisional, "Global Privacy Control", Request},
		{"Timing-Allow-Origin", Provisional, "Resource Timing", Response},
		{"Permissions-Policy", Provisional, "Permissions Policy", Response},
		{"X-Frame-Options", Permanent, "HTML", Response},
		{"Sec-Purpose", Permanent, "Fetch", Request},
		{"Sec-Fetch-Dest", NotRegistered, refFetchMetadata, Request},
		{"Sec-CH-UA", NotRegistered, refUACH, Request},
		{"Upgrade-Insecure-Requests", NotRegistered, "Upgrade Insecure Requests (W3C)", Request},
		{"DNT", NotRegistered, "Tracking Preference Expression (W3C, discontinued)", Request},
		{"X-Forwarded-For", NotRegistered, "non-standard (de facto)", Request},
	} {
		f, ok := Lookup(tc.name)
		if !ok || f.Status != tc.status || f.Ref != tc.ref || f.Kind != tc.kind {
			t.Errorf("%s = %v %q %v (found %v), want %v %q %v",
				tc.name, f.Status, f.Ref, f.Kind, ok, tc.status, tc.ref, tc.kind)
		}
	}
}

func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range Registry() {
		k := strings.ToLower(e.Name)
		if seen[k] {
			t.Errorf("registry lists %s twice", e.Name)
		}
		seen[k] = true
		if e.Status == NotRegistered || e.Ref == "" {
			t.Errorf("registry row %+v", e)
		}
	}
	if len(seen) != 246 {
		t.Errorf("registry has %d names; the snapshot has 246", len(seen))
	}
	if e, ok := LookupRegistry("caldav-TIMEZONES"); !ok || e.Name != "CalDAV-Timezones" {
		t.Errorf("LookupRegistry(caldav-TIMEZONES) = %+v, %v", e, ok)
	}
	for _, name := range []string{"Sec-Fetch-Mode", "Sec-CH-UA", "X-Forwarded-For", "DNT", "X-Anything"} {
		if _, ok := LookupRegistry(name); ok {
			t.Errorf("%s is in the registry table", name)
		}
	}
	if _, ok := Lookup("X-Anything"); ok {
		t.Error("an unknown header was found")
	}
}

// Every header name Chromium and curl really sent (the fixtures) is
// explained.
func TestFixtureHeaders(t *testing.T) {
	files, err := filepath.Glob("testdata/*.bin")
	if err != nil || len(files) < 7 {
		t.Fatalf("fixtures: %d files, %v", len(files), err)
	}
	names := 0
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		head, _, ok := bytes.Cut(b, []byte("\r\n\r\n"))
		if !ok {
			t.Fatalf("%s: no blank line", file)
		}
		lines := strings.Split(string(head), "\r\n")
		for _, line := range lines[1:] {
			name, _, ok := strings.Cut(line, ":")
			if !ok {
				t.Fatalf("%s: %q is not a field line", file, line)
			}
			names++
			if _, ok := Lookup(name); !ok {
				t.Errorf("%s: %s is not explained", filepath.Base(file), name)
			}
		}
	}
	if names < 70 {
		t.Errorf("only %d field lines read from the fixtures", names)
	}
}

func TestKindHas(t *testing.T) {
	if !Both.Has(Request) || !Both.Has(Response) || Request.Has(Response) || Request.Has(0) {
		t.Error("Kind.Has")
	}
	if Request.String() != "request" || Both.String() != "both" || Kind(0).String() != "none" {
		t.Error("Kind.String")
	}
}

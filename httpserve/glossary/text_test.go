package glossary

import (
	"fmt"
	"testing"
	"unicode"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/text/width"

	"github.com/netassist/netassist/netassist/i18n"
)

// maxCols is the widest one-line explanation: ~90 columns in English and
// 45 Chinese characters (90 columns) beside a field on an 80×24 projector.
const maxCols = 90

// checkLine fails t if s is empty, too wide, more than one line, or not in
// language l (Chinese text holds Han characters and no East Asian
// "ambiguous" ones, whose width depends on the terminal; English holds
// none of either).
func checkLine(t *testing.T, where string, l i18n.Lang, s string) {
	t.Helper()
	if s == "" {
		t.Errorf("%s (%s): empty", where, l)
		return
	}
	if w := ansi.StringWidth(s); w > maxCols {
		t.Errorf("%s (%s): %d columns, max %d: %s", where, l, w, maxCols, s)
	}
	han, ambiguous := false, false
	for _, r := range s {
		if r < ' ' {
			t.Errorf("%s (%s): control character %U", where, l, r)
		}
		han = han || unicode.Is(unicode.Han, r)
		ambiguous = ambiguous || width.LookupRune(r).Kind() == width.EastAsianAmbiguous
	}
	if l == i18n.Chinese && !han {
		t.Errorf("%s (zh): no Chinese in %q", where, s)
	}
	if l == i18n.Chinese && ambiguous {
		t.Errorf("%s (zh): a character of ambiguous width in %q", where, s)
	}
	if l == i18n.English && han {
		t.Errorf("%s (en): Chinese in %q", where, s)
	}
}

func checkText(t *testing.T, where string, x i18n.Text) {
	t.Helper()
	checkLine(t, where, i18n.English, x.En)
	checkLine(t, where, i18n.Chinese, x.Zh)
}

func TestExplanationsFit(t *testing.T) {
	for _, f := range Fields() {
		checkText(t, f.Name, f.Text)
	}
	for _, s := range Statuses() {
		checkText(t, fmt.Sprint(s.Code), s.Text)
	}
	for _, v := range Values() {
		checkText(t, v.Field+": "+v.Name, v.Text)
	}
}

func TestValues(t *testing.T) {
	seen := map[string]bool{}
	for _, v := range Values() {
		if _, ok := Lookup(v.Field); !ok {
			t.Errorf("value %s of %s: the field is not explained", v.Name, v.Field)
		}
		if v.Ref == "" || v.Kind == 0 {
			t.Errorf("value %s of %s: %+v", v.Name, v.Field, v)
		}
		k := fmt.Sprint(v.Field, v.Name, v.Kind)
		if seen[k] {
			t.Errorf("value %s of %s listed twice for %v", v.Name, v.Field, v.Kind)
		}
		seen[k] = true
	}
	req, ok1 := LookupValue(Request, "cache-control", "MAX-AGE")
	resp, ok2 := LookupValue(Response, "Cache-Control", "max-age")
	if !ok1 || !ok2 || req.Ref != "RFC 9111 §5.2.1.1" || resp.Ref != "RFC 9111 §5.2.2.1" {
		t.Errorf("max-age: request %q %v, response %q %v", req.Ref, ok1, resp.Ref, ok2)
	}
	if v, ok := LookupValue(Request, "Cache-Control", "public"); !ok || v.Kind != Response {
		t.Errorf("public in a request: %+v %v (want the response meaning)", v, ok)
	}
	if v, ok := LookupValue(Response, "Cache-Control", "no-transform"); !ok || v.Kind != Both {
		t.Errorf("no-transform: %+v %v", v, ok)
	}
	for _, c := range []string{"gzip", "deflate", "br", "zstd", "identity"} {
		for _, f := range []string{"Accept-Encoding", "Content-Encoding"} {
			if _, ok := LookupValue(Request, f, c); !ok {
				t.Errorf("%s: %s not explained", f, c)
			}
		}
	}
	// The values in the Chromium fixtures.
	for _, fv := range [][2]string{
		{"Sec-Fetch-Site", "none"}, {"Sec-Fetch-Site", "same-origin"}, {"Sec-Fetch-Mode", "navigate"},
		{"Sec-Fetch-Mode", "no-cors"}, {"Sec-Fetch-Dest", "document"}, {"Sec-Fetch-Dest", "image"},
		{"Sec-Fetch-Dest", "style"}, {"Sec-Fetch-User", "?1"}, {"sec-ch-ua-mobile", "?0"},
		{"Upgrade-Insecure-Requests", "1"}, {"Connection", "keep-alive"},
	} {
		if _, ok := LookupValue(Request, fv[0], fv[1]); !ok {
			t.Errorf("%s: %s not explained", fv[0], fv[1])
		}
	}
	if _, ok := LookupValue(Request, "Cache-Control", "max-agee"); ok {
		t.Error("an unknown directive was found")
	}
}

func TestLabels(t *testing.T) {
	labels := map[i18n.Lang][]string{}
	for _, l := range i18n.All() {
		var s []string
		for r := NotRegistered; r <= Obsoleted; r++ {
			s = append(s, r.Label(l))
		}
		for _, k := range []Kind{Request, Response, Both} {
			s = append(s, k.Label(l))
		}
		for _, f := range Families() {
			s = append(s, f.Label(l))
		}
		for c := NoClass; c <= ServerError; c++ {
			s = append(s, c.Label(l))
		}
		for c := CodeAssigned; c <= CodeObsoleted; c++ {
			s = append(s, c.Label(l))
		}
		for _, x := range s {
			if x == "?" {
				t.Errorf("%s: a label is missing: %q", l, s)
			}
		}
		labels[l] = s
	}
	i18n.CheckComplete(t, labels)
	if Family(99).Label(i18n.English) != "?" || Obsoleted.String() != "obsoleted" || NotRegistered.String() != "not registered" {
		t.Error("out-of-range label or String")
	}
}

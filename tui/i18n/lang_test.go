package i18n

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	na "github.com/netassist/netassist/netassist/i18n"
)

// catalogues is every language's Text, as na.CheckComplete takes them.
func catalogues() map[Lang]Text {
	out := map[Lang]Text{}
	for _, l := range Langs() {
		out[l] = For(l)
	}
	return out
}

// Every language fills every string of the catalogue, and no language has
// a map key the other lacks.
func TestEveryLanguageIsComplete(t *testing.T) {
	if len(Langs()) < 2 {
		t.Fatalf("languages %v: the Chinese catalogue is missing", Langs())
	}
	na.CheckComplete(t, catalogues())
}

// A translation takes the same values as the English format string: the
// same verb for each argument (explicit indexes may reorder them), so a
// Sprintf never prints %!d(string=…).
func TestFormatVerbsAgree(t *testing.T) {
	en := strings_(English())
	for _, l := range Langs() {
		for path, s := range strings_(For(l)) {
			want, got := verbs(en[path]), verbs(s)
			if !maps(want, got) {
				t.Errorf("%s %s: verbs %v, English has %v (%q vs %q)", l, path, got, want, s, en[path])
			}
		}
	}
}

// The Web tab's reply template is a valid reply in every language: its
// Content-Length is the body's size in bytes.
func TestReplyTemplateLength(t *testing.T) {
	for _, l := range Langs() {
		head, body, ok := strings.Cut(For(l).Web.ReplyTemplate, "\n\n")
		if !ok {
			t.Fatalf("%s: no blank line", l)
		}
		want := "Content-Length: " + strconv.Itoa(len(body))
		if !strings.Contains(head, want+"\n") && !strings.HasSuffix(head, want) {
			t.Errorf("%s: head %q lacks %q", l, head, want)
		}
	}
}

// Missing finds an empty field at any depth, and an empty map value.
func TestMissingFindsEmptyStrings(t *testing.T) {
	txt := Chinese()
	txt.KeyQuit = ""
	txt.Client.StateIdle = " "
	txt.Web.Replies["static"] = ""
	got := Missing(txt)
	slices.Sort(got)
	want := []string{"Client.StateIdle", "KeyQuit", `Web.Replies["static"]`}
	if !slices.Equal(got, want) {
		t.Fatalf("Missing = %v, want %v", got, want)
	}
}

// Each call gives a value of its own: changing one does not change the next.
func TestCataloguesAreFresh(t *testing.T) {
	for _, l := range Langs() {
		a := For(l)
		a.Web.Replies["static"] = "changed"
		if For(l).Web.Replies["static"] == "changed" {
			t.Fatalf("%s shares its map between calls", l)
		}
	}
	if For(Lang(99)).AppName != English().AppName || For(LangChinese).TabServer != "服务端" {
		t.Fatal("For does not pick the language")
	}
}

// strings_ is every string of t by its path.
func strings_(t Text) map[string]string {
	out := map[string]string{}
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.String:
			out[path] = v.String()
		case reflect.Struct:
			for i := range v.NumField() {
				if f := v.Type().Field(i); f.IsExported() {
					walk(v.Field(i), path+"."+f.Name)
				}
			}
		case reflect.Map:
			for _, k := range v.MapKeys() {
				walk(v.MapIndex(k), fmt.Sprintf("%s[%q]", path, k))
			}
		}
	}
	walk(reflect.ValueOf(t), "")
	return out
}

// verbs maps each argument a format string uses (from 1) to its verb, as
// fmt numbers them: in order, or by an explicit [n].
func verbs(format string) map[int]byte {
	out := map[int]byte{}
	arg := 1
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("+-# 0123456789.*", format[i]) >= 0 {
			i++
		}
		if i < len(format) && format[i] == '[' {
			end := strings.IndexByte(format[i:], ']')
			if end > 0 {
				if n, err := strconv.Atoi(format[i+1 : i+end]); err == nil {
					arg = n
				}
				i += end + 1
			}
		}
		for i < len(format) && strings.IndexByte("+-# 0123456789.", format[i]) >= 0 {
			i++
		}
		if i >= len(format) || format[i] == '%' {
			continue
		}
		out[arg] = format[i]
		arg++
	}
	return out
}

func maps(a, b map[int]byte) bool { return reflect.DeepEqual(a, b) }

func TestVerbs(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want map[int]byte
	}{
		{"a %d b %s", map[int]byte{1: 'd', 2: 's'}},
		{"%[2]s of #%[1]d", map[int]byte{1: 'd', 2: 's'}},
		{"%s raw (%.0f%%)", map[int]byte{1: 's', 2: 'f'}},
		{"no verbs 100%%", map[int]byte{}},
	} {
		if got := verbs(tc.in); !maps(got, tc.want) {
			t.Errorf("verbs(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

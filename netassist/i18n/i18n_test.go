package i18n

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"slices"
	"testing"
)

func TestParseLang(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Lang
	}{
		{"en", English}, {"EN", English}, {"en_US", English}, {"en-GB.UTF-8", English},
		{"zh", Chinese}, {"zh-CN", Chinese}, {"zh_CN", Chinese}, {"ZH_cn.UTF-8", Chinese},
		{"zh-Hans", Chinese}, {" zh ", Chinese}, {"zh@latin", Chinese},
	} {
		got, err := ParseLang(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseLang(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "fr", "C", "zhx", "english", "-zh"} {
		if _, err := ParseLang(bad); !errors.Is(err, ErrUnknownLang) {
			t.Errorf("ParseLang(%q) error = %v, want ErrUnknownLang", bad, err)
		}
	}
}

func TestStringRoundTrip(t *testing.T) {
	for _, l := range All() {
		got, err := ParseLang(l.String())
		if err != nil || got != l {
			t.Errorf("ParseLang(%v.String()) = %v, %v", l, got, err)
		}
		b, _ := json.Marshal(l)
		var back Lang
		if err := json.Unmarshal(b, &back); err != nil || back != l {
			t.Errorf("JSON round trip of %v: %s → %v, %v", l, b, back, err)
		}
	}
	if English.String() != "en" || Chinese.String() != "zh" {
		t.Errorf("codes: %q %q", English, Chinese)
	}
	if English.Name() != "English" || Chinese.Name() != "简体中文" {
		t.Errorf("names: %q %q", English.Name(), Chinese.Name())
	}
}

func TestFlagValue(t *testing.T) {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	fs.SetOutput(discard{})
	var l Lang
	fs.Var(&l, "lang", "language")
	if err := fs.Parse([]string{"--lang", "zh_CN"}); err != nil || l != Chinese {
		t.Fatalf("--lang zh_CN: %v, %v", l, err)
	}
	if err := fs.Parse([]string{"--lang", "de"}); err == nil {
		t.Fatal("--lang de accepted")
	}
	if l != Chinese {
		t.Errorf("a rejected value changed the flag to %v", l)
	}
	if l.Type() != "lang" {
		t.Errorf("Type = %q", l.Type())
	}
}

type discard struct{}

func (discard) Write(b []byte) (int, error) { return len(b), nil }

func TestFromEnv(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want Lang
	}{
		{map[string]string{}, English},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, Chinese},
		{map[string]string{"LANG": "zh_TW.Big5"}, Chinese},
		{map[string]string{"LANG": "zh"}, Chinese},
		{map[string]string{"LANG": "en_US.UTF-8"}, English},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, English},
		{map[string]string{"LANG": "C.UTF-8"}, English},
		// LC_MESSAGES beats LANG, LC_ALL beats both.
		{map[string]string{"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, Chinese},
		{map[string]string{"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "C"}, English},
		{map[string]string{"LANG": "en_US", "LC_MESSAGES": "en_US", "LC_ALL": "zh_CN"}, Chinese},
		{map[string]string{"LANG": "zh_CN", "LC_MESSAGES": "zh_CN", "LC_ALL": "POSIX"}, English},
		// Set but empty is the same as unset.
		{map[string]string{"LC_ALL": "", "LC_MESSAGES": " ", "LANG": "zh_CN.UTF-8"}, Chinese},
		// Other categories play no part.
		{map[string]string{"LC_CTYPE": "zh_CN.UTF-8", "LANGUAGE": "zh_CN"}, English},
	} {
		env := tc.env
		if got := FromEnv(func(k string) string { return env[k] }); got != tc.want {
			t.Errorf("FromEnv(%v) = %v, want %v", env, got, tc.want)
		}
	}
}

func TestText(t *testing.T) {
	x := Text{En: "blank line", Zh: "空行"}
	if x.In(English) != "blank line" || x.In(Chinese) != "空行" {
		t.Errorf("In: %q %q", x.In(English), x.In(Chinese))
	}
}

// recorder is a TB that keeps the failures, to test CheckComplete itself.
type recorder struct{ errs []string }

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

type keyHelp struct {
	Key  string
	Desc string
}

type catalogue struct {
	Title  string
	Hint   string `i18n:"optional"`
	Keys   []keyHelp
	Status map[string]string
	Bytes  func(n int) string
	Nested *struct{ Quit string }
	note   string // unexported: not checked
	Count  int    // not text: not checked
}

func full() catalogue {
	return catalogue{
		Title:  "netassist",
		Keys:   []keyHelp{{"q", "quit"}, {"?", "help"}},
		Status: map[string]string{"listening": "listening on %s", "closed": "closed"},
		Bytes:  func(n int) string { return fmt.Sprint(n, " bytes") },
		Nested: &struct{ Quit string }{"quit"},
	}
}

func TestMissing(t *testing.T) {
	if got := Missing(full()); len(got) != 0 {
		t.Errorf("Missing(full) = %q", got)
	}
	c := full()
	c.Title = "  "
	c.Keys[1].Desc = ""
	c.Status = map[string]string{"listening": "", "closed": "closed", "a": ""}
	c.Bytes = nil
	c.Nested = nil
	c.note = ""
	want := []string{"Title", "Keys[1].Desc", `Status["a"]`, `Status["listening"]`, "Bytes", "Nested"}
	if got := Missing(c); !slices.Equal(got, want) {
		t.Errorf("Missing = %q\nwant      %q", got, want)
	}
	c = full()
	c.Nested.Quit = ""
	if got := Missing(&c); !slices.Equal(got, []string{"Nested.Quit"}) {
		t.Errorf("Missing through a pointer = %q", got)
	}
	if got := Missing(""); !slices.Equal(got, []string{"(root)"}) {
		t.Errorf(`Missing("") = %q`, got)
	}
	if got := Missing(nil); !slices.Equal(got, []string{"(root)"}) {
		t.Errorf("Missing(nil) = %q", got)
	}
}

func TestMissingCycle(t *testing.T) {
	type node struct {
		Name string
		Next *node
	}
	a := &node{Name: "a"}
	a.Next = a
	if got := Missing(a); len(got) != 0 {
		t.Errorf("Missing(cycle) = %q", got)
	}
}

func TestDiff(t *testing.T) {
	en, zh := full(), full()
	zh.Title = "网络助手"
	if got := Diff(en, zh); len(got) != 0 {
		t.Errorf("Diff of same shapes = %q", got)
	}
	delete(zh.Status, "closed")
	zh.Status["extra"] = "多余"
	zh.Keys = zh.Keys[:1]
	zh.Nested = nil
	want := []string{`Keys: 2 items vs 1`, `Status["closed"]: missing`, `Status["extra"]: extra`, `Nested: nil in only one`}
	if got := Diff(en, zh); !slices.Equal(got, want) {
		t.Errorf("Diff = %q\nwant   %q", got, want)
	}
	if got := Diff(1, "x"); len(got) != 1 {
		t.Errorf("Diff of different types = %q", got)
	}
}

func TestCheckComplete(t *testing.T) {
	en, zh := full(), full()
	var r recorder
	CheckComplete(&r, map[Lang]catalogue{English: en, Chinese: zh})
	if len(r.errs) != 0 {
		t.Errorf("complete catalogues failed: %q", r.errs)
	}

	zh.Status = map[string]string{"listening": "正在监听 %s"}
	zh.Keys[0].Desc = ""
	r = recorder{}
	CheckComplete(&r, map[Lang]catalogue{English: en, Chinese: zh})
	want := []string{
		`i18n: [zh].Keys[0].Desc is empty`,
		`i18n: zh: Status["closed"]: missing`,
	}
	if !slices.Equal(r.errs, want) {
		t.Errorf("CheckComplete errors = %q\nwant %q", r.errs, want)
	}

	r = recorder{}
	CheckComplete(&r, map[Lang]catalogue{English: en})
	if !slices.Equal(r.errs, []string{"i18n: no zh catalogue"}) {
		t.Errorf("a missing language: %q", r.errs)
	}

	r = recorder{}
	CheckComplete(&r, catalogue{})
	want = []string{"i18n: Title is empty", "i18n: Bytes is empty", "i18n: Nested is empty"}
	if !slices.Equal(r.errs, want) {
		t.Errorf("a plain struct: %q\nwant %q", r.errs, want)
	}
}

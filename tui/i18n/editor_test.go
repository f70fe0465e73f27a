package i18n

import (
	"reflect"
	"testing"
)

// The editor strings are complete in both languages, and each format
// string has the same verbs in both (until Chinese() holds them, this is
// where the Chinese ones are checked).
func TestEditorTextComplete(t *testing.T) {
	en, zh := englishEditor(), chineseEditor()
	for name, v := range map[string]EditorText{"en": en, "zh": zh} {
		var miss []string
		walk(reflect.ValueOf(v), "Editor", &miss)
		if len(miss) > 0 {
			t.Errorf("%s: empty: %v", name, miss)
		}
	}
	ev, zv := reflect.ValueOf(en), reflect.ValueOf(zh)
	for i := range ev.NumField() {
		if a, b := verbs(ev.Field(i).String()), verbs(zv.Field(i).String()); a != b {
			t.Errorf("%s: verbs %q in English, %q in Chinese", ev.Type().Field(i).Name, a, b)
		}
	}
}

// verbs lists the printf verbs of s, in order.
func verbs(s string) string {
	var out []byte
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '%' {
			out = append(out, s[i+1])
			i++
		}
	}
	return string(out)
}

package i18n

import (
	"fmt"
	"reflect"
	"strings"
)

// Lang names a UI language, as --lang spells it (DESIGN.md §2).
type Lang string

// The languages the catalogue holds.
const (
	LangEnglish Lang = "en"
)

// Langs lists every language with a full Text, in menu order.
func Langs() []Lang { return []Lang{LangEnglish} }

// For returns the text of l; an unknown or empty Lang gives English.
func For(l Lang) Text {
	_ = l // one language yet; issue 15 adds `case LangChinese: return Chinese()`
	return English()
}

// Missing returns the path of every string in t that is empty (for
// example "Client.StateIdle" or `Web.Replies["static"]`), walking the
// struct and its maps by reflection: a translation that forgets a key
// shows up here, not as a blank in the UI.
func Missing(t Text) []string {
	var out []string
	walk(reflect.ValueOf(t), "", &out)
	return out
}

func walk(v reflect.Value, path string, out *[]string) {
	switch v.Kind() {
	case reflect.String:
		if v.String() == "" {
			*out = append(*out, path)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			walk(v.Field(i), strings.TrimPrefix(path+"."+f.Name, "."), out)
		}
	case reflect.Map:
		if v.Len() == 0 {
			*out = append(*out, path)
		}
		for _, k := range v.MapKeys() {
			walk(v.MapIndex(k), fmt.Sprintf("%s[%q]", path, k), out)
		}
	default:
		*out = append(*out, path+" ("+v.Kind().String()+": not a string)")
	}
}

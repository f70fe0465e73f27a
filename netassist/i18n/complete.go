package i18n

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// TB is the part of testing.TB that CheckComplete uses, so this package
// does not import "testing" into the program.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
}

// CheckComplete fails t once for every string missing from the catalogue
// v, as Missing finds them. When v is a map keyed by Lang (one catalogue
// per language, the usual shape), the catalogues are also compared with the
// English one by Diff, so a map key or list item present in only one
// language fails too. Use it in each catalogue's test:
//
//	i18n.CheckComplete(t, map[i18n.Lang]Text{i18n.English: en, i18n.Chinese: zh})
func CheckComplete(t TB, v any) {
	t.Helper()
	for _, p := range Missing(v) {
		t.Errorf("i18n: %s is empty", p)
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Map || rv.Type().Key() != reflect.TypeFor[Lang]() {
		return
	}
	base := rv.MapIndex(reflect.ValueOf(English))
	if !base.IsValid() {
		t.Errorf("i18n: no English catalogue to compare with")
		return
	}
	for _, l := range All() {
		if l == English {
			continue
		}
		other := rv.MapIndex(reflect.ValueOf(l))
		if !other.IsValid() {
			t.Errorf("i18n: no %s catalogue", l)
			continue
		}
		for _, d := range Diff(base.Interface(), other.Interface()) {
			t.Errorf("i18n: %s: %s", l, d)
		}
	}
}

// Missing returns the paths of the empty parts of v, in a stable order. It
// walks exported struct fields (embedded ones too), slice and array
// elements, map values (keys sorted by their printed form) and what
// pointers and interfaces hold. Reported as empty: a string that is empty
// or only blanks, a nil func (a phrase taking values), a nil pointer or
// interface. A field tagged `i18n:"optional"` is not checked. Paths read
// like Go: `Help.Keys[2].Desc`, `Status["404"]`; the root is "".
func Missing(v any) []string {
	w := walker{seen: map[uintptr]bool{}}
	w.missing(reflect.ValueOf(v), "")
	return w.out
}

// Diff compares the shape of two catalogues of the same type and returns a
// description of each difference: a map key or list item present in one and
// not the other, or values of different types. Strings are not compared
// (they are meant to differ); use Missing for empty ones.
func Diff(a, b any) []string {
	var out []string
	diff(reflect.ValueOf(a), reflect.ValueOf(b), "", &out)
	return out
}

type walker struct {
	seen map[uintptr]bool // pointers already walked, against cycles
	out  []string
}

func (w *walker) missing(v reflect.Value, path string) {
	if !v.IsValid() {
		w.out = append(w.out, root(path))
		return
	}
	switch v.Kind() {
	case reflect.String:
		if strings.TrimSpace(v.String()) == "" {
			w.out = append(w.out, root(path))
		}
	case reflect.Func:
		if v.IsNil() {
			w.out = append(w.out, root(path))
		}
	case reflect.Pointer:
		if v.IsNil() {
			w.out = append(w.out, root(path))
			return
		}
		if w.seen[v.Pointer()] {
			return
		}
		w.seen[v.Pointer()] = true
		w.missing(v.Elem(), path)
	case reflect.Interface:
		if v.IsNil() {
			w.out = append(w.out, root(path))
			return
		}
		w.missing(v.Elem(), path)
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() || f.Tag.Get("i18n") == "optional" {
				continue
			}
			w.missing(v.Field(i), join(path, f.Name))
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			w.missing(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
	case reflect.Map:
		for _, k := range sortedKeys(v) {
			w.missing(v.MapIndex(k), path+"["+keyString(k)+"]")
		}
	}
}

func diff(a, b reflect.Value, path string, out *[]string) {
	if !a.IsValid() || !b.IsValid() {
		if a.IsValid() != b.IsValid() {
			*out = append(*out, root(path)+": present in only one")
		}
		return
	}
	if a.Type() != b.Type() {
		*out = append(*out, fmt.Sprintf("%s: %s vs %s", root(path), a.Type(), b.Type()))
		return
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				*out = append(*out, root(path)+": nil in only one")
			}
			return
		}
		diff(a.Elem(), b.Elem(), path, out)
	case reflect.Struct:
		t := a.Type()
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() {
				diff(a.Field(i), b.Field(i), join(path, f.Name), out)
			}
		}
	case reflect.Slice, reflect.Array:
		n := min(a.Len(), b.Len())
		for i := range n {
			diff(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i), out)
		}
		if a.Len() != b.Len() {
			*out = append(*out, fmt.Sprintf("%s: %d items vs %d", root(path), a.Len(), b.Len()))
		}
	case reflect.Map:
		for _, k := range sortedKeys(a) {
			p := path + "[" + keyString(k) + "]"
			if bv := b.MapIndex(k); bv.IsValid() {
				diff(a.MapIndex(k), bv, p, out)
			} else {
				*out = append(*out, p+": missing")
			}
		}
		for _, k := range sortedKeys(b) {
			if !a.MapIndex(k).IsValid() {
				*out = append(*out, path+"["+keyString(k)+"]: extra")
			}
		}
	}
}

func sortedKeys(m reflect.Value) []reflect.Value {
	keys := m.MapKeys()
	sort.Slice(keys, func(i, j int) bool { return keyString(keys[i]) < keyString(keys[j]) })
	return keys
}

func keyString(k reflect.Value) string {
	if k.Kind() == reflect.String {
		return fmt.Sprintf("%q", k.String())
	}
	return fmt.Sprint(k.Interface())
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func root(path string) string {
	if path == "" {
		return "(root)"
	}
	return path
}

// Package i18n names the languages netassist speaks (DESIGN.md §10) and
// gives every message catalogue the same tools: choosing the language from
// the --lang flag or the locale environment (DESIGN.md §2), a bilingual
// Text pair for tables written side by side, and a completeness check that
// fails a test when a string is missing in either language.
//
// The package is a leaf: it imports only the standard library, so the TUI,
// the glossary and the command line can all share it. Network data is never
// translated; only what netassist itself says is.
package i18n

import (
	"errors"
	"fmt"
	"strings"
)

// Lang is a user-interface language. The zero value is English, the
// fallback for any locale netassist does not speak.
type Lang uint8

// The languages netassist speaks.
const (
	English Lang = iota // "en"
	Chinese             // "zh": Simplified Chinese (简体中文)
)

// All lists every language, English first; tests iterate over it.
func All() []Lang { return []Lang{English, Chinese} }

// ErrUnknownLang is returned (wrapped) by ParseLang for a language netassist
// does not speak.
var ErrUnknownLang = errors.New("unknown language")

// String returns the language's short code, "en" or "zh": what --lang takes.
func (l Lang) String() string {
	if l == Chinese {
		return "zh"
	}
	return "en"
}

// Name returns the language's own name ("English", "简体中文"), for a
// language picker.
func (l Lang) Name() string {
	if l == Chinese {
		return "简体中文"
	}
	return "English"
}

// ParseLang reads a language as a user writes it on the command line: a
// code with an optional region, script, encoding or modifier, in any case
// ("en", "en_US", "zh", "zh-CN", "zh_CN.UTF-8", "zh-Hans"). Only the part
// before the first '_', '-', '.' or '@' matters, and it must be "en" or
// "zh"; anything else (including "") is an error wrapping ErrUnknownLang.
func ParseLang(s string) (Lang, error) {
	switch primary(s) {
	case "en":
		return English, nil
	case "zh":
		return Chinese, nil
	}
	return English, fmt.Errorf("%w \"%s\" (want en or zh)", ErrUnknownLang, s)
}

// FromEnv picks the language from the locale environment as POSIX does for
// messages (DESIGN.md §2): the first of LC_ALL, LC_MESSAGES and LANG that is
// set and not empty decides. A value whose language part is "zh" (zh_CN,
// zh_CN.UTF-8, zh_TW, zh) gives Chinese; any other value ("C", "POSIX",
// "en_US.UTF-8", "fr_FR") gives English, and so does an empty environment.
// getenv is os.Getenv in the program and a map lookup in tests.
func FromEnv(getenv func(string) string) Lang {
	for _, key := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := strings.TrimSpace(getenv(key)); v != "" {
			if primary(v) == "zh" {
				return Chinese
			}
			return English
		}
	}
	return English
}

// Set parses s with ParseLang into l, so that *Lang is a flag.Value (and,
// with Type, a pflag.Value) for --lang.
func (l *Lang) Set(s string) error {
	v, err := ParseLang(s)
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// Type names the flag's value type in pflag's usage text.
func (l *Lang) Type() string { return "lang" }

// MarshalText writes the short code, so a Lang reads well in JSON and
// config files.
func (l Lang) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalText reads what MarshalText wrote (or anything ParseLang takes).
func (l *Lang) UnmarshalText(b []byte) error { return l.Set(string(b)) }

// primary returns the lower-cased language part of a locale or language
// tag: "zh" for "zh_CN.UTF-8", "en" for "EN-us".
func primary(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "_-.@"); i >= 0 {
		s = s[:i]
	}
	return s
}

// Text is one piece of text in both languages, for tables that are easier
// to review with the two side by side (the glossary). A catalogue written
// as one struct per language does not need it.
type Text struct {
	En string // English
	Zh string // Simplified Chinese
}

// In returns the text in language l.
func (t Text) In(l Lang) string {
	if l == Chinese {
		return t.Zh
	}
	return t.En
}

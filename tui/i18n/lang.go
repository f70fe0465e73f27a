package i18n

import (
	na "github.com/netassist/netassist/netassist/i18n"
)

// Lang names a UI language: netassist/i18n's type, so --lang, the locale
// default (na.FromEnv) and the glossary all speak of the same value.
type Lang = na.Lang

// The languages the catalogue holds.
const (
	LangEnglish = na.English
	LangChinese = na.Chinese
)

// Langs lists every language with a full Text, English first.
func Langs() []Lang { return na.All() }

// For returns the text of l; an unknown Lang gives English.
func For(l Lang) Text {
	if l == LangChinese {
		return Chinese()
	}
	return English()
}

// Missing returns the path of every string in t that is empty or only
// blanks (for example "Client.StateIdle" or `Web.Replies["static"]`):
// na.Missing over the catalogue, so a translation that forgets a key shows
// up in the tests, not as a blank in the UI.
func Missing(t Text) []string { return na.Missing(t) }

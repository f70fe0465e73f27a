// Package i18n is the TUI's message catalogue: every user-visible string
// lives in one Text value, grouped by area (client.go, web.go, compose.go,
// view.go, rules.go), and a language is one function that fills it:
// English() beside each area's struct, Chinese() in the zh*.go files.
// For picks one by Lang (netassist/i18n's type: --lang, the locale).
//
// Network data is never translated: these strings are the UI's own words,
// format strings whose verbs are documented next to each field. Words that
// go on the wire (a template's method, Host, body) stay as they are.
//
// Adding a string: a field in the area's struct, its English text, and its
// Chinese text in the matching zh file (or a new area: its struct and
// englishX/chineseX in files of its own, one field in Text). The package
// tests fail when any string is empty in either language
// (netassist/i18n.CheckComplete), or when a translation's format verbs do
// not take the same arguments as the English ones.
package i18n

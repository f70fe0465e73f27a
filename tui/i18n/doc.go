// Package i18n is the TUI's message catalogue: every user-visible string
// lives in one Text value, grouped by area (client.go, web.go, compose.go,
// view.go, rules.go), and a language is one function that fills it
// (English today; a Chinese() beside it is what issue 15 adds).
//
// Network data is never translated: these strings are the UI's own words,
// format strings whose verbs are documented next to each field.
//
// Missing reports the fields a value leaves empty; the package test runs
// it over every language in Langs, so a key forgotten in a translation
// fails the build's tests instead of showing a blank in the UI.
package i18n

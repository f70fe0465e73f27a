package common

import (
	"testing"

	"github.com/netassist/netassist/tui/i18n"
)

// A count of one takes the singular in English (nit 11: "1 bytes: ?",
// "1 requests"); other counts, conn numbers and Chinese stay as they are.
func TestCounted(t *testing.T) {
	for in, want := range map[string]string{
		"1 bytes: ?":                      "1 byte: ?",
		"sent 1 bytes to #1":              "sent 1 byte to #1",
		"1 requests · 1 open · in 3 B":    "1 request · 1 open · in 3 B",
		"11 bytes, 0.1 bytes, 2,001 runs": "11 bytes, 0.1 bytes, 2,001 runs",
		"#1 peers":                        "#1 peers",
		"1 matches of 1 lines":            "1 match of 1 line",
		"1 other things":                  "1 other things",
	} {
		if got := Counted(i18n.LangEnglish, in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
	if got := Counted(i18n.LangChinese, "1 bytes"); got != "1 bytes" {
		t.Errorf("zh: %q", got)
	}
}

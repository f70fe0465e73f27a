package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/netassist/netassist/netassist/i18n"
)

// langOf parses args in process and returns the --lang they mean.
func langOf(t *testing.T, args ...string) (i18n.Lang, int, string) {
	t.Helper()
	var out, errb bytes.Buffer
	var got i18n.Lang
	code := execute(context.Background(), args, &out, &errb, func(_ context.Context, o *options) error {
		got = o.common.lang
		return nil
	})
	return got, code, errb.String()
}

// --lang is a common flag of every mode; without it the locale decides
// (LC_ALL, then LC_MESSAGES, then LANG); a language netassist does not
// speak is a usage error.
func TestLangFlag(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "en_US.UTF-8")
	for _, tc := range []struct {
		args string
		want i18n.Lang
	}{
		{"", i18n.English},
		{"--lang zh", i18n.Chinese},
		{"server --lang=zh_CN", i18n.Chinese},
		{"client 127.0.0.1:9 --lang zh", i18n.Chinese},
		{"web --lang en", i18n.English},
	} {
		got, code, stderr := langOf(t, strings.Fields(tc.args)...)
		if code != 0 || got != tc.want {
			t.Errorf("netassist %s: lang %v, exit %d (%s); want %v", tc.args, got, code, stderr, tc.want)
		}
	}
	t.Setenv("LANG", "zh_CN.UTF-8")
	if got, _, _ := langOf(t, "web"); got != i18n.Chinese {
		t.Errorf("LANG=zh_CN.UTF-8: lang %v, want zh", got)
	}
	if got, _, _ := langOf(t, "web", "--lang", "en"); got != i18n.English {
		t.Errorf("LANG=zh_CN with --lang en: lang %v, want en", got)
	}
	t.Setenv("LC_ALL", "C")
	if got, _, _ := langOf(t, "server"); got != i18n.English {
		t.Errorf("LC_ALL=C over LANG=zh_CN: lang %v, want en", got)
	}
	if _, code, stderr := langOf(t, "--lang", "de"); code != exitUsage || !strings.Contains(stderr, "de") {
		t.Errorf("--lang de: exit %d, stderr %q", code, stderr)
	}
}

package main

import (
	"context"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Every command and every flag has its Chinese help text: a flag added
// without one fails here (DESIGN.md §10).
func TestChineseHelpComplete(t *testing.T) {
	root := newRootCmd(func(context.Context, *options) error { return nil })
	addLangFlags(root)
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		d, ok := zhCommands[c.CommandPath()]
		if !ok && !c.Hidden {
			t.Errorf("%q has no Chinese help (zhCommands)", c.CommandPath())
		}
		checkFirstWord(t, c.CommandPath(), d.short)
		c.Flags().VisitAll(func(f *pflag.Flag) {
			u := zhUsage(c.Name(), f.Name)
			if u == "" {
				t.Errorf("%s --%s has no Chinese usage (zhFlags)", c.CommandPath(), f.Name)
			}
			checkFirstWord(t, c.CommandPath()+" --"+f.Name, u)
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// --lang zh (or a zh locale) gives the help in Chinese; --lang en beats
// the locale.
func TestChineseHelp(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "C")
	for _, tc := range []struct {
		args       string
		want, lack []string
	}{
		{"--lang zh --help", []string{"显示经过套接字的每一个字节", "界面及其帮助的语言，可选 en 或 zh", "显示帮助", "启动终端界面的 TCP 客户端标签页"}, []string{"shows every byte"}},
		{"web --help --lang=zh", []string{"文档根目录", "内容编码"}, []string{"document root"}},
		{"export --lang zh --help", []string{"输出格式，可选 har、text 或 raw"}, nil},
		{"--help", []string{"shows every byte that crosses the socket", "Language of the UI"}, []string{"终端"}},
	} {
		_, code, stdout, stderr := parse(t, strings.Fields(tc.args)...)
		if code != 0 {
			t.Errorf("%s: exit %d: %s", tc.args, code, stderr)
		}
		for _, w := range tc.want {
			if !strings.Contains(stdout, w) {
				t.Errorf("netassist %s: lacks %q:\n%s", tc.args, w, stdout)
			}
		}
		for _, w := range tc.lack {
			if strings.Contains(stdout, w) {
				t.Errorf("netassist %s: has %q:\n%s", tc.args, w, stdout)
			}
		}
	}
	t.Setenv("LANG", "zh_CN.UTF-8")
	if _, _, out, _ := parse(t, "client", "--help"); !strings.Contains(out, "连接到 ADDR") {
		t.Errorf("LANG=zh_CN: client --help not in Chinese:\n%s", out)
	}
	if _, _, out, _ := parse(t, "client", "--help", "--lang", "en"); !strings.Contains(out, "Connect to ADDR") {
		t.Errorf("--lang en: client --help not in English:\n%s", out)
	}
}

// checkFirstWord fails when s's first word (up to a space) holds a Latin
// letter, which fang would capitalise.
func checkFirstWord(t *testing.T, what, s string) {
	t.Helper()
	first, _, _ := strings.Cut(s, " ")
	if strings.ContainsAny(strings.ToLower(first), "abcdefghijklmnopqrstuvwxyz") {
		t.Errorf("%s: fang would capitalise the Latin letters of %q", what, first)
	}
}

package common

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/i18n"
)

func withLang(l i18n.Lang) Common {
	c := Default()
	t := i18n.For(l)
	c.Text, c.Lang = &t, l
	return c
}

// In Chinese, the conditions an error ends in are the catalogue's, and
// what the message adds around them stays; in English nothing changes
// (breaker #12: "发送失败：no open connections").
func TestErrTextTranslatesConditions(t *testing.T) {
	reset := &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}
	for _, tc := range []struct {
		err    error
		zh, en string
	}{
		{fmt.Errorf("conn 3: %w", netassist.ErrConnClosed), "conn 3: 连接已关闭", "conn 3: connection is closed"},
		{netassist.ErrNoConns, "没有打开的连接", "no open connections"},
		{reset, "read tcp: read: 连接被对方重置", reset.Error()},
		{&fs.PathError{Op: "open", Path: "/x/a.txt", Err: syscall.ENOENT}, "open /x/a.txt: 没有这个文件或目录", "open /x/a.txt: no such file or directory"},
		{errors.New("something else"), "something else", "something else"},
		// breaker-2 D9: a file too large for one datagram, in English in the zh UI.
		{fmt.Errorf("sending a.bin: %w", &netassist.DatagramSizeError{Size: 70000, Max: 65507}),
			"sending a.bin: 70000 字节超出一个数据报的上限（最多 65507 字节；请分成多个数据报发送）",
			"sending a.bin: 70000 bytes are too large for one datagram (at most 65507; split them into datagrams)"},
	} {
		if got := ErrText(withLang(i18n.LangChinese), tc.err); got != tc.zh {
			t.Errorf("zh %v: %q, want %q", tc.err, got, tc.zh)
		}
		if got := ErrText(withLang(i18n.LangEnglish), tc.err); got != tc.en {
			t.Errorf("en %v: %q, want %q", tc.err, got, tc.en)
		}
	}
	if ErrText(withLang(i18n.LangChinese), nil) != "" {
		t.Error("nil error: not empty")
	}
}

// The English catalogue says what each condition's own text says (so the
// two cannot drift apart), and the Chinese one says it in Chinese.
func TestErrConditionsCatalogue(t *testing.T) {
	en, zh := i18n.English().Errors, i18n.For(i18n.LangChinese).Errors
	dse := &netassist.DatagramSizeError{Size: 2, Max: 1}
	if got := fmt.Sprintf(en.DatagramTooLarge, dse.Size, dse.Max); got != dse.Error() {
		t.Errorf("DatagramTooLarge: English catalogue says %q, the error %q", got, dse.Error())
	}
	for _, e := range errConditions {
		if e.err == syscall.EPERM { // shares "permission denied" with EACCES
			continue
		}
		if got := e.text(&en); got != e.err.Error() {
			t.Errorf("%v: English catalogue says %q", e.err, got)
		}
		// IPv4 and IPv6 are names, in Chinese too.
		if got := e.text(&zh); got == "" || strings.ContainsAny(strings.ReplaceAll(got, "IPv", ""), "abcdefghijklmnopqrstuvwxyz") {
			t.Errorf("%v: Chinese catalogue says %q", e.err, got)
		}
	}
}

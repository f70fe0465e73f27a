package recvpane

import (
	"net"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/i18n"
)

// In Chinese, a chunk's direction and its "not kept" note are the
// catalogue's, as in the Web tab's raw pane: "◀ 收", "▶ 发" (breaker #12:
// the Server and Client panes said "◀ in", "▶ out"). Headers line up.
func TestChunkHeaderInChinese(t *testing.T) {
	st := netassist.NewStore(0)
	id := st.RecordOpen(netassist.TabServer, "l", "r")
	st.RecordData(id, netassist.In, []byte("ping"), 0)
	st.RecordData(id, netassist.Out, []byte("pong"), 7)
	for _, tc := range []struct {
		l       i18n.Lang
		in, out string
		lacks   []string
	}{
		{i18n.LangChinese, "◀ 收 4 B", "▶ 发 4 B（另有 7 B 已发送，未保留）", []string{"in ", "out", "sent"}},
		{i18n.LangEnglish, "◀ in  4 B", "▶ out 4 B (+7 B sent, not kept)", nil},
	} {
		c := common.Default()
		txt := i18n.For(tc.l)
		c.Text, c.Lang = &txt, tc.l
		p := New(c, st, netassist.TabServer)
		p.SetSize(82, 12)
		s := paneText(p)
		for _, want := range []string{tc.in, tc.out} {
			if !strings.Contains(s, want) {
				t.Errorf("%s: pane lacks %q:\n%s", tc.l, want, s)
			}
		}
		for _, no := range tc.lacks {
			if strings.Contains(s, no) {
				t.Errorf("%s: pane shows %q:\n%s", tc.l, no, s)
			}
		}
	}
}

// A close line's reason is the catalogue's in Chinese: who closed it, the
// system's cause, the bytes never written (the store's note is English).
func TestCloseLineInChinese(t *testing.T) {
	st := netassist.NewStore(0)
	id := st.RecordOpen(netassist.TabServer, "l", "r")
	st.RecordData(id, netassist.Out, []byte("pong"), 0)
	reset := &net.OpError{Op: "write", Err: os.NewSyscallError("write", syscall.ECONNRESET)}
	st.RecordCloseUnsent(id, netassist.ByPeer, reset, 3)
	for _, tc := range []struct {
		l    i18n.Lang
		want string
	}{
		{i18n.LangChinese, "#1 已关闭（由对方：write: write: 连接被对方重置；3 字节显示为已发送但未写出）"},
		{i18n.LangEnglish, "#1 closed by peer: write: write: connection reset by peer (3 bytes shown as sent were not written)"},
	} {
		c := common.Default()
		txt := i18n.For(tc.l)
		c.Text, c.Lang = &txt, tc.l
		p := New(c, st, netassist.TabServer)
		p.SetSize(200, 12)
		if s := paneText(p); !strings.Contains(s, tc.want) {
			t.Errorf("%s: pane lacks %q:\n%s", tc.l, tc.want, s)
		}
	}
}

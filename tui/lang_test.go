package tui

import (
	"testing"

	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/internal/tuitest"
)

// Config.Lang picks the catalogue: the tab bar, the listener's state, the
// status line, the key hints and the help page speak Chinese; the address
// (network data) stays as it is.
func TestChineseUI(t *testing.T) {
	t.Parallel()
	h := app{set: func(c *Config) { c.Lang = i18n.LangChinese }}.start(t, 100, 30)
	h.Contains("● 正在监听 127.0.0.1:")
	h.Contains("1 服务端  2 客户端  3 Web")
	h.Contains("ctrl+s 发送")
	h.StatusShows("正在监听 127.0.0.1:")
	h.Key(tuitest.F1)
	h.Contains("按 ? 或 esc 关闭帮助")
	h.Contains("关闭全部连接")
	h.Quit()
}

package check

import (
	"strings"
	"testing"

	"github.com/netassist/netassist/httpserve/wire"
	"github.com/netassist/netassist/netassist/i18n"
)

// A finding's line is all in the chosen language but its stable code:
// the severity too (breaker #12: "⚠ warning no-content-type @36: 没有
// Content-Type"), and check --fix's "fixed:".
func TestLineInChinese(t *testing.T) {
	for sev, word := range map[wire.Severity]string{wire.Error: "错误", wire.Warning: "警告", wire.Info: "提示"} {
		f := wire.Finding{Code: wire.CodeNoContentType, Severity: sev, Off: 36}
		if got, want := Line(f, i18n.Chinese), word+" no-content-type @36: 没有 Content-Type"; got != want {
			t.Errorf("%q, want %q", got, want)
		}
		if got := FixedLine(f, i18n.Chinese); !strings.HasPrefix(got, "已修复："+word+" ") {
			t.Errorf("fixed: %q", got)
		}
		if got, want := Line(f, i18n.English), sev.String()+" no-content-type @36: no Content-Type"; got != want {
			t.Errorf("%q, want %q", got, want)
		}
	}
}

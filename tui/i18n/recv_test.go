package i18n

import (
	"strings"
	"testing"
)

// The receive pane's strings are complete in Chinese too (the Chinese
// catalogue takes them from chineseRecv).
func TestRecvTextComplete(t *testing.T) {
	for name, rt := range map[string]RecvText{"en": englishRecv(), "zh": chineseRecv()} {
		for _, m := range Missing(Text{Recv: rt}) {
			if strings.HasPrefix(m, "Recv.") {
				t.Errorf("%s: %s is empty", name, m)
			}
		}
	}
}

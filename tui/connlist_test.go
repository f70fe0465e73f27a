package tui

import (
	"testing"

	"github.com/netassist/netassist/tui/common"
)

func TestCompactSize(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0", 999: "999", 1000: "1.0K", 1536: "1.5K", 10 << 10: "10K", 999 << 10: "999K",
		1023 << 10: "1.0M", 64 << 20: "64M", 5 << 30: "5.0G", 3 << 40: "3.0T",
	} {
		if got := common.CompactSize(n); got != want {
			t.Errorf("common.CompactSize(%d) = %q, want %q", n, got, want)
		}
	}
}

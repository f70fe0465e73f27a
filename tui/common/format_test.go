package common

import (
	"testing"
	"time"
)

func TestCompactSize(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0", 999: "999", 1000: "1.0K", 1536: "1.5K", 10 << 10: "10K", 999 << 10: "999K",
		1023 << 10: "1.0M", 64 << 20: "64M", 5 << 30: "5.0G", 3 << 40: "3.0T",
	} {
		if got := CompactSize(n); got != want {
			t.Errorf("CompactSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestFormatSize(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0 B", 1023: "1023 B", 1024: "1.0 KiB", 1536: "1.5 KiB", 64 << 20: "64.0 MiB", 3 << 40: "3.0 TiB",
	} {
		if got := FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestFormatElapsed(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "0:00", 1500 * time.Millisecond: "0:01", 65 * time.Second: "1:05", 3723 * time.Second: "1:02:03", -time.Second: "0:00",
	} {
		if got := FormatElapsed(d); got != want {
			t.Errorf("FormatElapsed(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestSafe(t *testing.T) {
	if got := Safe("a\x1b[2J\r\n\u202eb"); got != `a\x1B[2J\r\n\u{202E}b` {
		t.Fatalf("Safe = %q", got)
	}
}

package common

import (
	"fmt"
	"time"

	"github.com/netassist/netassist/netassist/render"
)

// FormatSize prints a byte count for people: 78 B, 1.5 KiB, 64.0 MiB.
func FormatSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 4; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTP"[exp])
}

// CompactSize prints a byte count in at most 5 cells: 78, 1.5K, 64M.
func CompactSize(n int64) string {
	if n < 1000 {
		return fmt.Sprintf("%d", n)
	}
	v := float64(n)
	for _, unit := range "KMGT" {
		v /= 1024
		if v < 999.5 || unit == 'T' {
			if v < 9.95 {
				return fmt.Sprintf("%.1f%c", v, unit)
			}
			return fmt.Sprintf("%.0f%c", v, unit)
		}
	}
	return ""
}

// FormatElapsed prints a duration as m:ss or h:mm:ss.
func FormatElapsed(d time.Duration) string {
	d = max(d, 0).Truncate(time.Second)
	h, m, sec := int(d/time.Hour), int(d/time.Minute)%60, int(d/time.Second)%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, sec)
	}
	return fmt.Sprintf("%d:%02d", m, sec)
}

// Safe renders untrusted text (a remote address, an error from the
// network, a file name) through the one sanitizer (DESIGN.md §5), on one
// line.
func Safe(s string) string { return render.Text(s) }

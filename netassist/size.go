package netassist

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseSize reads a byte size as --max-capture takes it: a positive number
// with an optional unit, case-insensitive: B; KiB, MiB, GiB (and K, M, G)
// are powers of 1024; KB, MB, GB are powers of 1000. "64MiB", "1.5GiB",
// "10MB" and "4096" are sizes. The error names the text and the form.
func ParseSize(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   int64
	}{
		{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30},
		{"KB", 1000}, {"MB", 1000 * 1000}, {"GB", 1000 * 1000 * 1000},
		{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1},
	}
	num, mult := s, int64(1)
	upper := strings.ToUpper(s)
	for _, u := range units {
		if strings.HasSuffix(upper, u.suffix) {
			num, mult = strings.TrimSpace(s[:len(s)-len(u.suffix)]), u.mult
			break
		}
	}
	n, err := strconv.ParseFloat(num, 64)
	if err != nil || !(n > 0) || n*float64(mult) >= 1<<62 {
		return 0, fmt.Errorf("invalid size \"%s\" (use e.g. 64MiB, 512KiB, 1GiB)", s)
	}
	return int64(n * float64(mult)), nil
}

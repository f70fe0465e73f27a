package netassist

import "testing"

func TestParseSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
	}{
		{"4096", 4096}, {"64MiB", 64 << 20}, {"64mib", 64 << 20}, {"512KiB", 512 << 10},
		{"1GiB", 1 << 30}, {"1.5GiB", 3 << 29}, {"10MB", 10_000_000}, {"2K", 2048},
		{"3 M", 3 << 20}, {"100B", 100},
	} {
		if got, err := ParseSize(tc.in); err != nil || got != tc.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "lots", "0", "-1MiB", "MiB", "NaN", "Inf", "1e30GiB"} {
		if n, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) = %d, want an error", bad, n)
		}
	}
}

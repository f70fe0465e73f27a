package tui

import (
	"fmt"
	"os"
	"testing"
)

// TestMain points the user's config folder at a temporary one for the
// whole run: tests that leave Config.ConfigDir empty (the default,
// os.UserConfigDir()/netassist) must never read or write the real one.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "netassist-tui-config-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("XDG_CONFIG_HOME", dir) // os.UserConfigDir on Linux and the BSDs
	os.Setenv("HOME", dir)            // macOS: $HOME/Library/Application Support
	os.Setenv("AppData", dir)         // Windows
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

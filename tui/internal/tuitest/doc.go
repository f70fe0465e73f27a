// Package tuitest holds the TUI's shared test helpers, in one place: key
// presses, a fake clock, a loopback address that refuses connections, a
// teatest harness that waits for what a person would see, and Host, which
// runs one tab as a whole program (status line and key hints included) so
// a tab's package can test it without the root.
package tuitest

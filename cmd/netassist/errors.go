package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"charm.land/fang/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/spf13/cobra"

	"github.com/netassist/netassist/headless"
)

// Exit codes (DESIGN.md §2).
const (
	exitOK      = 0
	exitRuntime = 1
	exitUsage   = 2
)

// usageError is a command line that does not parse (exit 2). cmd is the
// command path, for the hint to its help.
type usageError struct {
	cmd string
	err error
}

func (e usageError) Error() string {
	return fmt.Sprintf("%v (see '%s --help')", e.err, e.cmd)
}

func (e usageError) Unwrap() error { return e.err }

// runtimeError is a failure while running (exit 1): port in use,
// connection refused, … An error wrapping headless.ErrReported was already
// reported on stderr as it happened, and is not printed again.
type runtimeError struct{ err error }

func (e runtimeError) Error() string { return e.err.Error() }
func (e runtimeError) Unwrap() error { return e.err }

// exitCode maps what the command returned to the process's exit code.
// Errors cobra makes itself (an unknown flag or command, a missing flag
// value) are usage errors, like ours.
func exitCode(err error) int {
	var re runtimeError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &re):
		return exitRuntime
	}
	return exitUsage
}

// flagError turns a flag parsing error into a usage error.
func flagError(cmd *cobra.Command, err error) error {
	return usageError{cmd: cmd.CommandPath(), err: err}
}

// printError is fang's error handler: one line on stderr, "netassist: "
// and the cause, never a stack trace; on a terminal the prefix is styled.
func printError(w io.Writer, styles fang.Styles, err error) {
	if errors.Is(err, headless.ErrReported) {
		return
	}
	prefix := "netassist:"
	// fang hands in a colorprofile.Writer, which knows whether w is a
	// terminal (and strips colours where it is not).
	if cw, ok := w.(*colorprofile.Writer); ok && cw.Profile > colorprofile.NoTTY {
		prefix = styles.ErrorHeader.UnsetMargins().SetString("netassist").String()
	}
	fmt.Fprintln(w, prefix+" "+oneLine(err.Error()))
}

// oneLine joins a multi-line message (some libraries' errors have
// several lines) into one.
func oneLine(s string) string {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' })
	for i := range fields {
		fields[i] = strings.TrimSpace(fields[i])
	}
	fields = slices.DeleteFunc(fields, func(f string) bool { return f == "" })
	return strings.Join(fields, "; ")
}

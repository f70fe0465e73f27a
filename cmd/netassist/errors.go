package main

import (
	"errors"
	"fmt"
	"io"

	"charm.land/fang/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/spf13/cobra"

	"github.com/netassist/netassist/headless"
	"github.com/netassist/netassist/netassist/render"
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

// hinted makes the errors of a positional-argument check usage errors,
// with the hint to the command's help (cobra's own say only "accepts at
// most 1 arg(s), received 2").
func hinted(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return usageError{cmd: cmd.CommandPath(), err: err}
		}
		return nil
	}
}

// flagError turns a flag parsing error into a usage error.
func flagError(cmd *cobra.Command, err error) error {
	return usageError{cmd: cmd.CommandPath(), err: err}
}

// printError is fang's error handler: one line on stderr, "netassist: "
// and the cause, never a stack trace; on a terminal the prefix is styled.
//
// The cause often carries text from outside (a file name, an address, a
// certificate's name, a peer's error): it goes through netassist/render
// (escaped, `\x1B[2J` shown as `\x1B[2J`), and is written past fang's
// colorprofile.Writer, which would silently strip escape sequences from
// it instead (and so name a different host than the real one).
func printError(w io.Writer, styles fang.Styles, err error) {
	if errors.Is(err, headless.ErrReported) {
		return
	}
	prefix := "netassist:"
	if cw, ok := w.(*colorprofile.Writer); ok {
		// fang hands in a colorprofile.Writer, which knows whether w is
		// a terminal: only our own prefix is styled, through it.
		if cw.Profile > colorprofile.NoTTY {
			prefix = styles.ErrorHeader.UnsetMargins().SetString("netassist").String()
			io.WriteString(cw, prefix)
			prefix = ""
		}
		w = cw.Forward
	}
	io.WriteString(w, prefix+" "+render.Text(err.Error())+"\n")
}

// say writes one line on w: "netassist: " and the message, through the
// one renderer (DESIGN.md §5) — every line cmd writes to stderr itself.
func say(w io.Writer, format string, args ...any) {
	io.WriteString(w, "netassist: "+render.Text(fmt.Sprintf(format, args...))+"\n")
}

// Command netassist is a terminal network debugging assistant: a TCP
// server, a TCP client and a web server that show every byte that crosses
// the socket. See README.md and DESIGN.md §2 for the command line.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// Exit codes (DESIGN.md §2).
const (
	exitOK      = 0
	exitRuntime = 1
	exitUsage   = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: it parses args, runs the chosen mode and
// returns the exit code. Every failure prints one line on stderr.
func run(args []string, stdout, stderr io.Writer) int {
	o, err := parseArgs(args)
	switch {
	case errors.Is(err, errHelp):
		fmt.Fprint(stdout, usage(o.mode))
		return exitOK
	case err != nil:
		fmt.Fprintf(stderr, "netassist: %v\n", err)
		fmt.Fprintf(stderr, "Run 'netassist %s--help' for usage.\n", modePrefix(o.mode))
		return exitUsage
	}
	if o.version {
		fmt.Fprintln(stdout, "netassist", version())
		return exitOK
	}
	if o.headless {
		err = runHeadless(o, stdout, stderr)
	} else {
		err = runTUI(o)
	}
	if err != nil {
		fmt.Fprintf(stderr, "netassist: %v\n", err)
		return exitRuntime
	}
	return exitOK
}

func modePrefix(mode string) string {
	if mode == "" {
		return ""
	}
	return mode + " "
}

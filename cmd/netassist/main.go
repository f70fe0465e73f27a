// Command netassist is a terminal network debugging assistant: a TCP
// server, a TCP client and a web server that show every byte that crosses
// the socket. See README.md and DESIGN.md §2 for the command line.
//
// This package is wiring only: it parses the command line (cobra, styled
// by fang), then hands the engines to the TUI (package tui) or to
// package headless.
package main

import (
	"context"
	"io"
	"os"
	"runtime/debug"

	"charm.land/fang/v2"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/i18n"
)

func main() {
	// Each connection is a file descriptor: the engines' caps come from
	// the open-file limit, raised to its hard limit here, at start.
	netassist.RaiseFileLimit()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: it parses args, runs the chosen mode and
// returns the exit code. Every failure prints one line on stderr.
func run(args []string, stdout, stderr io.Writer) (code int) {
	stop := notifyEnd(stderr)
	defer stop.release()
	defer func() {
		// A panic on this goroutine (headless, or building the UI): the
		// deferred closes above it have run; say where, in one line.
		if r := recover(); r != nil {
			say(stderr, "internal error: %v", r)
			code = exitRuntime
		}
	}()
	return execute(stop.soft, args, stdout, stderr, runMode(stop, stdout, stderr))
}

// execute runs the command tree on args with run as the mode runner.
func execute(ctx context.Context, args []string, stdout, stderr io.Writer, run runFunc) int {
	root := newRootCmd(run)
	addLangFlags(root)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	v := version()
	root.SetVersionTemplate("netassist {{.Version}}\n")
	root.Version = v // fang sets the same; set here so the flag can be worded
	for _, c := range root.Commands() {
		c.Version = v // --version works after a mode too (DESIGN.md §2: common flag)
	}
	if langFromArgs(args) == i18n.Chinese {
		translateHelp(root)
	}
	err := fang.Execute(ctx, root, fang.WithVersion(v), fang.WithErrorHandler(printError))
	return exitCode(err)
}

// runMode runs a parsed command line: headless or the TUI. ctx is
// stop.soft, ended by the first signal.
func runMode(stop stopContexts, stdout, stderr io.Writer) runFunc {
	return func(ctx context.Context, o *options) error {
		if o.common.headless {
			go func() {
				defer recovered("the second-signal handler", nil)
				select {
				case <-stop.again:
					os.Exit(exitRuntime) // the user will not wait for the shutdown
				case <-stop.done:
				}
			}()
			return runHeadless(ctx, o, stdout, stderr)
		}
		return runTUI(stop, o)
	}
}

// version is the module version the binary was built from, or "dev".
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

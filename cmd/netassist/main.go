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
	"os/signal"
	"runtime/debug"
	"syscall"

	"charm.land/fang/v2"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: it parses args, runs the chosen mode and
// returns the exit code. Every failure prints one line on stderr.
func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return execute(ctx, args, stdout, stderr, runMode(stdout, stderr))
}

// execute runs the command tree on args with run as the mode runner.
func execute(ctx context.Context, args []string, stdout, stderr io.Writer, run runFunc) int {
	root := newRootCmd(run)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	v := version()
	root.SetVersionTemplate("netassist {{.Version}}\n")
	for _, c := range root.Commands() {
		c.Version = v // --version works after a mode too (DESIGN.md §2: common flag)
	}
	err := fang.Execute(ctx, root, fang.WithVersion(v), fang.WithErrorHandler(printError))
	return exitCode(err)
}

// runMode runs a parsed command line: headless or the TUI.
func runMode(stdout, stderr io.Writer) runFunc {
	return func(ctx context.Context, o *options) error {
		if o.common.headless {
			return runHeadless(ctx, o, stdout, stderr)
		}
		return runTUI(ctx, o)
	}
}

// version is the module version the binary was built from, or "dev".
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// endSignals are the signals that end the process. Each one shuts down
// cleanly, as the quit key does: the record and the headless output are
// flushed on a line boundary and synced, the terminal is restored. (Left
// to their default, SIGHUP — an ssh session dropping — killed the process
// mid-line and left the terminal in the alternate screen, and SIGQUIT
// dumped every goroutine's stack.)
var endSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}

// stopContexts are the ends of a run: soft is cancelled by the first
// signal (shut down cleanly); again is closed by a second one (stop
// waiting for the shutdown); done is closed by release, when the run is
// over.
type stopContexts struct {
	soft    context.Context
	again   <-chan struct{}
	done    <-chan struct{}
	release func()
}

// notifyEnd starts watching endSignals. Call release when the run is over.
func notifyEnd(errw io.Writer) stopContexts {
	soft, cancelSoft := context.WithCancel(context.Background())
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, endSignals...)
	again, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer recovered("the signal handler", nil)
		select {
		case <-ch:
			cancelSoft()
		case <-done:
			return
		}
		select {
		case s := <-ch:
			say(errw, "%v again: not waiting for the shutdown", s)
			close(again)
		case <-done:
		}
	}()
	return stopContexts{soft: soft, again: again, done: done, release: func() {
		signal.Stop(ch)
		close(done)
		cancelSoft()
	}}
}

// recovered is deferred first in every goroutine this package starts: a
// panic there runs restore (which puts the terminal back), prints one
// line naming the place, and exits 1 — never a stack trace.
func recovered(place string, restore func()) {
	if r := recover(); r != nil {
		if restore != nil {
			restore()
		}
		// File descriptor 2 itself: os.Stderr is a pipe while the TUI runs.
		say(os.NewFile(2, "stderr"), "internal error in %s: %v", place, r)
		os.Exit(exitRuntime)
	}
}

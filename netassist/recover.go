package netassist

import (
	"fmt"
	"runtime/debug"
)

// PanicError is a panic recovered on a goroutine: a bug of ours (or of an
// auto-reply rule) that must cost one connection, never the process and
// never the user's terminal.
type PanicError struct {
	// Where names the goroutine or the step that panicked, e.g. "server
	// conn 3 reader" or "auto-reply rule (server conn 3)".
	Where string
	// Value is what was passed to panic.
	Value any
	// Stack is the panicking goroutine's stack (runtime/debug.Stack).
	Stack []byte
}

// Error is one line: "panic in WHERE: VALUE".
func (e *PanicError) Error() string { return fmt.Sprintf("panic in %s: %v", e.Where, e.Value) }

// Unwrap returns the panic value when it is an error.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// Recover, deferred at the top of a goroutine (`defer
// netassist.Recover("where", onPanic)`), stops a panic there and hands it
// to onPanic (which may be nil) as a *PanicError. A panic whose value is
// already a *PanicError (re-raised by an inner step to name itself, see
// NamePanic) is passed on as it is. It must be called directly by defer:
// recover only works there.
func Recover(where string, onPanic func(*PanicError)) {
	r := recover()
	if r == nil {
		return
	}
	p := asPanic(r, where)
	if onPanic != nil {
		onPanic(p)
	}
}

// asPanic is r, a recovered panic value, as a *PanicError: as it is if it
// already is one (NamePanic), else with the place and the stack. Called
// while the panic is being recovered, so the stack is the panicking one.
func asPanic(r any, where string) *PanicError {
	if p, ok := r.(*PanicError); ok {
		return p
	}
	return &PanicError{Where: where, Value: r, Stack: debug.Stack()}
}

// NamePanic, deferred around a step run by someone else's goroutine (an
// auto-reply rule on a connection's reader), re-raises a panic of the step
// as a *PanicError naming it, so the goroutine's Recover reports the step
// rather than the goroutine. The stack is taken where the step panicked.
func NamePanic(where string) {
	r := recover()
	if r == nil {
		return
	}
	if _, ok := r.(*PanicError); ok {
		panic(r)
	}
	panic(&PanicError{Where: where, Value: r, Stack: debug.Stack()})
}

// Go runs fn on a new goroutine under Recover(where, onPanic). The caller
// still owns the goroutine: fn must watch the caller's stop signal.
func Go(where string, fn func(), onPanic func(*PanicError)) {
	go func() {
		defer Recover(where, onPanic)
		fn()
	}()
}

// RecordPanic returns an onPanic for Recover and Go that records the panic
// as an error event of tab ("panic in WHERE: VALUE").
func (s *Store) RecordPanic(tab Tab) func(*PanicError) {
	return func(p *PanicError) { s.RecordError(tab, p.Error()) }
}

package netassist

import (
	"errors"
	"fmt"
	"net"
	"time"
)

// DialError is a failed Connect. Its message is one line naming the address
// and the cause; errors.Is matches ErrRefused, ErrNoSuchHost,
// ErrDialTimeout or ErrDialCanceled when one applies, and the underlying
// error (e.g. *net.OpError, *net.DNSError).
type DialError struct {
	Addr    string
	Cause   error         // one of the sentinels above, or nil
	Timeout time.Duration // the dial timeout, for ErrDialTimeout
	Err     error         // what the dialer returned
}

func (e *DialError) Error() string {
	if e.Cause == ErrDialTimeout && e.Timeout > 0 {
		return fmt.Sprintf("dial tcp %s: timed out after %v", e.Addr, e.Timeout)
	}
	if e.Cause == ErrDialCanceled {
		return fmt.Sprintf("dial tcp %s: connect canceled", e.Addr)
	}
	var op *net.OpError
	if errors.As(e.Err, &op) {
		return opError(e.Err, true).Error() // "dial tcp 127.0.0.1:9: connection refused"
	}
	return fmt.Sprintf("dial tcp %s: %v", e.Addr, e.Err)
}

// Unwrap gives errors.Is and errors.As both the cause and the dialer's error.
func (e *DialError) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Err}
	}
	return []error{e.Cause, e.Err}
}

// NoReplyError is returned by WaitReply when nothing arrived.
type NoReplyError struct {
	Remote string
	After  time.Duration
}

func (e *NoReplyError) Error() string {
	return fmt.Sprintf("connected to %s but no reply within %v", e.Remote, e.After)
}

// Unwrap makes errors.Is(err, ErrNoReply) true.
func (e *NoReplyError) Unwrap() error { return ErrNoReply }

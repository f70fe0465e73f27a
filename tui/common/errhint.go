package common

import (
	"errors"
	"syscall"
)

// ErrorHint says in the UI's language what a common socket error means,
// to put after the error's own (English, system) text: "address already
// in use" gains " — another program is using this port" / "（端口已被占用）".
// "" for other errors.
func ErrorHint(c Common, err error) string {
	r := &c.Text.Root
	switch {
	case err == nil:
		return ""
	case errors.Is(err, syscall.EADDRINUSE):
		return r.HintAddrInUse
	case errors.Is(err, syscall.EACCES):
		return r.HintPermission
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return r.HintAddrNotAvail
	case errors.Is(err, syscall.ECONNREFUSED):
		return r.HintRefused
	}
	return ""
}

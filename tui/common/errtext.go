package common

import (
	"errors"
	"fmt"
	"strings"
	"syscall"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/i18n"
)

// errCondition is an error a message may end in, and its name in the
// catalogue.
type errCondition struct {
	err  error
	text func(*i18n.ErrorsText) string
}

// errConditions are the conditions ErrText translates: netassist's own
// (netassist/errors.go, the record's) and the system's causes (errno), in
// the order they are looked for.
var errConditions = []errCondition{
	{ErrTargetClosed, func(t *i18n.ErrorsText) string { return t.TargetClosed }}, // before ErrConnClosed, whose text it holds
	{netassist.ErrServerClosed, func(t *i18n.ErrorsText) string { return t.ServerClosed }},
	{netassist.ErrListenerClosed, func(t *i18n.ErrorsText) string { return t.ListenerClosed }},
	{netassist.ErrNotListening, func(t *i18n.ErrorsText) string { return t.NotListening }},
	{netassist.ErrConnClosed, func(t *i18n.ErrorsText) string { return t.ConnClosed }},
	{netassist.ErrNoConn, func(t *i18n.ErrorsText) string { return t.NoConn }},
	{netassist.ErrNoConns, func(t *i18n.ErrorsText) string { return t.NoConns }},
	{netassist.ErrRefused, func(t *i18n.ErrorsText) string { return t.Refused }},
	{netassist.ErrNoSuchHost, func(t *i18n.ErrorsText) string { return t.NoSuchHost }},
	{netassist.ErrDialTimeout, func(t *i18n.ErrorsText) string { return t.DialTimeout }},
	{netassist.ErrDialCanceled, func(t *i18n.ErrorsText) string { return t.DialCanceled }},
	{netassist.ErrClientClosed, func(t *i18n.ErrorsText) string { return t.ClientClosed }},
	{netassist.ErrNotConnected, func(t *i18n.ErrorsText) string { return t.NotConnected }},
	{netassist.ErrNoAddress, func(t *i18n.ErrorsText) string { return t.NoAddress }},
	{netassist.ErrWriteClosed, func(t *i18n.ErrorsText) string { return t.WriteClosed }},
	{netassist.ErrNoReply, func(t *i18n.ErrorsText) string { return t.NoReply }},
	{netassist.ErrRecordRemoved, func(t *i18n.ErrorsText) string { return t.RecordRemoved }},
	{netassist.ErrPeerPortZero, func(t *i18n.ErrorsText) string { return t.PeerPortZero }},
	{netassist.ErrPeerIPv6, func(t *i18n.ErrorsText) string { return t.PeerIPv6 }},
	{netassist.ErrPeerIPv4, func(t *i18n.ErrorsText) string { return t.PeerIPv4 }},

	{syscall.EADDRINUSE, func(t *i18n.ErrorsText) string { return t.AddrInUse }},
	{syscall.EACCES, func(t *i18n.ErrorsText) string { return t.Permission }},
	{syscall.EPERM, func(t *i18n.ErrorsText) string { return t.Permission }},
	{syscall.EADDRNOTAVAIL, func(t *i18n.ErrorsText) string { return t.AddrNotAvail }},
	{syscall.ECONNREFUSED, func(t *i18n.ErrorsText) string { return t.Refused }},
	{syscall.ECONNRESET, func(t *i18n.ErrorsText) string { return t.ConnReset }},
	{syscall.ECONNABORTED, func(t *i18n.ErrorsText) string { return t.ConnAborted }},
	{syscall.EPIPE, func(t *i18n.ErrorsText) string { return t.BrokenPipe }},
	{syscall.ENOSPC, func(t *i18n.ErrorsText) string { return t.NoSpace }},
	{syscall.ENOENT, func(t *i18n.ErrorsText) string { return t.NoFile }},
	{syscall.EISDIR, func(t *i18n.ErrorsText) string { return t.IsDir }},
	{syscall.ENOTDIR, func(t *i18n.ErrorsText) string { return t.NotDir }},
	{syscall.ETIMEDOUT, func(t *i18n.ErrorsText) string { return t.TimedOut }},
	{syscall.ENETUNREACH, func(t *i18n.ErrorsText) string { return t.NetUnreach }},
	{syscall.EHOSTUNREACH, func(t *i18n.ErrorsText) string { return t.HostUnreach }},
	{syscall.EIO, func(t *i18n.ErrorsText) string { return t.IO }},
	{syscall.EDQUOT, func(t *i18n.ErrorsText) string { return t.Quota }},
	{syscall.EROFS, func(t *i18n.ErrorsText) string { return t.ReadOnly }},
}

// ErrTargetClosed ends a repeat or file send whose connections all
// closed (sendpane.ErrTargetClosed).
var ErrTargetClosed = fmt.Errorf("the target %w", netassist.ErrConnClosed)

// CloseReason is who closed a connection and why, in the UI's language:
// "peer: read: connection reset by peer" / "由对方：read: 连接被对方重置"
// ("" for a connection still open).
func CloseReason(c Common, by netassist.CloseBy, err string) string {
	rt := &c.Text.Recv
	var who string
	switch by {
	case netassist.ByPeer:
		who = rt.ByPeer
	case netassist.ByLocal:
		who = rt.ByLocal
	default:
		return ""
	}
	if err != "" {
		who += rt.ByErr + ErrString(c, err)
	}
	return who
}

// ErrString is ErrText for an error kept as text (a close reason in the
// store): each condition's English text in s is replaced by the
// catalogue's, in languages other than English.
func ErrString(c Common, s string) string {
	if c.Lang == i18n.LangEnglish || c.Text == nil {
		return s
	}
	for _, e := range errConditions {
		s = strings.Replace(s, e.err.Error(), e.text(&c.Text.Errors), 1)
	}
	return s
}

// ErrText is err's message in the UI's language: each condition it
// wraps that the catalogue names (i18n.ErrorsText: "connection is
// closed", "no space left on device", …) is replaced, where its English
// text appears in the message, by the catalogue's; what the message adds
// around it (a connection number, a file name, an address) stays. In
// English the message is unchanged. nil gives "".
func ErrText(c Common, err error) string {
	if err == nil {
		return ""
	}
	s := err.Error()
	if c.Lang == i18n.LangEnglish || c.Text == nil {
		return s
	}
	if te, ok := errors.AsType[*netassist.TLSError](err); ok && te.Refusal != nil {
		// The whole refusal: its reason and what to do about it.
		s = strings.Replace(s, te.Error(), fmt.Sprintf(c.Text.Errors.TLSPrefix, te.Addr)+certRefusalText(&c.Text.Errors, te.Refusal), 1)
	}
	if dse, ok := errors.AsType[*netassist.DatagramSizeError](err); ok {
		// A sentence of its own, not a condition at its end.
		s = strings.Replace(s, dse.Error(), fmt.Sprintf(c.Text.Errors.DatagramTooLarge, dse.Size, dse.Max), 1)
	}
	for _, e := range errConditions {
		// A system cause is a fixed text, also where a message carries
		// it as text only (a close reason the store kept as a string).
		var errno syscall.Errno
		if errors.Is(err, e.err) || errors.As(e.err, &errno) {
			s = strings.Replace(s, e.err.Error(), e.text(&c.Text.Errors), 1)
		}
	}
	return s
}

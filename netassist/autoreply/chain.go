package autoreply

import "github.com/netassist/netassist/netassist"

// Policy has the shape of netassist.Server.AutoReply: asked after each read
// of connection id (first: the connection's first read), it returns the
// reply to send, if any. It runs on the connection's reader goroutine.
type Policy = func(id netassist.ConnID, b []byte, first bool) (netassist.Reply, bool)

// Once answers each connection's first read with reply (then closes the
// connection if closeAfter), as the teaching servers do and as --reply and
// --reply-file ask. Later reads get no answer from it.
func Once(reply []byte, closeAfter bool) Policy {
	return func(_ netassist.ConnID, _ []byte, first bool) (netassist.Reply, bool) {
		return netassist.Reply{Data: reply, CloseAfter: closeAfter}, first
	}
}

// Chain asks each policy in turn and sends the first answer. With
// Chain(Once(r, c), active.AutoReply) the first read of a connection gets
// --reply and later reads get the rules in force.
func Chain(policies ...Policy) Policy {
	return func(id netassist.ConnID, b []byte, first bool) (netassist.Reply, bool) {
		for _, p := range policies {
			if r, ok := p(id, b, first); ok {
				return r, true
			}
		}
		return netassist.Reply{}, false
	}
}

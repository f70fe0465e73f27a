package server

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/components/connlist"
)

// Follow the conversation (issue 15): while on, the send target, the
// list's selection and the receive filter are the connection that sent
// data last (netassist.Store.LastSender). A connection that has sent
// nothing — a browser's idle preconnect — is never the target unless the
// user selects it in the list, which turns following off.

// syncFollow points the list and the receive pane at the last sender
// while following; before anyone has sent, at every connection.
func (t *Model) syncFollow() {
	if t.follow {
		if id := t.store.LastSender(netassist.TabServer); id != t.conns.Selected() && id != 0 {
			t.conns.SelectID(id)
		}
	}
	t.Recv.SetFilter(netassist.Filter{Tab: netassist.TabServer, Conn: t.conns.Selected()})
}

// errNoSender says that follow is on and no one has sent yet.
type errNoSender struct{ msg string }

func (e errNoSender) Error() string { return e.msg }

// target is where a send goes now, and its description for the status:
// the last sender while following (an error before anyone sent), else the
// selected connection or all.
func (t *Model) target() (netassist.ConnID, string, error) {
	txt := t.C.Text
	if t.follow {
		id := t.store.LastSender(netassist.TabServer)
		if id == 0 {
			return 0, txt.Root.FollowWaiting, errNoSender{txt.Root.FollowNoSender}
		}
		return id, t.label(id), nil
	}
	id := t.conns.Selected()
	if id == netassist.AllConns {
		return id, fmt.Sprintf(txt.TargetAll, t.store.Totals(netassist.TabServer).Open), nil
	}
	return id, t.label(id), nil
}

// targetTitle is the target as the send pane's title says it: while
// following, that it follows.
func (t *Model) targetTitle() string {
	_, desc, err := t.target()
	if t.follow && err == nil {
		return fmt.Sprintf(t.C.Text.Root.FollowBadge, desc)
	}
	return desc
}

// label names connection id as the list does: "#3 :51514".
func (t *Model) label(id netassist.ConnID) string {
	if c, ok := t.store.Conn(id); ok {
		return connlist.Label(c)
	}
	return fmt.Sprintf(t.C.Text.TargetConn, id)
}

// toggleFollow turns following on (the target jumps to the last sender)
// or off (the target stays where it is, now the list's selection).
func (t *Model) toggleFollow() tea.Cmd {
	t.follow = !t.follow
	rt := &t.C.Text.Root
	if t.follow {
		t.syncFollow()
		return common.Status(rt.FollowOn, false)
	}
	_, desc, _ := t.target()
	return common.Status(fmt.Sprintf(rt.FollowOff, desc), false)
}

// picked is called after a key moved the list's selection: the user
// chose a connection, so following stops.
func (t *Model) picked() tea.Cmd {
	t.follow = false
	_, desc, _ := t.target()
	return common.Status(fmt.Sprintf(t.C.Text.Root.FollowPicked, desc), false)
}

// Following reports whether follow mode is on.
func (t *Model) Following() bool { return t.follow }

// Annotatable hands the annotated view (f7) the selected chunk's message,
// else the latest request of the selected connection (while following,
// or with "all" selected: the last sender).
func (t *Model) Annotatable() (common.AnnotateSrc, bool) {
	t.syncFollow()
	id := t.conns.Selected()
	if id == netassist.AllConns {
		id = t.store.LastSender(netassist.TabServer)
	}
	return t.AnnotateSource(t.store, id)
}

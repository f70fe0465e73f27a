package connlist

import (
	"bytes"
	"fmt"
	"net"
	"regexp"

	"github.com/charmbracelet/x/ansi"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/common"
)

// maxFirstCache bounds the cache of first request lines: past it the
// cache starts again (rows re-read what they show).
const maxFirstCache = 4096

// requestLine is an HTTP/1 request line as a browser or curl sends it:
// method, target, version (RFC 9112 §3).
var requestLine = regexp.MustCompile(`^([A-Z][A-Z_-]{0,19}) (\S+) HTTP/\d\.\d\r?$`)

// rowText is a connection's row: its state, ID, remote (the client port
// first: ":51514" for a loopback peer, which is all that differs between
// a browser's connections; host:port otherwise), the bytes each way, and
// the request line when the first bytes it sent are one ("GET /style.css").
func (l *Model) rowText(c netassist.ConnInfo) string {
	state := "●"
	switch {
	case !c.Open:
		state = "○"
	case c.PeerFinished:
		state = "◐" // half-closed: the peer sent FIN, we may still send
	}
	text := fmt.Sprintf("%s #%d %s %s↓ %s↑", state, c.ID, shortRemote(c.Remote),
		common.CompactSize(c.BytesIn), common.CompactSize(c.BytesOut))
	if c.Proto == netassist.ProtoUDP {
		// A peer: when it last sent (its datagrams are not a stream
		// that starts with a request line).
		if !c.LastIn.IsZero() {
			at := c.LastIn.Local().Format("15:04:05")
			seen := fmt.Sprintf(l.c.Text.Transport.LastSeen, at)
			if w, _ := l.inner(); ansi.StringWidth(text+seen)+2 > w {
				seen = at // the time alone, where the word does not fit
			}
			text += " " + seen
		}
		return text
	}
	if first := l.firstLine(c); first != "" {
		text += " " + first
	}
	return text
}

// Label names c as its row does, for titles and status: "#3 :51514",
// with ◐ while its peer has finished sending (it can still be sent to).
func Label(c netassist.ConnInfo) string {
	l := fmt.Sprintf("#%d %s", c.ID, shortRemote(c.Remote))
	if c.Open && c.PeerFinished {
		l += " ◐"
	}
	return l
}

// shortRemote is the remote address as the row shows it: ":PORT" for a
// loopback peer, the whole address otherwise, made safe.
func shortRemote(remote string) string {
	host, port, err := net.SplitHostPort(remote)
	if err != nil {
		return common.Safe(remote)
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return ":" + common.Safe(port)
	}
	return common.Safe(remote)
}

// firstLine is "METHOD target" when the first bytes c received are an HTTP
// request line, else "". It is read once per connection from the store
// and kept (the first bytes never change), except while they might still
// be a request line that has not ended yet.
func (l *Model) firstLine(c netassist.ConnInfo) string {
	if c.ChunksIn == 0 {
		return ""
	}
	if s, ok := l.first[c.ID]; ok {
		return s
	}
	s, final := l.readFirstLine(c)
	if final {
		if len(l.first) >= maxFirstCache {
			clear(l.first)
		}
		l.first[c.ID] = s
	}
	return s
}

// readFirstLine looks at the first bytes c received (its first received
// chunks, up to a line break or 1 KiB); final is false while they are a
// request line still arriving.
func (l *Model) readFirstLine(c netassist.ConnInfo) (line string, final bool) {
	var b []byte
	for _, ch := range l.store.After(netassist.Filter{Tab: l.tab, Conn: c.ID}, 0, 16) {
		if ch.Kind != netassist.KindData || ch.Dir != netassist.In {
			continue
		}
		if ch.Offset != int64(len(b)) { // the first bytes left memory
			return "", true
		}
		b = append(b, ch.Data[:min(len(ch.Data), maxLine-len(b))]...)
		if bytes.IndexByte(b, '\n') >= 0 || len(b) >= maxLine {
			break
		}
	}
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		// Not ended yet: worth waiting for only while it could still
		// become one, is short, and more can come.
		return "", len(b) >= maxLine || !c.Open || c.PeerFinished || len(b) > 0 && !couldStart(b)
	}
	m := requestLine.FindSubmatch(b[:i])
	if m == nil {
		return "", true
	}
	return string(m[1]) + " " + common.Safe(string(m[2])), true
}

// maxLine is the longest request line the list waits for.
const maxLine = 1024

// couldStart reports whether b could be the start of a request line: a
// method so far, or a method, a space and a target, or those and the
// start of "HTTP/1.1".
func couldStart(b []byte) bool {
	method, rest, sp := bytes.Cut(b, []byte(" "))
	if !methodPrefix.Match(method) {
		return false
	}
	if !sp {
		return true
	}
	target, version, sp := bytes.Cut(rest, []byte(" "))
	if bytes.ContainsAny(target, "\r\t") {
		return false
	}
	if !sp {
		return true
	}
	version = bytes.TrimSuffix(version, []byte("\r"))
	return bytes.HasPrefix([]byte("HTTP/1.1"), version) || bytes.HasPrefix([]byte("HTTP/1.0"), version)
}

var methodPrefix = regexp.MustCompile(`^[A-Z][A-Z_-]{0,19}$`)

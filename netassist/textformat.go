package netassist

import (
	"strconv"
	"strings"
	"sync"

	"github.com/netassist/netassist/netassist/render"
)

// TextFormat formats events for people (headless --format text): one header
// line per event (time, tab, connection, remote, direction, size), then the
// bytes below it through the one sanitizer, so hostile bytes cannot reach
// the terminal. It remembers each connection's remote address from its open
// event; use one TextFormat per output.
type TextFormat struct {
	mu      sync.Mutex // guards remotes
	remotes map[ConnID]string
}

// NewTextFormat returns a text formatter.
func NewTextFormat() *TextFormat { return &TextFormat{remotes: make(map[ConnID]string)} }

const textTime = "2006-01-02 15:04:05.000000"

// Format appends e in text form to dst; it has the Format signature.
func (f *TextFormat) Format(dst []byte, e *Event) []byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	dst = e.Time.AppendFormat(dst, textTime)
	dst = append(dst, ' ', '[')
	dst = append(dst, e.Tab...)
	dst = append(dst, ']')
	if e.Conn != 0 {
		dst = append(dst, " #"...)
		dst = strconv.AppendUint(dst, uint64(e.Conn), 10)
	}
	safe := func(s string) string { return render.String([]byte(s)) }
	switch e.Kind {
	case KindListen:
		dst = append(dst, " listening on "...)
		dst = append(dst, safe(e.Addr)...)
	case KindOpen:
		f.remotes[e.Conn] = e.Remote
		dst = append(dst, ' ')
		dst = append(dst, safe(e.Remote)...)
		dst = append(dst, " connected (local "...)
		dst = append(dst, safe(e.Local)...)
		dst = append(dst, ')')
	case KindClose:
		dst = append(dst, ' ')
		dst = append(dst, safe(f.remotes[e.Conn])...)
		dst = append(dst, " closed by "...)
		dst = append(dst, e.By.String()...)
		if e.Err != "" {
			dst = append(dst, ": "...)
			dst = append(dst, safe(e.Err)...)
		}
		if e.Unsent > 0 {
			dst = append(dst, " ("...)
			dst = strconv.AppendInt(dst, e.Unsent, 10)
			dst = append(dst, " bytes shown as sent were not written)"...)
		}
		delete(f.remotes, e.Conn)
	case KindEOF:
		dst = append(dst, ' ')
		dst = append(dst, safe(f.remotes[e.Conn])...)
		if e.Dir == In {
			dst = append(dst, " finished sending (FIN); still open for replies"...)
		} else {
			dst = append(dst, " we finished sending (FIN); still reading"...)
		}
	case KindError:
		dst = append(dst, " error: "...)
		dst = append(dst, safe(e.Err)...)
	case KindData:
		dst = append(dst, ' ')
		dst = append(dst, safe(f.remotes[e.Conn])...)
		if e.Dir == In {
			dst = append(dst, " in  "...)
		} else {
			dst = append(dst, " out "...)
		}
		dst = strconv.AppendInt(dst, int64(len(e.Data)), 10)
		dst = append(dst, " bytes"...)
		if e.Omitted > 0 {
			dst = append(dst, " (+"...)
			dst = strconv.AppendInt(dst, e.Omitted, 10)
			dst = append(dst, " sent, not kept)"...)
		}
		dst = append(dst, '\n')
		body := render.String(e.Data)
		body = strings.TrimSuffix(body, "\n")
		dst = append(dst, body...)
	case KindDetail:
		dst = append(dst, ' ')
		dst = append(dst, e.Name()...)
		if e.Detail != nil {
			dst = append(dst, ' ')
			dst = append(dst, safe(e.Detail.Summary())...)
		}
	}
	return append(dst, '\n')
}

// Package netassist is the engine of netassist: listeners, connections,
// send/close commands and the capture store. It knows nothing of the
// terminal and nothing of HTTP; protocol layers attach their own records to
// events through Detail.
package netassist

import (
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	asmbase64 "github.com/segmentio/asm/base64"
)

// Tab names the part of the program an event belongs to; its value is the
// JSON Lines "tab" field. The three below are part of the contract
// (DESIGN.md §3); an engine may be given another name (tests do).
type Tab string

// Tabs of the program.
const (
	TabServer Tab = "server"
	TabClient Tab = "client"
	TabWeb    Tab = "web"
)

// String is the tab's name as it appears in events.
func (t Tab) String() string { return string(t) }

// ConnID identifies a connection for the life of a Store. IDs start at 1 and
// are never reused, so a user can refer to "conn 3" across a whole session.
type ConnID uint64

// AllConns is the Send/Close target meaning every open connection of a tab.
const AllConns ConnID = 0

// Dir is the direction of captured bytes, seen from netassist.
type Dir uint8

const (
	In  Dir = iota // received from the peer
	Out            // sent to the peer
)

func (d Dir) String() string {
	if d == Out {
		return "out"
	}
	return "in"
}

// Kind is the kind of an event; its String is the "event" field of JSON Lines.
type Kind uint8

const (
	KindListen Kind = iota + 1 // a listener is bound (Addr)
	KindOpen                   // a connection opened (Local, Remote)
	KindData                   // bytes crossed the socket (Dir, Data)
	KindClose                  // a connection closed (By, Err)
	KindError                  // something failed outside a connection (Err)
	KindDetail                 // a protocol record (Detail), e.g. "http"
	// KindEOF is a FIN: one direction of a connection ended (Dir In: the
	// peer finished sending; Out: we did), while the other stays open.
	// JSON: {"event":"eof","conn":1,"dir":"in"}.
	KindEOF
)

var kindNames = [...]string{"", "listen", "open", "data", "close", "error", "detail", "eof"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// CloseBy says who closed a connection; its String is the JSON Lines "by"
// field of a close event. The zero value means "not closed".
type CloseBy uint8

// Who closed a connection.
const (
	ByPeer  CloseBy = iota + 1 // the peer: FIN or reset
	ByLocal                    // netassist: the user, a send with close, a failed write
)

var closeByNames = [...]string{"", "peer", "local"}

// String is "peer", "local", or "" for the zero value.
func (b CloseBy) String() string {
	if int(b) < len(closeByNames) {
		return closeByNames[b]
	}
	return "unknown"
}

// Detail is a protocol-level record attached to a KindDetail event, such as
// the web server's parsed view of one HTTP exchange. The engine stores and
// forwards it without looking inside.
type Detail interface {
	// EventName is the JSON "event" field, e.g. "http".
	EventName() string
	// AppendJSONFields appends the record's fields as `,"name":value` pairs.
	AppendJSONFields(dst []byte) []byte
	// Summary is a one-line description for people (already safe to print
	// only after passing through the renderer).
	Summary() string
}

// Event is one thing that happened. Events are delivered to sinks in the
// order the store accepted them; Seq increases by one per event.
type Event struct {
	Seq    uint64
	Time   time.Time
	Tab    Tab
	Kind   Kind
	Conn   ConnID
	Addr   string // KindListen
	Local  string // KindOpen
	Remote string // KindOpen
	// Proto (KindListen, KindOpen) is the transport. JSON: UDP adds
	// "transport":"udp"; TLS adds the "tls" object; TCP adds nothing.
	Proto Proto
	// TLS (KindListen, KindOpen of a TLS listener or connection) is the
	// certificate's fingerprint on listen, the session on open.
	TLS *TLSInfo
	Dir Dir // KindData, KindEOF
	// Data is the exact bytes (KindData). It is owned by the store and must
	// not be modified or retained by sinks past the call.
	Data []byte
	// Omitted counts bytes that crossed the socket but were not kept
	// (a large file body captured as a prefix).
	Omitted int64
	// Truncated (KindData, dir in, UDP) says the datagram was larger than
	// the read buffer: Data holds its first bytes, the rest is lost
	// (JSON "truncated":true).
	Truncated bool
	By        CloseBy // KindClose
	// Unsent (KindClose) counts the last bytes of the connection's data
	// events out that were never written (a write cut short).
	Unsent int64
	Err    string // KindClose (optional), KindError
	Detail Detail // KindDetail
	// Unasked (KindError) says no action of the user's led to the error:
	// a peer's failed TLS handshake, a datagram the system refused, an
	// accept that failed. A UI shows it as it comes (an error that answers
	// an action is that action's result). Not in JSON.
	Unasked bool
}

// Name is the event's "event" field.
func (e *Event) Name() string {
	if e.Kind == KindDetail && e.Detail != nil {
		return e.Detail.EventName()
	}
	return e.Kind.String()
}

// AppendJSON appends e as one JSON object (no trailing newline) with the
// field names fixed by DESIGN.md §3.
func (e *Event) AppendJSON(b []byte) []byte {
	b = append(b, `{"time":"`...)
	b = e.Time.AppendFormat(b, time.RFC3339Nano)
	b = append(b, `","tab":`...)
	b = AppendJSONString(b, string(e.Tab))
	b = append(b, `,"event":`...)
	b = AppendJSONString(b, e.Name())
	if e.Conn != 0 {
		b = append(b, `,"conn":`...)
		b = strconv.AppendUint(b, uint64(e.Conn), 10)
	}
	switch e.Kind {
	case KindListen:
		b = append(b, `,"addr":`...)
		b = AppendJSONString(b, e.Addr)
		b = e.appendTransport(b, false)
	case KindOpen:
		b = append(b, `,"local":`...)
		b = AppendJSONString(b, e.Local)
		b = append(b, `,"remote":`...)
		b = AppendJSONString(b, e.Remote)
		b = e.appendTransport(b, true)
	case KindData:
		b = append(b, `,"dir":"`...)
		b = append(b, e.Dir.String()...)
		b = append(b, `","len":`...)
		b = strconv.AppendInt(b, int64(len(e.Data)), 10)
		b = append(b, `,"data":"`...)
		b = appendBase64(b, e.Data)
		b = append(b, '"')
		if e.Omitted > 0 {
			b = append(b, `,"omitted":`...)
			b = strconv.AppendInt(b, e.Omitted, 10)
		}
		if e.Truncated {
			b = append(b, `,"truncated":true`...)
		}
	case KindEOF:
		b = append(b, `,"dir":"`...)
		b = append(b, e.Dir.String()...)
		b = append(b, '"')
	case KindClose:
		b = append(b, `,"by":"`...)
		b = append(b, e.By.String()...)
		b = append(b, '"')
		if e.Err != "" {
			b = append(b, `,"err":`...)
			b = AppendJSONString(b, e.Err)
		}
		if e.Unsent > 0 {
			b = append(b, `,"unsent":`...)
			b = strconv.AppendInt(b, e.Unsent, 10)
		}
	case KindError:
		b = append(b, `,"msg":`...)
		b = AppendJSONString(b, e.Err)
	case KindDetail:
		if e.Detail != nil {
			b = e.Detail.AppendJSONFields(b)
		}
	}
	return append(b, '}')
}

// appendTransport appends what a listen or open event says of a transport
// other than TCP.
func (e *Event) appendTransport(b []byte, open bool) []byte {
	if e.Proto == ProtoUDP {
		b = append(b, `,"transport":"udp"`...)
	}
	if e.TLS != nil {
		b = e.TLS.appendJSON(b, open)
	}
	return b
}

// AppendJSONString appends s as a JSON string. Invalid UTF-8 is replaced by
// U+FFFD as encoding/json does; bytes that matter exactly travel as base64.
func AppendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20 || c == 0x7f || c == '<' || c == '>' || c == '&':
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, `\u202`...)
			b = append(b, hex[r&0xf])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

// appendBase64 appends the standard base64 of data to b. Headless output
// and --record encode every captured byte: the SIMD encoder
// (github.com/segmentio/asm, AVX2 or NEON, else encoding/base64) ran 12x
// faster than encoding/base64 here (23 vs 1.9 GB/s), and base64 was 39%
// of the recorder's CPU.
func appendBase64(b, data []byte) []byte {
	n := asmbase64.StdEncoding.EncodedLen(len(data))
	b = slices.Grow(b, n)
	asmbase64.StdEncoding.Encode(b[len(b):len(b)+n], data)
	return b[:len(b)+n]
}

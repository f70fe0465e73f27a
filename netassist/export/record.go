package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"time"

	asmbase64 "github.com/segmentio/asm/base64"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist"
)

// recordSource reads a --record file (DESIGN.md §3) line by line.
type recordSource struct {
	r      *bufio.Reader
	line   int  // number of the line just read
	done   bool // io.EOF seen
	report Report
	item   Item

	session int
	seen    map[netassist.ConnID]bool      // connections opened in this session
	offsets map[netassist.ConnID]*[2]int64 // bytes so far per connection, in and out
	jl      jsonLine                       // decoded line, reused
	buf     []byte                         // a line longer than the reader's buffer
	data    []byte                         // decoded data of the last data event
	rest    []byte                         // a data line without its data
}

// FromRecord reads the events of a --record file (JSON Lines, DESIGN.md
// §3) from r, one line at a time, so a record of any size is read in
// bounded memory (plus the longest line). Lines that are not events are
// skipped and counted, as is a last line cut short (Report). "http" events
// become *httpserve.Exchange records with the fields the record carries
// (not RawHead, RawBody or RespHead: the data events hold those bytes).
func FromRecord(r io.Reader) Source {
	return &recordSource{
		r:       bufio.NewReaderSize(r, 1<<20),
		session: 1,
		seen:    make(map[netassist.ConnID]bool),
		offsets: make(map[netassist.ConnID]*[2]int64),
		report:  Report{Sessions: 1},
	}
}

func (s *recordSource) Report() Report { return s.report }

func (s *recordSource) Next() (*Item, error) {
	for !s.done {
		line, err := s.readLine()
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("reading the record: %w", err)
		}
		cut := err == io.EOF // the last line has no line break
		if err == io.EOF {
			s.done = true
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		s.line++
		if ok := s.decode(line); !ok {
			if cut {
				s.report.CutLine, s.report.CutBytes = s.line, len(line)
				continue
			}
			s.report.BadLines++
			if len(s.report.FirstBad) < maxFirstBad {
				s.report.FirstBad = append(s.report.FirstBad, s.line)
			}
			continue
		}
		s.report.Events++
		return &s.item, nil
	}
	return nil, io.EOF
}

// readLine returns the next line without its line break; io.EOF with the
// last bytes when they end without one.
func (s *recordSource) readLine() ([]byte, error) {
	line, err := s.r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		s.buf = append(s.buf[:0], line...)
		for err == bufio.ErrBufferFull {
			line, err = s.r.ReadSlice('\n')
			s.buf = append(s.buf, line...)
		}
		line = s.buf
		if cap(s.buf) > 64<<20 {
			s.buf = nil // don't pin one huge line's buffer
		}
	}
	if err == nil {
		line = line[:len(line)-1]
	}
	return line, err
}

// decode fills s.item from one line; false when the line is not an event.
func (s *recordSource) decode(line []byte) bool {
	jl := &s.jl
	*jl = jsonLine{}
	if !s.decodeData(line) {
		if err := json.Unmarshal(line, jl); err != nil {
			return false
		}
	}
	if jl.Event == "" || jl.Time == "" {
		return false
	}
	t, err := time.Parse(time.RFC3339Nano, jl.Time)
	if err != nil {
		return false
	}
	id := netassist.ConnID(jl.Conn)
	it := &s.item
	*it = Item{Session: s.session}
	e := &it.Event
	*e = netassist.Event{Time: t, Tab: netassist.Tab(jl.Tab), Conn: id}
	switch jl.Event {
	case "listen":
		e.Kind, e.Addr = netassist.KindListen, jl.Addr
		e.Proto, e.TLS = jl.transport()
	case "error":
		e.Kind, e.Err = netassist.KindError, jl.Msg
	case "open":
		if s.seen[id] {
			// IDs start again: a later run appended to the same record.
			s.session++
			s.report.Sessions = s.session
			it.Session = s.session
			clear(s.seen)
			clear(s.offsets)
		}
		s.seen[id] = true
		e.Kind, e.Local, e.Remote = netassist.KindOpen, jl.Local, jl.Remote
		e.Proto, e.TLS = jl.transport()
	case "data":
		dir := netassist.In
		switch jl.Dir {
		case "in":
		case "out":
			dir = netassist.Out
		default:
			return false
		}
		e.Kind, e.Dir, e.Data, e.Omitted, e.Truncated = netassist.KindData, dir, jl.Data, jl.Omitted, jl.Truncated
		off := s.offsets[id]
		if off == nil {
			off = new([2]int64)
			s.offsets[id] = off
		}
		it.Offset = off[dir]
		off[dir] += int64(len(jl.Data)) + jl.Omitted
	case "eof":
		e.Kind, e.Dir = netassist.KindEOF, netassist.In
		switch jl.Dir {
		case "in":
		case "out":
			e.Dir = netassist.Out
		default:
			return false
		}
	case "close":
		e.Kind, e.Err, e.Unsent = netassist.KindClose, jl.Err, jl.Unsent
		switch jl.By {
		case "peer":
			e.By = netassist.ByPeer
		case "local":
			e.By = netassist.ByLocal
		}
	case "http":
		e.Kind, e.Detail = netassist.KindDetail, jl.exchange(t)
	default:
		e.Kind, e.Detail = netassist.KindDetail, unknownDetail(jl.Event)
	}
	return true
}

// dataKey starts the base64 of a data event as netassist writes it.
var dataKey = []byte(`,"data":"`)

// decodeData decodes a line that carries "data" with the base64 taken out
// and decoded apart (SIMD base64, github.com/segmentio/asm): the data
// events are most of a record, and encoding/json's base64 was most of
// the time. false: the line is not of that shape, decode it whole.
func (s *recordSource) decodeData(line []byte) bool {
	i := bytes.Index(line, dataKey)
	if i < 0 {
		return false
	}
	start := i + len(dataKey)
	j := bytes.IndexByte(line[start:], '"')
	if j < 0 {
		return false
	}
	b64 := line[start : start+j]
	n := asmbase64.StdEncoding.DecodedLen(len(b64))
	if cap(s.data) < n {
		s.data = make([]byte, n)
	}
	m, err := asmbase64.StdEncoding.Decode(s.data[:n], b64)
	if err != nil {
		return false
	}
	s.rest = append(append(s.rest[:0], line[:i]...), line[start+j+1:]...)
	if err := json.Unmarshal(s.rest, &s.jl); err != nil {
		return false
	}
	s.jl.Data = s.data[:m:m]
	if cap(s.data) > 64<<20 {
		s.data = nil // don't pin one huge event's buffer
	}
	return true
}

// jsonLine is every field an event line may carry (DESIGN.md §3, and the
// http event's extras: README "JSON Lines").
type jsonLine struct {
	Time   string `json:"time"`
	Tab    string `json:"tab"`
	Event  string `json:"event"`
	Conn   uint64 `json:"conn"`
	Addr   string `json:"addr"`
	Local  string `json:"local"`
	Remote string `json:"remote"`
	Msg    string `json:"msg"`
	// listen, open: UDP and TLS (DESIGN.md §9)
	Transport string   `json:"transport"`
	TLS       *jsonTLS `json:"tls"`
	Truncated bool     `json:"truncated"`
	// data
	Dir     string `json:"dir"`
	Data    []byte `json:"data"`
	Omitted int64  `json:"omitted"`
	// close
	By     string `json:"by"`
	Err    string `json:"err"`
	Unsent int64  `json:"unsent"`
	// http
	Method           string      `json:"method"`
	Target           string      `json:"target"`
	Proto            string      `json:"proto"`
	Headers          [][2]string `json:"headers"`
	Status           int         `json:"status"`
	Encoding         string      `json:"encoding"`
	BodyBytes        int64       `json:"body_bytes"`
	WireBytes        int64       `json:"wire_bytes"`
	ID               uint64      `json:"id"`
	DurationMS       float64     `json:"duration_ms"`
	AcceptEncoding   *string     `json:"accept_encoding"`
	Forced           bool        `json:"forced"`
	Accepted         bool        `json:"accepted"`
	ContentEncoding  string      `json:"content_encoding"`
	Why              string      `json:"why"`
	ClientQ          *float64    `json:"client_q"`
	RefusedIdentity  bool        `json:"refused_identity"`
	Overrode         bool        `json:"overrode"`
	Reply            string      `json:"reply"`
	RespHeaders      [][2]string `json:"resp_headers"`
	InOffset         int64       `json:"in_offset"`
	HeadLen          int64       `json:"head_len"`
	ReqBodyBytes     int64       `json:"req_body_bytes"`
	ReqBodyAnnounced int64       `json:"req_body_announced"`
	ReqBodyCut       bool        `json:"req_body_cut"`
	OutBytes         int64       `json:"out_bytes"`
	Deadline         string      `json:"deadline"`
	HeldMS           int64       `json:"held_ms"`
	Note             string      `json:"note"`
}

// exchange rebuilds the web server's record of an http event recorded at
// t: the same type the store holds, so its Summary (the text transcript)
// and the HAR builder see what they would see in memory.
func (jl *jsonLine) exchange(t time.Time) *httpserve.Exchange {
	d := time.Duration(jl.DurationMS * float64(time.Millisecond))
	ex := &httpserve.Exchange{
		ID:               jl.ID,
		Conn:             netassist.ConnID(jl.Conn),
		Start:            t.Add(-d),
		Duration:         d,
		Method:           jl.Method,
		Target:           jl.Target,
		Proto:            jl.Proto,
		Headers:          fields(jl.Headers),
		HeadLen:          jl.HeadLen,
		ReqBodyLen:       jl.ReqBodyBytes,
		ReqBodyAnnounced: jl.ReqBodyAnnounced,
		ReqBodyCut:       jl.ReqBodyCut,
		InOffset:         jl.InOffset,
		Encoding:         jl.Encoding,
		Forced:           jl.Forced,
		Accepted:         jl.Accepted,
		ContentEncoding:  jl.ContentEncoding,
		Why:              jl.Why,
		ClientQ:          -1,
		RefusedIdentity:  jl.RefusedIdentity,
		Overrode:         jl.Overrode,
		Status:           jl.Status,
		RespHeaders:      fields(jl.RespHeaders),
		BodyBytes:        jl.BodyBytes,
		WireBytes:        jl.WireBytes,
		OutBytes:         jl.OutBytes,
		Reply:            jl.Reply,
		Held:             time.Duration(jl.HeldMS) * time.Millisecond,
		Note:             jl.Note,
	}
	if jl.AcceptEncoding != nil {
		ex.AcceptEncoding, ex.HasAcceptEncoding = *jl.AcceptEncoding, true
	}
	if jl.ClientQ != nil {
		ex.ClientQ = int(*jl.ClientQ*1000 + 0.5)
	}
	if jl.Deadline != "" {
		ex.Deadline, _ = time.Parse(time.RFC3339Nano, jl.Deadline)
	}
	return ex
}

func fields(pairs [][2]string) []httpserve.Field {
	if pairs == nil {
		return nil
	}
	out := make([]httpserve.Field, len(pairs))
	for i, p := range pairs {
		out[i] = httpserve.Field{Name: p[0], Value: p[1]}
	}
	return out
}

// unknownDetail stands for a protocol record this version does not know:
// the text transcript names it, the other formats skip it.
type unknownDetail string

func (u unknownDetail) EventName() string                  { return string(u) }
func (u unknownDetail) AppendJSONFields(dst []byte) []byte { return dst }
func (u unknownDetail) Summary() string                    { return "" }

// jsonTLS is the "tls" object of a listen or open event.
type jsonTLS struct {
	Version     string `json:"version"`
	Cipher      string `json:"cipher"`
	SNI         string `json:"sni"`
	ALPN        string `json:"alpn"`
	Fingerprint string `json:"fingerprint"`
}

// transport is a listen or open event's transport and TLS session.
func (jl *jsonLine) transport() (netassist.Proto, *netassist.TLSInfo) {
	if t := jl.TLS; t != nil {
		return netassist.ProtoTLS, &netassist.TLSInfo{Version: t.Version, Cipher: t.Cipher, SNI: t.SNI, ALPN: t.ALPN, Fingerprint: t.Fingerprint}
	}
	if jl.Transport == "udp" {
		return netassist.ProtoUDP, nil
	}
	return netassist.ProtoTCP, nil
}

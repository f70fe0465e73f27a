package httpserve

import (
	"strconv"
	"strings"
	"time"

	"github.com/netassist/netassist/httpserve/wire"
	"github.com/netassist/netassist/netassist"
)

// Reply kinds: how a request was answered.
const (
	ReplyStatic   = "static"   // served from the root or the demo site
	ReplyCrafted  = "crafted"  // hand-crafted bytes, sent raw
	ReplyTimeout  = "timeout"  // held, and nobody replied in time
	ReplyDropped  = "dropped"  // held, and the connection was closed without a reply
	ReplyGone     = "gone"     // held, and the client went away first
	ReplyShutdown = "shutdown" // held when the server shut down
	ReplyRejected = "rejected" // refused by net/http before any handler (400, 431, 501…)
	// ReplyHeld marks the record published when a request is held, before
	// any reply: a later record with the same ID supersedes it.
	ReplyHeld = "held"
)

// Exchange is the record of one HTTP request and the response to it, the
// "http" event of DESIGN.md §3. It is a netassist.Detail: the server adds
// it to the store once the response is fully written, and it is immutable
// from then on (views read it from Store.Details and type-assert).
type Exchange struct {
	ID    uint64 // per server, from 1; held requests are released by this ID
	Conn  netassist.ConnID
	Start time.Time // when the handler started (rejected: when net/http answered)
	// Duration runs from Start until the response was flushed.
	Duration time.Duration

	// Request, parsed from the raw bytes (not from net/http's view).
	Method, Target, Proto string
	Headers               []Field // wire order, original case
	// RawHead is the exact request head: request line through the empty
	// line. HeadTruncated says it is not all of it: longer than what is
	// kept (MaxHeaderBytes+4 KiB), or never finished (a rejected request).
	RawHead       []byte
	HeadTruncated bool
	HeadLen       int64 // head bytes on the wire
	// RawBody is the request body as received, chunk framing included
	// (at most 64 KiB; ReqBodyLen counts it all).
	RawBody    []byte
	ReqBodyLen int64
	// ReqBodyAnnounced is the request's Content-Length (0 or -1: none, or
	// a chunked body whose length is not announced). ReqBodyCut says the
	// body never arrived whole: the server answered without reading it
	// and closed, and only ReqBodyLen bytes reached the capture (those
	// net/http read, then what the lingering close read).
	ReqBodyAnnounced int64
	ReqBodyCut       bool
	// InOffset is the offset of the request's first byte in the
	// connection's inbound stream: RawHead and RawBody are the bytes at
	// [InOffset, InOffset+HeadLen+ReqBodyLen) of what the peer sent.
	InOffset int64

	// Content coding: what the client said, what was sent.
	AcceptEncoding    string // the Accept-Encoding values, joined with ", "
	HasAcceptEncoding bool   // the request carried Accept-Encoding
	Encoding          string // coding sent: "identity", "gzip", "deflate", "br", "zstd"
	Forced            bool   // Encoding was imposed by the server's setting (identity too)
	Accepted          bool   // the client's Accept-Encoding allows Encoding
	// ContentEncoding is the Content-Encoding field the response carried,
	// "" when it had none (RFC 9110 §8.4: no field means identity).
	ContentEncoding string
	// Why says in one word why Encoding was chosen (WhyNegotiated,
	// WhyForced, …), for a UI to put in words.
	Why string
	// ClientQ is the weight the client gave Encoding, in thousandths
	// (1000 = q=1, 0 = refused); -1 when it sent no Accept-Encoding.
	// Identity neither listed nor refused is acceptable by default (RFC
	// 9110 §12.5.3): 1000.
	ClientQ int
	// RefusedIdentity: the client refused an unencoded body
	// ("identity;q=0", or "*;q=0" without identity listed).
	RefusedIdentity bool
	// Overrode: the choice went against the client: a coding it does not
	// accept, or identity though it refused identity.
	Overrode bool

	// Response, parsed from the bytes actually written.
	Status      int
	RespHead    []byte  // status line through the empty line, exactly as sent
	RespHeaders []Field // as sent, in order
	BodyBytes   int64   // response body before encoding
	WireBytes   int64   // response body after encoding (chunk framing excluded)
	OutBytes    int64   // every byte written for this exchange

	Reply string        // ReplyStatic, ReplyCrafted, …
	Held  time.Duration // time spent waiting in hold mode
	// Deadline is when a held request (ReplyHeld) times out.
	Deadline time.Time
	Note     string // a short remark for people ("not found", "hold timed out after 1m0s")

	// Building state, owned by the handler until the record is added.
	raw         *rawRequest // guarded by the conn's mu
	respDone    bool        // RespHead is complete (guarded by the conn's mu)
	handlerDone bool        // guarded by the conn's mu
}

// EventName implements netassist.Detail.
func (e *Exchange) EventName() string { return "http" }

// AppendJSONFields implements netassist.Detail: the fields fixed by
// DESIGN.md §3 first, then extras.
func (e *Exchange) AppendJSONFields(b []byte) []byte {
	b = append(b, `,"method":`...)
	b = netassist.AppendJSONString(b, e.Method)
	b = append(b, `,"target":`...)
	b = netassist.AppendJSONString(b, e.Target)
	b = append(b, `,"proto":`...)
	b = netassist.AppendJSONString(b, e.Proto)
	b = append(b, `,"headers":`...)
	b = appendFields(b, e.Headers)
	b = append(b, `,"status":`...)
	b = strconv.AppendInt(b, int64(e.Status), 10)
	b = append(b, `,"encoding":`...)
	b = netassist.AppendJSONString(b, e.Encoding)
	b = append(b, `,"body_bytes":`...)
	b = strconv.AppendInt(b, e.BodyBytes, 10)
	b = append(b, `,"wire_bytes":`...)
	b = strconv.AppendInt(b, e.WireBytes, 10)

	b = append(b, `,"id":`...)
	b = strconv.AppendUint(b, e.ID, 10)
	b = append(b, `,"duration_ms":`...)
	b = strconv.AppendFloat(b, float64(e.Duration.Microseconds())/1000, 'f', -1, 64)
	if e.HasAcceptEncoding {
		b = append(b, `,"accept_encoding":`...)
		b = netassist.AppendJSONString(b, e.AcceptEncoding)
	}
	b = append(b, `,"forced":`...)
	b = strconv.AppendBool(b, e.Forced)
	b = append(b, `,"accepted":`...)
	b = strconv.AppendBool(b, e.Accepted)
	if e.ContentEncoding != "" {
		b = append(b, `,"content_encoding":`...)
		b = netassist.AppendJSONString(b, e.ContentEncoding)
	}
	if e.Why != "" {
		b = append(b, `,"why":`...)
		b = netassist.AppendJSONString(b, e.Why)
	}
	if e.ClientQ >= 0 && e.HasAcceptEncoding {
		b = append(b, `,"client_q":`...)
		b = strconv.AppendFloat(b, float64(e.ClientQ)/1000, 'f', -1, 64)
	}
	if e.RefusedIdentity {
		b = append(b, `,"refused_identity":true`...)
	}
	if e.Overrode {
		b = append(b, `,"overrode":true`...)
	}
	b = append(b, `,"reply":`...)
	b = netassist.AppendJSONString(b, e.Reply)
	b = append(b, `,"resp_headers":`...)
	b = appendFields(b, e.RespHeaders)
	b = append(b, `,"in_offset":`...)
	b = strconv.AppendInt(b, e.InOffset, 10)
	b = append(b, `,"head_len":`...)
	b = strconv.AppendInt(b, e.HeadLen, 10)
	b = append(b, `,"req_body_bytes":`...)
	b = strconv.AppendInt(b, e.ReqBodyLen, 10)
	if e.ReqBodyAnnounced > 0 {
		b = append(b, `,"req_body_announced":`...)
		b = strconv.AppendInt(b, e.ReqBodyAnnounced, 10)
	}
	if e.ReqBodyAnnounced > 0 || e.ReqBodyCut || e.ReqBodyLen > 0 {
		b = append(b, `,"req_body_kept":`...)
		b = strconv.AppendInt(b, e.ReqBodyLen, 10)
	}
	if e.ReqBodyCut {
		b = append(b, `,"req_body_cut":true`...)
	}
	b = append(b, `,"out_bytes":`...)
	b = strconv.AppendInt(b, e.OutBytes, 10)
	if !e.Deadline.IsZero() {
		b = append(b, `,"deadline":`...)
		b = netassist.AppendJSONString(b, e.Deadline.UTC().Format(time.RFC3339Nano))
	}
	if e.Held > 0 {
		b = append(b, `,"held_ms":`...)
		b = strconv.AppendInt(b, e.Held.Milliseconds(), 10)
	}
	if e.Note != "" {
		b = append(b, `,"note":`...)
		b = netassist.AppendJSONString(b, e.Note)
	}
	return b
}

func appendFields(b []byte, fields []Field) []byte {
	b = append(b, '[')
	for i, f := range fields {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = netassist.AppendJSONString(b, f.Name)
		b = append(b, ',')
		b = netassist.AppendJSONString(b, f.Value)
		b = append(b, ']')
	}
	return append(b, ']')
}

// Summary implements netassist.Detail: one line such as
// "GET /style.css → 200 gzip 2048→731".
func (e *Exchange) Summary() string {
	var sb strings.Builder
	method, target := e.Method, e.Target
	if method == "" {
		method = "?"
	}
	sb.WriteString(method)
	if target != "" {
		sb.WriteByte(' ')
		sb.WriteString(target)
	}
	sb.WriteString(" → ")
	if e.Status != 0 {
		sb.WriteString(strconv.Itoa(e.Status))
	} else {
		sb.WriteString("—")
	}
	switch e.Reply {
	case ReplyStatic, "":
	default:
		sb.WriteByte(' ')
		sb.WriteString(e.Reply)
	}
	enc := e.Encoding
	if enc == "" {
		enc = string(EncodingIdentity)
	}
	sb.WriteByte(' ')
	sb.WriteString(enc)
	if e.Forced {
		if e.Accepted {
			sb.WriteString(" (forced)")
		} else {
			sb.WriteString(" (forced, not accepted)")
		}
	}
	sb.WriteByte(' ')
	sb.WriteString(strconv.FormatInt(e.BodyBytes, 10))
	if enc != string(EncodingIdentity) {
		sb.WriteString("→")
		sb.WriteString(strconv.FormatInt(e.WireBytes, 10))
	}
	return sb.String()
}

// maxRespHead bounds the response head kept in a record.
const maxRespHead = 64 << 10

// out attributes n bytes written for this exchange (b kept, omitted not)
// and collects the response head, skipping 1xx interim responses. Called
// with the conn's mu held.
func (e *Exchange) out(b []byte, omitted int64) {
	e.OutBytes += int64(len(b)) + omitted
	if e.respDone {
		return
	}
	if len(e.RespHead) == 0 {
		// Usually a write holds the whole head, often with the body
		// after it: keep exactly the head, without copying the body.
		for {
			n := wire.HeadEnd(b[:min(len(b), maxRespHead)])
			if n < 0 {
				break
			}
			if code := headStatus(b[:n]); code >= 100 && code < 200 {
				b = b[n:]
				continue
			}
			e.RespHead = append(make([]byte, 0, n), b[:n]...)
			e.respDone = true
			return
		}
	}
	room := maxRespHead - len(e.RespHead)
	if room <= 0 {
		e.respDone = true
		return
	}
	e.RespHead = append(e.RespHead, b[:min(len(b), room)]...)
	for {
		n := wire.HeadEnd(e.RespHead)
		if n < 0 {
			return
		}
		if code := headStatus(e.RespHead[:n]); code >= 100 && code < 200 {
			e.RespHead = append(e.RespHead[:0], e.RespHead[n:]...)
			continue
		}
		e.RespHead = e.RespHead[:n:n]
		e.respDone = true
		return
	}
}

// seal moves the request's raw bytes into the record; the framer stops
// copying body bytes for it. Called with the conn's mu held.
func (e *Exchange) seal() {
	r := e.raw
	if r == nil {
		return
	}
	r.sealed = true
	e.RawBody = r.body
	e.ReqBodyLen = r.frame.BodyLen
	e.ReqBodyAnnounced = -1
	if f := r.frame; f.HeadDone {
		if f.Body.Framing == wire.FramingLength {
			e.ReqBodyAnnounced = f.Body.Length
		}
		e.ReqBodyCut = !f.Done && f.Body.Framing != wire.FramingClose
	}
}

// headStatus is the status code of a response head (0 if its start line
// is not a status line), read from its first line only.
func headStatus(head []byte) int {
	l := wire.CutLine(head, wire.SkipEmptyLines(head))
	st, _ := wire.ParseStatusLine(string(head[l.Off:l.End()]))
	return st.Code
}

// Reasons for the content coding of a response (Exchange.Why).
const (
	WhyNegotiated       = "negotiated"         // chosen from the client's Accept-Encoding
	WhyForced           = "forced"             // imposed by the server's --encoding setting
	WhyNoAcceptEncoding = "no-accept-encoding" // the client sent none: identity, as curl without --compressed expects
	WhyNotCompressible  = "not-compressible"   // a type or size not worth encoding, or no file served
	WhyRange            = "range"              // a Range request: never encoded
	WhyStatus           = "status"             // not a 200 response (304, 206, an error): sent as it is
	WhyCrafted          = "crafted"            // a hand-crafted reply: its own header says
)

// noteClient records what the client asked for against what was chosen.
func (e *Exchange) noteClient(ae acceptEncoding) {
	e.ClientQ = -1
	if ae.present {
		e.ClientQ = ae.statedQ(Encoding(e.Encoding))
		e.RefusedIdentity = ae.q(EncodingIdentity) == 0
	}
	e.Overrode = ae.present && e.ClientQ == 0
}

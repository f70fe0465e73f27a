package export

import (
	"fmt"
	"math"
	"net"
	"net/http"
	"time"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/httpserve/wire"
)

// buildEntry makes the HAR entry of ex, an exchange of connection k whose
// recent bytes c holds: the request from the http record (headers in wire
// order, as parsed from the raw bytes), its body from the inbound bytes at
// the record's offsets, the response from the last OutBytes bytes sent
// (the record is written once its response is), timings from when those
// bytes crossed the socket.
func buildEntry(k connKey, c *harConn, ex *httpserve.Exchange, o HAROptions) harEntry {
	reqFrom := ex.InOffset
	bodyFrom := reqFrom + ex.HeadLen
	reqTo := bodyFrom + ex.ReqBodyLen
	outTo := c.out.end
	outFrom := outTo - ex.OutBytes

	e := harEntry{
		Request:    buildRequest(c, ex, bodyFrom, reqTo),
		Connection: k.label(),
		NetAssist: harExtra{
			Conn: k.label(), ID: ex.ID, Local: c.local, Remote: c.remote,
			Reply: ex.Reply, Encoding: ex.Encoding, Why: ex.Why, Forced: ex.Forced, Accepted: ex.Accepted,
			BodyBytes: ex.BodyBytes, WireBytes: ex.WireBytes, OutBytes: ex.OutBytes,
			InOffset: ex.InOffset, HeadLen: ex.HeadLen, ReqBodyBytes: ex.ReqBodyLen, ReqBodyCut: ex.ReqBodyCut,
			DurationMS: ms(ex.Duration), Note: ex.Note,
		},
	}
	if ex.HasAcceptEncoding {
		ae := ex.AcceptEncoding
		e.NetAssist.AcceptEncoding = &ae
	}
	if host, _, err := net.SplitHostPort(c.local); err == nil {
		if ip := net.ParseIP(host); ip != nil {
			e.ServerIPAddress = ip.String()
		}
	}
	var missing bool
	e.Response, missing = buildResponse(c, ex, outFrom, outTo, o)
	e.NetAssist.ResponseMissing = missing
	e.ResourceType = resourceType(e.Response.Content.MimeType)
	if ex.Reply == httpserve.ReplyHeld {
		e.Comment = "still held when the capture ended: no response"
	} else if ex.Note != "" {
		e.Comment = ex.Note
	}

	// Timings, from the server's side: send is the request arriving (its
	// first to its last byte), wait until the first response byte was
	// written, receive until the last one was.
	start, okStart := c.in.timeAt(reqFrom)
	reqEnd, okReqEnd := c.in.timeAt(reqTo - 1)
	respStart, okResp := c.out.timeAt(outFrom)
	respEnd, okRespEnd := c.out.timeAt(outTo - 1)
	if !okStart {
		start = ex.Start
	}
	t := harTimings{Blocked: -1, DNS: -1, Connect: -1, SSL: -1}
	if okStart && okReqEnd {
		t.Send = msBetween(start, reqEnd)
	} else {
		reqEnd = start
	}
	switch {
	case ex.OutBytes > 0 && okResp:
		t.Wait = msBetween(reqEnd, respStart)
		if okRespEnd {
			t.Receive = msBetween(respStart, respEnd)
		}
	case ex.Reply != httpserve.ReplyHeld:
		t.Wait = ms(ex.Duration)
		t.Comment = "from the handler's duration: the bytes' times are not in the capture"
	}
	e.Timings = t
	e.Time = round3(t.Send + t.Wait + t.Receive)
	e.StartedDateTime = start.Format("2006-01-02T15:04:05.000Z07:00")
	return e
}

// buildRequest is the request part of ex's entry; its body is the inbound
// bytes [bodyFrom, reqTo).
func buildRequest(c *harConn, ex *httpserve.Exchange, bodyFrom, reqTo int64) harRequest {
	r := harRequest{
		Method:      ex.Method,
		URL:         requestURL(ex, c.local, c.tls),
		HTTPVersion: ex.Proto,
		Cookies:     requestCookies(ex.Headers),
		Headers:     nameValues(ex.Headers),
		QueryString: queryString(ex.Target),
		HeadersSize: ex.HeadLen,
		BodySize:    ex.ReqBodyLen,
	}
	if ex.HeadLen == 0 {
		r.HeadersSize = -1
	}
	if ex.ReqBodyLen == 0 && !ex.ReqBodyCut {
		return r
	}
	body, whole := c.in.get(bodyFrom, reqTo)
	if !whole && int64(len(ex.RawBody)) == ex.ReqBodyLen {
		body, whole = ex.RawBody, true // the store's record keeps small bodies
	}
	pd := &harPostData{MimeType: headerValue(ex.Headers, "Content-Type")}
	if isChunked(ex) {
		data, _, done, _ := wire.Dechunk(body)
		body = data
		whole = whole && done
	}
	if ce := headerValue(ex.Headers, "Content-Encoding"); ce != "" && whole {
		if dec, err := wire.Decode(ce, body); err == nil {
			body = dec
		}
	}
	pd.Text, pd.Encoding = textOrBase64(body, pd.MimeType)
	if pd.Encoding == "" && isForm(pd.MimeType) {
		pd.Params = formParams(pd.Text)
	}
	switch {
	case ex.ReqBodyCut:
		pd.Comment = fmt.Sprintf("the body never arrived whole (%d of %d bytes announced)", ex.ReqBodyLen, ex.ReqBodyAnnounced)
	case !whole:
		pd.Comment = fmt.Sprintf("only %d of the body's %d bytes are in the capture", len(body), ex.ReqBodyLen)
	}
	if pd.Encoding != "" {
		pd.Comment = joinComment(pd.Comment, "text is base64: the body is not UTF-8 text")
	}
	r.PostData = pd
	return r
}

// buildResponse is the response part of ex's entry, read from the
// outbound bytes [outFrom, outTo) when the capture has them; missing says
// it has not and the record's fields had to do.
func buildResponse(c *harConn, ex *httpserve.Exchange, outFrom, outTo int64, o HAROptions) (harResponse, bool) {
	r := harResponse{
		Status:       ex.Status,
		StatusText:   http.StatusText(ex.Status),
		HTTPVersion:  ex.Proto,
		Headers:      nameValues(ex.RespHeaders),
		HeadersSize:  -1,
		BodySize:     ex.WireBytes,
		TransferSize: ex.OutBytes,
		Content:      harContent{Size: ex.BodyBytes, MimeType: headerValue(ex.RespHeaders, "Content-Type")},
	}
	r.Cookies = responseCookies(ex.RespHeaders)
	r.RedirectURL = headerValue(ex.RespHeaders, "Location")
	if ex.Encoding != "" && ex.Encoding != string(httpserve.EncodingIdentity) {
		saved := ex.BodyBytes - ex.WireBytes
		r.Content.Compression = &saved
	}
	if ex.Status == 0 {
		r.StatusText = ""
	}
	if ex.OutBytes == 0 {
		if r.Content.MimeType == "" {
			r.Content.MimeType = "x-unknown"
		}
		return r, false
	}
	win, whole := c.out.get(outFrom, outTo)
	m := finalResponse(win, ex.Method)
	if m == nil {
		r.Comment = "the response bytes are not in the capture"
		if r.Content.MimeType == "" {
			r.Content.MimeType = "x-unknown"
		}
		return r, true
	}
	st := m.Head.Start
	r.StatusText, r.HTTPVersion = st.Reason, st.Proto
	if r.Status == 0 {
		r.Status = st.Code
	}
	if len(r.Headers) == 0 {
		r.Headers = nameValues(m.Head.Fields)
		r.Cookies = responseCookies(m.Head.Fields)
		r.RedirectURL = headerValue(m.Head.Fields, "Location")
		r.Content.MimeType = headerValue(m.Head.Fields, "Content-Type")
	}
	r.HeadersSize = int64(m.HeadLen)
	r.BodySize = ex.OutBytes - int64(m.Off+m.HeadLen)
	fillContent(&r.Content, m, whole && m.Done(true), o)
	if r.Content.MimeType == "" {
		r.Content.MimeType = "x-unknown"
	}
	return r, false
}

// finalResponse frames the bytes written for one exchange and returns its
// final response (interim 1xx ones skipped; a 101 counts), nil if there is
// none.
func finalResponse(win []byte, method string) *wire.Message {
	if len(win) == 0 {
		return nil
	}
	done, partial, _ := wire.ParseResponses(win, method)
	if partial != nil {
		done = append(done, partial)
	}
	for _, m := range done {
		if m.Head == nil || !m.Head.Complete {
			continue
		}
		if code := m.Head.Start.Code; code >= 100 && code < 200 && code != 101 {
			continue
		}
		return m
	}
	return nil
}

// fillContent puts the response body of m, decoded, in c: as text when it
// is text, else base64. whole says the capture has every body byte.
func fillContent(c *harContent, m *wire.Message, whole bool, o HAROptions) {
	if len(m.WireBody) == 0 && whole {
		return
	}
	if !whole {
		c.Comment = "the body is not in the capture whole (a file sent with sendfile is kept as a prefix)"
		return
	}
	enc := m.ContentEncoding()
	body, err := wire.DecodeLimit(enc, m.Body, o.MaxBodyText)
	if err != nil {
		c.Comment = fmt.Sprintf("the body does not decode as \"%s\": %v", enc, err)
		return
	}
	c.Size = int64(len(body))
	if enc != "" && enc != string(httpserve.EncodingIdentity) {
		saved := int64(len(body)) - int64(len(m.Body))
		c.Compression = &saved
	}
	c.Text, c.Encoding = textOrBase64(body, c.MimeType)
}

// ms is d in milliseconds to the microsecond, as the http event's
// duration_ms says it (so a HAR from the store and one from the record
// agree).
func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// msBetween is b-a in milliseconds, never negative.
func msBetween(a, b time.Time) float64 { return max(ms(b.Sub(a)), 0) }

// round3 rounds to a microsecond's precision, in milliseconds.
func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

func joinComment(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

package wire

import "strconv"

// ParseAll frames b as a whole stream that has ended — a file given to
// annotate or check, a finished capture — rather than one still arriving:
// requests or responses as its first bytes say (IsResponse), methods as in
// ParseResponses. Its end is the connection's close, so a body framed by
// the close is complete, and what the end cut short is a finding of the
// last message: a head without its empty line (no-blank-line), a body
// shorter than its Content-Length (content-length-mismatch), a chunked
// body without its last chunk (bad-chunked). Bytes after the last message
// that do not start another are a finding too: more body than
// Content-Length says (content-length-mismatch, "says 20, the body has
// 46 bytes"), a body where none is allowed (body-not-allowed: 1xx, 204,
// 304, a reply to HEAD), or a request body without Content-Length or
// Transfer-Encoding (body-without-length) — see startsMessage for what
// counts as another message. msgs is every message, the last one possibly
// incomplete; rest is the offset of the bytes no message took (len(b)
// when all were), and err says why they were not (ErrNotHTTP,
// ErrHeaderTooLarge) or is nil. Bytes that start no message at all (a bad
// start line) are returned as a last Message whose head holds them, with
// its findings, and err ErrNotHTTP.
func ParseAll(b []byte, methods ...string) (msgs []*Message, rest int, err error) {
	return parseAll(b, true, methods)
}

// ParsePrefix frames b as the first bytes of a longer stream — a window
// cut at a size limit — as ParseAll does, except that the end of b is not
// the end of the stream: the last message may be unfinished without a
// finding (no content-length-mismatch, no-blank-line or missing last
// chunk), and nothing after it is judged.
func ParsePrefix(b []byte, methods ...string) (msgs []*Message, rest int, err error) {
	return parseAll(b, false, methods)
}

// parseAll is ParseAll (closed: b ends where the stream ended) and
// ParsePrefix (not closed).
func parseAll(b []byte, closed bool, methods []string) (msgs []*Message, rest int, err error) {
	s := &Splitter{Response: IsResponse(b), Methods: methods, MaxHead: MaxHeaderBytes}
	done, partial, err := parse(s, b)
	msgs = done
	rest = len(b)
	if partial != nil {
		if closed {
			s.Close()
			partial.finish(s.Frame(), b)
		}
		msgs = append(msgs, partial)
	}
	if closed && (err == ErrIncomplete || err == ErrNotHTTP) && len(msgs) > 0 {
		last := msgs[len(msgs)-1]
		rest = last.Off + last.Len
		if extra := len(b) - rest; extra <= 0 {
			return msgs, len(b), err
		} else if f, ok := overrun(last, rest, extra, b[rest:], s.Response); ok {
			last.Findings = append(last.Findings, f)
			return msgs, rest, ErrNotHTTP
		}
	}
	if err == ErrIncomplete {
		// A head that never ended: a message of its own, all findings.
		f := s.Frame()
		s.Close()
		m := &Message{Off: int(f.Off), Len: len(b) - int(f.Off), HeadLen: len(b) - int(f.Off), ContentLength: -1,
			Head: ParseHead(b[f.Off:])}
		m.Findings = shift(m.Head.Findings, f.Off)
		if closed {
			m.Findings = append(m.Findings, Finding{Code: CodeNoBlankLine, Severity: Error, Off: int64(len(b))})
		}
		return append(msgs, m), len(b), nil
	}
	if err == nil {
		return msgs, rest, nil
	}
	rest = 0
	if len(msgs) > 0 {
		last := msgs[len(msgs)-1]
		rest = last.Off + last.Len
	}
	// What follows is no message: show it as one, with what is wrong with
	// its head (a bad start line, most often), so nothing goes unsaid.
	h := ParseHead(b[rest:])
	m := &Message{Off: rest, Len: len(b) - rest, HeadLen: len(h.Raw), Head: h, ContentLength: -1,
		Findings: shift(h.Findings, int64(rest))}
	if err == ErrHeaderTooLarge {
		// The head goes on past what a server reads (net/http answers
		// 431): say so, as the Splitter's frame does; its body's framing
		// is not known (FramingClose, as the frame's).
		m.Framing = FramingClose
		m.Findings = append(m.Findings, Finding{Code: CodeHeadTooLarge, Severity: Error,
			Off: int64(rest + MaxHeaderBytes), Args: []string{strconv.Itoa(MaxHeaderBytes)}})
	}
	if !h.Complete && closed {
		m.Findings = append(m.Findings, Finding{Code: CodeNoBlankLine, Severity: Error, Off: int64(len(b))})
	}
	return append(msgs, m), len(b), err
}

// overrun says what the extra bytes after the last message are when they
// do not start another message: more body than Content-Length says
// ("says 20, the body has 46 bytes"), a body where none is allowed (1xx,
// 204, 304, a reply to HEAD), or a request body sent without
// Content-Length or Transfer-Encoding. ok is false when none applies.
func overrun(last *Message, rest, extra int, tail []byte, response bool) (f Finding, ok bool) {
	if startsMessage(tail, response) || last.Head == nil || last.Tunnel {
		return Finding{}, false
	}
	switch {
	case last.Framing == FramingLength:
		return Finding{Code: CodeCLMismatch, Severity: Error, Off: int64(rest),
			Args: []string{strconv.FormatInt(last.ContentLength, 10), strconv.FormatInt(last.ContentLength+int64(extra), 10)}}, true
	case last.Framing == FramingNone && !last.Head.Start.Request:
		return Finding{Code: CodeBodyNotAllowed, Severity: Error, Off: int64(rest), Args: []string{strconv.Itoa(extra)}}, true
	case last.Framing == FramingNone && last.Head.StartOK:
		return Finding{Code: CodeBodyNoLength, Severity: Error, Off: int64(rest), Args: []string{strconv.Itoa(extra)}}, true
	}
	return Finding{}, false
}

// startsMessage reports whether b (bytes after a message, to the end of
// the stream) begins another message rather than more body: for responses
// a prefix of "HTTP/1.", for requests a first line with a space after a
// token (a method), as "GET /x" does and "a=1&b=2" does not.
func startsMessage(b []byte, response bool) bool {
	b = b[SkipEmptyLines(b):]
	if response {
		const proto = "HTTP/1."
		n := min(len(b), len(proto))
		return n > 0 && string(b[:n]) == proto[:n]
	}
	for i, c := range b {
		switch {
		case c == ' ':
			return i > 0
		case !tokenChar[c]:
			return false
		}
	}
	return false
}

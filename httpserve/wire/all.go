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
// 46 bytes"), or a body where none is allowed (body-not-allowed: 1xx, 204,
// 304, a reply to HEAD). msgs is every message, the last one possibly
// incomplete; rest is the offset of the bytes no message took (len(b)
// when all were), and err says why they were not (ErrNotHTTP,
// ErrHeaderTooLarge) or is nil. Bytes that start no message at all (a bad
// start line) are returned as a last Message whose head holds them, with
// its findings, and err ErrNotHTTP.
func ParseAll(b []byte, methods ...string) (msgs []*Message, rest int, err error) {
	s := &Splitter{Response: IsResponse(b), Methods: methods, MaxHead: MaxHeaderBytes}
	done, partial, err := parse(s, b)
	msgs = done
	rest = len(b)
	if partial != nil {
		s.Close()
		partial.finish(s.Frame(), b)
		msgs = append(msgs, partial)
	}
	if err == ErrIncomplete {
		// A head that never ended: a message of its own, all findings.
		f := s.Frame()
		s.Close()
		m := &Message{Off: int(f.Off), Len: len(b) - int(f.Off), HeadLen: len(b) - int(f.Off), ContentLength: -1,
			Head: ParseHead(b[f.Off:])}
		m.Findings = shift(m.Head.Findings, f.Off)
		m.Findings = append(m.Findings, Finding{Code: CodeNoBlankLine, Severity: Error, Off: int64(len(b))})
		return append(msgs, m), len(b), nil
	}
	if err == nil {
		return msgs, rest, nil
	}
	if len(msgs) > 0 {
		last := msgs[len(msgs)-1]
		rest = last.Off + last.Len
		extra := len(b) - rest
		switch {
		case extra <= 0:
			return msgs, len(b), err
		case last.Framing == FramingLength:
			last.Findings = append(last.Findings, Finding{Code: CodeCLMismatch, Severity: Error, Off: int64(rest),
				Args: []string{strconv.FormatInt(last.ContentLength, 10), strconv.FormatInt(last.ContentLength+int64(extra), 10)}})
			return msgs, rest, err
		case last.Framing == FramingNone && !last.Tunnel && last.Head != nil && !last.Head.Start.Request:
			last.Findings = append(last.Findings, Finding{Code: CodeBodyNotAllowed, Severity: Error, Off: int64(rest),
				Args: []string{strconv.Itoa(extra)}})
			return msgs, rest, err
		}
	} else {
		rest = 0
	}
	// What follows is no message: show it as one, with what is wrong with
	// its head (a bad start line, most often), so nothing goes unsaid.
	h := ParseHead(b[rest:])
	m := &Message{Off: rest, Len: len(b) - rest, HeadLen: len(h.Raw), Head: h, ContentLength: -1,
		Findings: shift(h.Findings, int64(rest))}
	if !h.Complete {
		m.Findings = append(m.Findings, Finding{Code: CodeNoBlankLine, Severity: Error, Off: int64(len(b))})
	}
	return append(msgs, m), len(b), err
}

package export

// The HAR 1.2 objects below the log (HAR writes the log itself, entry by
// entry) (http://www.softwareishard.com/blog/har-12-spec/,
// as the npm registry's har-schema encodes them), in the field order the
// spec lists. Custom fields start with "_", as the spec allows; the
// "_resourceType" and "_transferSize" ones are those Chromium DevTools
// reads when it imports a HAR.

type harCreator struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type harEntry struct {
	StartedDateTime string      `json:"startedDateTime"`
	Time            float64     `json:"time"`
	Request         harRequest  `json:"request"`
	Response        harResponse `json:"response"`
	Cache           struct{}    `json:"cache"`
	Timings         harTimings  `json:"timings"`
	ServerIPAddress string      `json:"serverIPAddress,omitempty"`
	Connection      string      `json:"connection,omitempty"`
	Comment         string      `json:"comment,omitempty"`
	ResourceType    string      `json:"_resourceType,omitempty"`
	NetAssist       harExtra    `json:"_netassist"`
}

type harRequest struct {
	Method      string         `json:"method"`
	URL         string         `json:"url"`
	HTTPVersion string         `json:"httpVersion"`
	Cookies     []harCookie    `json:"cookies"`
	Headers     []harNameValue `json:"headers"`
	QueryString []harNameValue `json:"queryString"`
	PostData    *harPostData   `json:"postData,omitempty"`
	HeadersSize int64          `json:"headersSize"`
	BodySize    int64          `json:"bodySize"`
	Comment     string         `json:"comment,omitempty"`
}

type harResponse struct {
	Status       int            `json:"status"`
	StatusText   string         `json:"statusText"`
	HTTPVersion  string         `json:"httpVersion"`
	Cookies      []harCookie    `json:"cookies"`
	Headers      []harNameValue `json:"headers"`
	Content      harContent     `json:"content"`
	RedirectURL  string         `json:"redirectURL"`
	HeadersSize  int64          `json:"headersSize"`
	BodySize     int64          `json:"bodySize"`
	Comment      string         `json:"comment,omitempty"`
	TransferSize int64          `json:"_transferSize"`
}

type harNameValue struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type harCookie struct {
	Name     string `json:"name"`
	Value    string `json:"value"`
	Path     string `json:"path,omitempty"`
	Domain   string `json:"domain,omitempty"`
	Expires  string `json:"expires,omitempty"`
	HTTPOnly bool   `json:"httpOnly,omitempty"`
	Secure   bool   `json:"secure,omitempty"`
}

type harPostData struct {
	MimeType string         `json:"mimeType"`
	Params   []harNameValue `json:"params,omitempty"`
	Text     string         `json:"text"`
	Comment  string         `json:"comment,omitempty"`
	// Encoding is "base64" when Text holds a body that is not UTF-8 text
	// (HAR 1.2 has the field on content only; tools that know it, such as
	// Chromium, read it here too).
	Encoding string `json:"_encoding,omitempty"`
}

type harContent struct {
	Size        int64  `json:"size"`
	Compression *int64 `json:"compression,omitempty"`
	MimeType    string `json:"mimeType"`
	Text        string `json:"text,omitempty"`
	Encoding    string `json:"encoding,omitempty"`
	Comment     string `json:"comment,omitempty"`
}

// harTimings are in milliseconds. blocked, dns, connect and ssl are -1: a
// server does not see them; send, wait and receive are what the capture
// shows (see timings).
type harTimings struct {
	Blocked float64 `json:"blocked"`
	DNS     float64 `json:"dns"`
	Connect float64 `json:"connect"`
	Send    float64 `json:"send"`
	Wait    float64 `json:"wait"`
	Receive float64 `json:"receive"`
	SSL     float64 `json:"ssl"`
	Comment string  `json:"comment,omitempty"`
}

// harExtra is netassist's own view of the exchange, under "_netassist":
// the http event's fields a HAR has no place for.
type harExtra struct {
	Conn            string  `json:"conn"`
	ID              uint64  `json:"id"`
	Local           string  `json:"local,omitempty"`
	Remote          string  `json:"remote,omitempty"`
	Reply           string  `json:"reply,omitempty"`
	Encoding        string  `json:"encoding,omitempty"`
	Why             string  `json:"why,omitempty"`
	Forced          bool    `json:"forced,omitempty"`
	Accepted        bool    `json:"accepted"`
	AcceptEncoding  *string `json:"accept_encoding,omitempty"`
	BodyBytes       int64   `json:"body_bytes"`
	WireBytes       int64   `json:"wire_bytes"`
	OutBytes        int64   `json:"out_bytes"`
	InOffset        int64   `json:"in_offset"`
	HeadLen         int64   `json:"head_len"`
	ReqBodyBytes    int64   `json:"req_body_bytes"`
	ReqBodyCut      bool    `json:"req_body_cut,omitempty"`
	DurationMS      float64 `json:"duration_ms"`
	Note            string  `json:"note,omitempty"`
	ResponseMissing bool    `json:"response_bytes_missing,omitempty"`
}

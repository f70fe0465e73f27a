package picker

import (
	"fmt"
	"strings"

	"github.com/netassist/netassist/tui/i18n"
)

// Request methods the picker offers.
const (
	GET = iota
	HEAD
	POST
	numMethods
)

// Picker rows after the methods: the two options.
const (
	rowClose = numMethods + iota
	rowGzip
	numRows
)

// Template is what the Client tab's send pane is pre-filled with: an
// HTTP/1.1 request whose Host is the address typed in the address field.
type Template struct {
	Method int  // GET, HEAD or POST
	Close  bool // Connection: close (else keep-alive)
	Gzip   bool // Accept-Encoding: gzip
}

// Text returns the request as typed in the editor: LF line breaks, which
// the send pane's CRLF option (on by default) sends as CRLF, so the
// Content-Length of the POST body is right as sent.
func (r Template) Text(t *i18n.ClientText, addr string) string {
	host := strings.TrimSpace(addr)
	if host == "" {
		host = t.DefaultHost
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s / HTTP/1.1\n", r.method(t))
	fmt.Fprintf(&b, "Host: %s\n", host)
	fmt.Fprintf(&b, "User-Agent: %s\n", t.TemplateAgent)
	fmt.Fprintf(&b, "Accept: %s\n", t.TemplateAccept)
	if r.Gzip {
		b.WriteString("Accept-Encoding: gzip\n")
	}
	body := ""
	if r.Method == POST {
		body = t.TemplateForm
		b.WriteString("Content-Type: application/x-www-form-urlencoded\n")
		fmt.Fprintf(&b, "Content-Length: %d\n", len(body))
	}
	if r.Close {
		b.WriteString("Connection: close\n")
	} else {
		b.WriteString("Connection: keep-alive\n")
	}
	b.WriteString("\n")
	b.WriteString(body)
	return b.String()
}

func (r Template) method(t *i18n.ClientText) string {
	return [...]string{t.TemplateGET, t.TemplateHEAD, t.TemplatePOST}[r.Method]
}

// Name describes the template for the status line.
func (r Template) Name(t *i18n.ClientText) string {
	parts := []string{r.method(t)}
	if r.Close {
		parts = append(parts, "Connection: close")
	} else {
		parts = append(parts, "Connection: keep-alive")
	}
	if r.Gzip {
		parts = append(parts, "Accept-Encoding: gzip")
	}
	return strings.Join(parts, " · ")
}

package tui

import (
	"fmt"
	"strings"

	"github.com/netassist/netassist/tui/common"
	"github.com/netassist/netassist/tui/i18n"
	"github.com/netassist/netassist/tui/styles"
)

// Request methods the template picker offers.
const (
	tmplGET = iota
	tmplHEAD
	tmplPOST
	numTmplMethods
)

// Picker rows after the methods: the two options.
const (
	pickClose = numTmplMethods + iota
	pickGzip
	numPickRows
)

// requestTemplate is what the send pane is pre-filled with: an HTTP/1.1
// request whose Host is the address typed in the address field.
type requestTemplate struct {
	method int
	close  bool // Connection: close (else keep-alive)
	gzip   bool // Accept-Encoding: gzip
}

// text returns the request as typed in the editor: LF line breaks, which
// the send pane's CRLF option (on by default) sends as CRLF, so the
// Content-Length of the POST body is right as sent.
func (r requestTemplate) text(t *i18n.ClientText, addr string) string {
	host := strings.TrimSpace(addr)
	if host == "" {
		host = t.DefaultHost
	}
	method := [...]string{t.TemplateGET, t.TemplateHEAD, t.TemplatePOST}[r.method]
	var b strings.Builder
	fmt.Fprintf(&b, "%s / HTTP/1.1\n", method)
	fmt.Fprintf(&b, "Host: %s\n", host)
	fmt.Fprintf(&b, "User-Agent: %s\n", t.TemplateAgent)
	fmt.Fprintf(&b, "Accept: %s\n", t.TemplateAccept)
	if r.gzip {
		b.WriteString("Accept-Encoding: gzip\n")
	}
	body := ""
	if r.method == tmplPOST {
		body = t.TemplateForm
		b.WriteString("Content-Type: application/x-www-form-urlencoded\n")
		fmt.Fprintf(&b, "Content-Length: %d\n", len(body))
	}
	if r.close {
		b.WriteString("Connection: close\n")
	} else {
		b.WriteString("Connection: keep-alive\n")
	}
	b.WriteString("\n")
	b.WriteString(body)
	return b.String()
}

// name describes the template for the status line.
func (r requestTemplate) name(t *i18n.ClientText) string {
	parts := []string{[...]string{t.TemplateGET, t.TemplateHEAD, t.TemplatePOST}[r.method]}
	if r.close {
		parts = append(parts, "Connection: close")
	} else {
		parts = append(parts, "Connection: keep-alive")
	}
	if r.gzip {
		parts = append(parts, "Accept-Encoding: gzip")
	}
	return strings.Join(parts, " · ")
}

// templatePicker is the small modal list alt+t opens: a method, and two
// options toggled in place.
type templatePicker struct {
	open bool
	sel  int
	tmpl requestTemplate // what enter applies
}

func (p *templatePicker) move(d int) {
	p.sel = min(max(p.sel+d, 0), numPickRows-1)
}

// toggle flips the option under the cursor, or picks the method.
func (p *templatePicker) toggle() {
	switch {
	case p.sel < numTmplMethods:
		p.tmpl.method = p.sel
	case p.sel == pickClose:
		p.tmpl.close = !p.tmpl.close
	case p.sel == pickGzip:
		p.tmpl.gzip = !p.tmpl.gzip
	}
}

// rows renders the picker's rows, the cursor row reversed.
func (p *templatePicker) rows(s *styles.Styles, t *i18n.ClientText, w int) []string {
	labels := []string{t.PickGET, t.PickHEAD, t.PickPOST, t.PickClose, t.PickGzip}
	out := make([]string, 0, len(labels))
	for i, l := range labels {
		var mark string
		switch {
		case i < numTmplMethods && p.tmpl.method == i:
			mark = "(•) "
		case i < numTmplMethods:
			mark = "( ) "
		case (i == pickClose && p.tmpl.close) || (i == pickGzip && p.tmpl.gzip):
			mark = "[x] "
		default:
			mark = "[ ] "
		}
		line := common.PadLine(" "+mark+l, w)
		if i == p.sel {
			line = s.Selected.Render(line)
		}
		out = append(out, line)
	}
	return out
}

package web

import (
	"fmt"
	"net"
)

// HTTPS (issue 16): a web server started with --tls says so in the tab
// bar and on the address line, and shows its certificate's SHA-256
// fingerprint whole — in the start status (wrapped) and under the empty
// request list — so a class can compare it with the browser's.

// fingerprint is the certificate's fingerprint, "" for plain HTTP.
func (t *Model) fingerprint() string {
	if t.web == nil {
		return ""
	}
	return t.web.TLSFingerprint()
}

// Badge is the tab bar's word after the tab's name: HTTPS when it is.
func (t *Model) Badge() string {
	if t.fingerprint() == "" {
		return ""
	}
	return t.C.Text.Transport.HTTPS
}

// startedStatus is the status once the server listens on addr.
func (t *Model) startedStatus(addr net.Addr) string {
	if fp := t.fingerprint(); fp != "" {
		return fmt.Sprintf(t.C.Text.Transport.WebHTTPSStatus, addr, fp)
	}
	return fmt.Sprintf(t.C.Text.Web.StartedStatus, addr)
}

// emptyHTTPS is the empty list's text on HTTPS: how to ask, and the
// fingerprint on the line under it.
func (t *Model) emptyHTTPS(fp string) string {
	tt := &t.C.Text.Transport
	return fmt.Sprintf(tt.NoRequestsTLS, t.listening) + "\n" + fmt.Sprintf(tt.WebHTTPS, fp)
}

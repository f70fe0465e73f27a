package common

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/tui/i18n"
)

// tlsRefusal connects to a TLS test server with cfg and returns the
// *netassist.TLSError the connect failed with.
func tlsRefusal(t *testing.T, ts *httptest.Server, cfg *tls.Config) (*netassist.TLSError, string) {
	t.Helper()
	addr := strings.TrimPrefix(ts.URL, "https://")
	c := &netassist.Client{Store: netassist.NewStore(0), Transport: netassist.ProtoTLS, TLS: cfg}
	defer c.Close()
	err := c.Connect(context.Background(), addr)
	te, ok := errors.AsType[*netassist.TLSError](err)
	if !ok || te.Refusal == nil {
		t.Fatalf("connect: %v, want a refused certificate", err)
	}
	return te, addr
}

// A refused certificate is said in Chinese in the Chinese UI (breaker-2
// D9: 无法连接：tls …: certificate refused: signed by an unknown
// authority …), the flags named as they are typed; English is the error's
// own text.
func TestErrTextCertificateRefused(t *testing.T) {
	ts := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	ts.Config.ErrorLog = log.New(io.Discard, "", 0)
	ts.StartTLS()
	defer ts.Close()
	en, zh := withLang(i18n.LangEnglish), withLang(i18n.LangChinese)

	te, addr := tlsRefusal(t, ts, nil)
	if got := ErrText(en, te); got != te.Error() {
		t.Errorf("English: %q, the error says %q", got, te.Error())
	}
	want := "tls " + addr + "：证书被拒绝：签发者不受信任（O=Acme Co，自签名）；用 --cacert FILE 信任它，或用 --insecure 跳过检查"
	if got := ErrText(zh, te); got != want {
		t.Errorf("unknown authority in Chinese:\n got %q\nwant %q", got, want)
	}

	pool := x509.NewCertPool()
	pool.AddCert(ts.Certificate())
	te, _ = tlsRefusal(t, ts, &tls.Config{RootCAs: pool, ServerName: "wrong.test"})
	if got := ErrText(en, te); got != te.Error() {
		t.Errorf("English: %q, the error says %q", got, te.Error())
	}
	got := ErrText(zh, te)
	if !strings.Contains(got, "证书被拒绝：主机名不符：证书是给 example.com, *.example.com, 127.0.0.1, ::1 的，不是 wrong.test（--sni NAME") || strings.Contains(got, "refused") {
		t.Errorf("wrong host in Chinese: %q", got)
	}

	// Every kind's English catalogue text is the refusal's own.
	ent := i18n.English().Errors
	for _, r := range []*netassist.CertRefusal{
		{Kind: netassist.CertWrongHost, Host: "h"},
		{Kind: netassist.CertWrongHost, Host: "h", CommonName: "cn"},
		{Kind: netassist.CertWrongHost, Host: "h", Names: []string{"a", "b"}},
		{Kind: netassist.CertUnknownAuthority, Issuer: "CN=x", SelfSigned: true},
		{Kind: netassist.CertInvalid, Reason: "expired on 2020-01-01"},
		{Kind: netassist.CertOther, Reason: "x"},
	} {
		if got := certRefusalText(&ent, r); got != r.String() {
			t.Errorf("%+v: catalogue %q, refusal %q", r, got, r.String())
		}
	}
}

// The engine's unasked errors (breaker-2 D9: shown since D8, in English)
// are framed from the catalogue; English is the engine's own text.
func TestEngineErrText(t *testing.T) {
	en, zh := withLang(i18n.LangEnglish), withLang(i18n.LangChinese)
	ent := i18n.English().Errors
	for _, tc := range []struct{ in, zh string }{
		{"TLS handshake with 127.0.0.1:41032 failed: tls: first record does not look like a TLS handshake",
			"与 127.0.0.1:41032 的 TLS 握手失败：对方发来的第一条记录不是 TLS 握手（发的是明文 HTTP？）"},
		{"TLS handshake with 127.0.0.1:5 failed: read: connection reset by peer",
			"与 127.0.0.1:5 的 TLS 握手失败：read: 连接被对方重置"},
		{"conn 2: datagram of 2 bytes not sent: write: network is unreachable",
			"连接 2：2 字节的数据报没有发出：write: 网络不可达"},
		{"accept tcp 127.0.0.1:80: permission denied; retrying in 5ms",
			"accept tcp 127.0.0.1:80: 权限不足；5ms 后重试"},
		{"read udp 127.0.0.1:9: input/output error; still reading",
			"read udp 127.0.0.1:9: 输入/输出错误；继续读取"},
	} {
		if got := EngineErrText(en, tc.in); got != tc.in {
			t.Errorf("English changed %q to %q", tc.in, got)
		}
		if got := EngineErrText(zh, tc.in); got != tc.zh {
			t.Errorf("%q in Chinese:\n got %q\nwant %q", tc.in, got, tc.zh)
		}
	}
	// The English frames are the engine's.
	if got := fmt.Sprintf(ent.HandshakeWith, "a", "b"); got != netassist.HandshakeError(fakeAddr("a"), errors.New("b")) {
		t.Errorf("HandshakeWith: %q", got)
	}
	if got := ent.NotTLS; got != (tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake"}).Error() {
		t.Errorf("NotTLS: %q", got)
	}
}

type fakeAddr string

func (a fakeAddr) Network() string { return "tcp" }
func (a fakeAddr) String() string  { return string(a) }

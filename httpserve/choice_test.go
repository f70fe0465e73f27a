package httpserve

import (
	"strings"
	"testing"
)

// TestEncodingChoiceRecorded: what the record says about the content
// coding is what went out, and why, against what the client asked.
func TestEncodingChoiceRecorded(t *testing.T) {
	dir, _ := siteDir(t)
	ts := startServer(t, Config{Root: dir})
	tests := []struct {
		name     string
		setting  Encoding
		path, ae string // ae "-": no Accept-Encoding
		enc, ce  string // coding chosen; Content-Encoding sent
		why      string
		forced   bool
		q        int
		refused  bool
		overrode bool
		json     []string // substrings of the JSON fields
		nojson   []string
	}{
		{name: "negotiated", setting: EncodingAuto, path: "/page.txt", ae: "gzip;q=0.5, br",
			enc: "br", ce: "br", why: WhyNegotiated, q: 1000,
			json: []string{`"content_encoding":"br"`, `"why":"negotiated"`, `"client_q":1`, `"forced":false`}},
		{name: "forced identity", setting: EncodingIdentity, path: "/page.txt", ae: "gzip",
			enc: "identity", why: WhyForced, forced: true, q: 1000,
			json: []string{`"forced":true`, `"encoding":"identity"`}, nojson: []string{`content_encoding`, `"client_q":0.001`}},
		{name: "no accept-encoding", setting: EncodingAuto, path: "/page.txt", ae: "-",
			enc: "identity", why: WhyNoAcceptEncoding, q: -1, nojson: []string{`content_encoding`, `client_q`}},
		{name: "client refused identity, nothing else offered", setting: EncodingAuto, path: "/page.txt", ae: "*;q=0",
			enc: "identity", why: WhyNegotiated, refused: true, overrode: true,
			json: []string{`"refused_identity":true`, `"overrode":true`, `"client_q":0`}},
		{name: "identity;q=0 on a tiny file", setting: EncodingAuto, path: "/tiny.css", ae: "identity;q=0, gzip",
			enc: "identity", why: WhyNotCompressible, refused: true, overrode: true},
		{name: "forced not accepted", setting: EncodingZstd, path: "/page.txt", ae: "gzip",
			enc: "zstd", ce: "zstd", why: WhyForced, forced: true, overrode: true},
		{name: "not found", setting: EncodingGzip, path: "/nope", ae: "gzip",
			enc: "identity", why: WhyNotCompressible, q: 1000, nojson: []string{`"client_q":0.001`}},
		{name: "identity listed with a low weight", setting: EncodingIdentity, path: "/page.txt", ae: "gzip, identity;q=0.001",
			enc: "identity", why: WhyForced, forced: true, q: 1, json: []string{`"client_q":0.001`}},
	}
	for i, tt := range tests {
		if err := ts.srv.SetEncoding(tt.setting); err != nil {
			t.Fatal(err)
		}
		var hdr []string
		if tt.ae != "-" {
			hdr = []string{"Accept-Encoding", tt.ae}
		}
		resp, _ := ts.get(tt.path, hdr...)
		if got := resp.Header.Get("Content-Encoding"); got != tt.ce {
			t.Errorf("%s: sent Content-Encoding %q, want %q", tt.name, got, tt.ce)
		}
		ex := ts.waitExchanges(i + 1)[i]
		if ex.Encoding != tt.enc || ex.ContentEncoding != tt.ce || ex.Why != tt.why || ex.Forced != tt.forced ||
			ex.RefusedIdentity != tt.refused || ex.Overrode != tt.overrode || (tt.q != 0 && ex.ClientQ != tt.q) {
			t.Errorf("%s: enc %q ce %q why %q forced %v q %d refused %v overrode %v", tt.name,
				ex.Encoding, ex.ContentEncoding, ex.Why, ex.Forced, ex.ClientQ, ex.RefusedIdentity, ex.Overrode)
		}
		js := string(ex.AppendJSONFields(nil))
		for _, s := range tt.json {
			if !strings.Contains(js, s) {
				t.Errorf("%s: JSON lacks %s: %s", tt.name, s, js)
			}
		}
		for _, s := range tt.nojson {
			if strings.Contains(js, s) {
				t.Errorf("%s: JSON has %s: %s", tt.name, s, js)
			}
		}
		for _, f := range ex.RespHeaders {
			if strings.EqualFold(f.Name, "Content-Encoding") && tt.ce == "" {
				t.Errorf("%s: recorded a Content-Encoding %q that was not sent", tt.name, f.Value)
			}
		}
	}
}

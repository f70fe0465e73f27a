package export

import (
	"bytes"
	"context"
	"testing"

	"github.com/netassist/netassist/netassist"
)

// A record of UDP and TLS events exports to the text headless printed:
// the transport, the TLS session and fingerprint, truncation survive.
func TestTextKeepsTransports(t *testing.T) {
	st := netassist.NewStore(0)
	var jsonl, text bytes.Buffer
	tf := netassist.NewTextFormat()
	st.AddSink(netassist.SinkFunc(func(e *netassist.Event) {
		jsonl.Write(e.AppendJSON(nil))
		jsonl.WriteByte('\n')
		text.Write(tf.Format(nil, e))
	}))
	st.RecordListenProto(netassist.TabServer, "127.0.0.1:9", netassist.ProtoUDP, nil)
	id := st.RecordOpenProto(netassist.TabServer, "127.0.0.1:9", "127.0.0.1:5000", netassist.ProtoUDP, nil)
	st.RecordDatagram(id, netassist.In, []byte("abc"), true)
	st.RecordDatagram(id, netassist.In, nil, false)
	st.RecordClose(id, netassist.ByLocal, nil)
	st.RecordListenProto(netassist.TabWeb, "127.0.0.1:443", netassist.ProtoTLS, &netassist.TLSInfo{Fingerprint: "AB:CD"})
	ti := &netassist.TLSInfo{Version: "TLS 1.3", Cipher: "TLS_AES_128_GCM_SHA256", SNI: "localhost", ALPN: "http/1.1"}
	w := st.RecordOpenProto(netassist.TabWeb, "127.0.0.1:443", "127.0.0.1:5001", netassist.ProtoTLS, ti)
	st.RecordData(w, netassist.In, []byte("GET / HTTP/1.1\r\n\r\n"), 0)

	var got bytes.Buffer
	if _, err := Text(context.Background(), &got, FromRecord(bytes.NewReader(jsonl.Bytes()))); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), text.Bytes()) {
		t.Fatalf("export:\n%s\nheadless:\n%s", got.Bytes(), text.Bytes())
	}
	for _, want := range []string{"listening on udp 127.0.0.1:9", "UDP peer", "truncated", "in  0 bytes", "forgotten by local",
		"certificate SHA-256 fingerprint AB:CD", "TLS: TLS 1.3, TLS_AES_128_GCM_SHA256, SNI localhost, ALPN http/1.1; data shown decrypted"} {
		if !bytes.Contains(got.Bytes(), []byte(want)) {
			t.Errorf("text lacks %q:\n%s", want, got.Bytes())
		}
	}
}

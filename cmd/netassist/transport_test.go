package main

import (
	"context"
	"encoding/base64"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/tlsconf"
)

// TestTransportFlagsParse checks DESIGN.md §2's --udp and --tls lines and
// their settings, before and after the argument.
func TestTransportFlagsParse(t *testing.T) {
	dir := t.TempDir()
	cert, err := tlsconf.SelfSigned([]string{"localhost"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile := filepath.Join(dir, "c.pem"), filepath.Join(dir, "k.pem")
	os.WriteFile(certFile, cert.CertPEM, 0o644)
	os.WriteFile(keyFile, cert.KeyPEM, 0o600)

	type result struct {
		proto netassist.Proto
		udp   netassist.UDPOptions
		split int64
		cert  bool // --cert loaded
		ca    bool // a client configuration with roots
		sni   string
		insec bool
	}
	for _, tc := range []struct {
		args string
		want result
	}{
		{"server --udp", result{proto: netassist.ProtoUDP}},
		{"--udp -l 127.0.0.1:0", result{proto: netassist.ProtoUDP}},
		{"client 127.0.0.1:9 --udp", result{proto: netassist.ProtoUDP}},
		{"client --udp=true --broadcast 255.255.255.255:9", result{proto: netassist.ProtoUDP, udp: netassist.UDPOptions{Broadcast: true}}},
		{"server --udp --join 239.1.2.3 --iface lo -l 0.0.0.0:5000", result{proto: netassist.ProtoUDP, udp: netassist.UDPOptions{Group: "239.1.2.3", Interface: "lo"}}},
		{"client 239.1.2.3:5000 --udp --ttl 4 --no-loop --iface=lo", result{proto: netassist.ProtoUDP, udp: netassist.UDPOptions{TTL: 4, NoLoop: true, Interface: "lo"}}},
		{"client --udp --split 1400 --send-file " + certFile + " 127.0.0.1:9", result{proto: netassist.ProtoUDP, split: 1400}},
		{"web --tls", result{proto: netassist.ProtoTLS}},
		{"server --tls --cert " + certFile + " --key=" + keyFile, result{proto: netassist.ProtoTLS, cert: true}},
		{"web --tls --cert-out " + filepath.Join(dir, "out.pem"), result{proto: netassist.ProtoTLS}},
		{"client --tls 127.0.0.1:8443 --insecure", result{proto: netassist.ProtoTLS, insec: true}},
		{"client --tls --cacert " + certFile + " --sni localhost 127.0.0.1:8443", result{proto: netassist.ProtoTLS, ca: true, sni: "localhost"}},
	} {
		var got result
		code := execute(context.Background(), strings.Fields(tc.args), &strings.Builder{}, &strings.Builder{}, func(_ context.Context, o *options) error {
			got = result{proto: o.transport(), udp: o.udp.options(), split: o.udp.split.n, cert: o.tls.cert != nil}
			if c := o.tls.client; c != nil {
				got.ca, got.sni, got.insec = c.RootCAs != nil, c.ServerName, c.InsecureSkipVerify
			}
			return nil
		})
		if code != 0 || got != tc.want {
			t.Errorf("netassist %s: exit %d\n got %+v\nwant %+v", tc.args, code, got, tc.want)
		}
	}
}

func TestTransportUsageErrors(t *testing.T) {
	for _, tc := range []struct{ args, want string }{
		{"client --udp --tls 127.0.0.1:9", "--udp and --tls cannot be used together"},
		{"server --broadcast", "--broadcast needs --udp"},
		{"server --join 239.1.2.3", "--join needs --udp"},
		{"server --udp --join 10.0.0.1", "not a multicast group address"},
		{"client --udp --ttl 300 127.0.0.1:9", "--ttl must be between"},
		{"client --udp --split 1400 127.0.0.1:9", "--split needs --send"},
		{"client --udp --split 70000 --send x 127.0.0.1:9", "--split must be between"},
		{"web --udp", "unknown flag: --udp"},
		{"web --join 239.1.2.3", "unknown flag: --join"},
		{"server --cert c.pem", "--cert needs --tls"},
		{"client --insecure 127.0.0.1:9", "--insecure needs --tls"},
		{"server --tls --cert c.pem", "--cert and --key go together"},
		{"client --tls --insecure --cacert x 127.0.0.1:9", "cannot be used together"},
		{"client --cert x 127.0.0.1:9", "unknown flag: --cert"},
		{"server --sni x", "unknown flag: --sni"},
	} {
		_, code, _, stderr := parse(t, strings.Fields(tc.args)...)
		if code != exitUsage || !strings.Contains(stderr, tc.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("netassist %s: exit %d, stderr %q; want 2 and one line with %q", tc.args, code, stderr, tc.want)
		}
	}
}

// TestHeadlessUDP runs a headless UDP server and a headless UDP client:
// each datagram one event, the reply back, "transport":"udp".
func TestHeadlessUDP(t *testing.T) {
	srv := start(t, "server", "--udp", "--headless", "--format", "jsonl", "-l", "127.0.0.1:0", "--reply", `pong\n`)
	ev, _ := srv.event()
	if ev["event"] != "listen" || ev["transport"] != "udp" {
		t.Fatalf("first event %v", ev)
	}
	addr := ev["addr"].(string)
	out, err := exec.Command(binary, "client", "--udp", addr, "--headless", "--format", "jsonl",
		"--send", `ping {{seq}}`, "--repeat", "5ms", "--count", "3", "--wait", "300ms", "--expect-reply").CombinedOutput()
	if err != nil {
		t.Fatalf("client: %v\n%s", err, out)
	}
	var ins []string
	for range 5 { // open, in, out (the reply to the first), in, in
		ev, _ := srv.event()
		if ev["event"] == "data" && ev["dir"] == "in" {
			b, _ := base64.StdEncoding.DecodeString(ev["data"].(string))
			ins = append(ins, string(b))
		}
		if ev["event"] == "open" && ev["transport"] != "udp" {
			t.Fatalf("open %v", ev)
		}
	}
	if strings.Join(ins, "|") != "ping 1|ping 2|ping 3" {
		t.Fatalf("datagrams %q", ins)
	}
	if !strings.Contains(string(out), `"dir":"in","len":5,"data":"cG9uZwo="`) {
		t.Fatalf("client output lacks the reply:\n%s", out)
	}
	if code := srv.stop(); code != 0 {
		t.Fatalf("server exit %d", code)
	}
}

// TestHeadlessTLS runs netassist server --tls with --cert-out and a
// client --tls trusting that file: plaintext both ways, fingerprints
// equal; a wrong name is refused in one line.
func TestHeadlessTLS(t *testing.T) {
	certOut := filepath.Join(t.TempDir(), "cert.pem")
	srv := start(t, "server", "--tls", "--cert-out", certOut, "--headless", "--format", "jsonl", "-l", "127.0.0.1:0", "--reply", `hello over TLS\n`)
	ev, _ := srv.event()
	tlsInfo, _ := ev["tls"].(map[string]any)
	if ev["event"] != "listen" || tlsInfo == nil || len(tlsInfo["fingerprint"].(string)) != 95 {
		t.Fatalf("first event %v", ev)
	}
	addr := ev["addr"].(string)
	out, err := exec.Command(binary, "client", "--tls", "--cacert", certOut, addr, "--headless", "--format", "jsonl",
		"--send", `hi\n`, "--wait", "300ms", "--expect-reply").CombinedOutput()
	if err != nil {
		t.Fatalf("client: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), `"fingerprint":"`+tlsInfo["fingerprint"].(string)+`"`) ||
		!strings.Contains(string(out), `"data":"aGVsbG8gb3ZlciBUTFMK"`) {
		t.Fatalf("client output:\n%s", out)
	}
	open, _ := srv.event()
	in, _ := srv.event()
	if open["event"] != "open" || open["tls"] == nil || in["data"] != "aGkK" {
		t.Fatalf("server events %v %v", open, in)
	}
	out, err = exec.Command(binary, "client", "--tls", "--cacert", certOut, "--sni", "wrong.example", addr, "--headless").CombinedOutput()
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	last := lines[len(lines)-1]
	if err == nil || !strings.HasPrefix(last, "netassist: tls "+addr+": certificate refused: wrong host name: it is for localhost, 127.0.0.1, ::1, not wrong.example") {
		t.Fatalf("wrong name: %v\n%s", err, out)
	}
	srv.stop()
}

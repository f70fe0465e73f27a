package main

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// evil is text from outside (a certificate's name, a file name, an
// argument) that would clear the screen, reverse the text after it and
// start an 8-bit CSI if it reached the terminal raw; evilShown is how the
// renderer (netassist/render) writes it: escaped, nothing stripped.
const (
	evil      = "ev\u202eil\x1b[2Jx\x9bc\x01"
	evilShown = `ev\u{202E}il\x1B[2Jx\x9Bc\x01`
	// A certificate's name is valid UTF-8: the 8-bit CSI as a rune.
	certEvil      = "ev\u202eil\x1b[2Jx\u009bc"
	certEvilShown = `ev\u{202E}il\x1B[2Jx\u{009B}c`
)

// checkTerminalSafe fails unless out is lines of valid UTF-8 holding no
// control or non-graphic character.
func checkTerminalSafe(t *testing.T, what, out string) {
	t.Helper()
	for i, r := range out {
		if r == utf8.RuneError || (r != '\n' && (r < 0x20 || r == 0x7f || !strconv.IsGraphic(r))) {
			t.Errorf("%s: %U at %d reaches the terminal raw: %q", what, r, i, out)
			return
		}
	}
}

// Every one-line message on stderr, and every line that carries a name
// from outside, goes through the one renderer: escaped, never stripped
// (fang's error writer used to strip escape sequences, so the message
// named a different host than the real one).
func TestStderrEscapesOutsideText(t *testing.T) {
	dir := t.TempDir()
	addr := tlsServerNamed(t, certEvil)
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string // on stderr
	}{
		{"certificate", []string{"client", "--tls", addr, "--headless", "--send", "x", "--wait", "1s"}, 1, "common name " + certEvilShown},
		{"file-argument", []string{"annotate", filepath.Join(dir, "a"+evil)}, 1, "a" + evilShown},
		{"file-flag", []string{"server", "--headless", "--reply-file", filepath.Join(dir, "r"+evil)}, 1, "r" + evilShown},
		// Not host:port ("[" starts an IPv6 literal): a usage error.
		{"address", []string{"client", evil + ":80", "--headless", "--send", "x"}, 2, evilShown},
		{"host", []string{"client", "ev\u202eil\x1b:80", "--headless", "--send", "x"}, 1, `ev\u{202E}il\x1B`},
		{"command", []string{"se" + evil}, 2, `unknown command "se` + evilShown + `"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			cmd := exec.Command(binary, tc.args...)
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			cmd.Run()
			code := cmd.ProcessState.ExitCode()
			es := stderr.String()
			if code != tc.code || !strings.Contains(es, tc.want) || strings.Count(es, "\n") != 1 {
				t.Errorf("exit %d, stderr %q; want exit %d and one line holding %q", code, es, tc.code, tc.want)
			}
			checkTerminalSafe(t, "stderr", es)
			checkTerminalSafe(t, "stdout", stdout.String())
		})
	}
}

// tlsServerNamed serves TLS on 127.0.0.1 with a self-signed certificate
// whose only name is the legacy common name cn; it answers nothing.
func tlsServerNamed(t *testing.T, cn string) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	l, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func(c net.Conn) {
				defer c.Close()
				c.SetDeadline(time.Now().Add(5 * time.Second))
				c.(*tls.Conn).Handshake()
			}(c)
		}
	}()
	return l.Addr().String()
}

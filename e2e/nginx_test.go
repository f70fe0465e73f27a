//go:build e2e

package e2e

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// startNginx runs nginx in the foreground (no daemon, no master process, so
// it runs as whoever runs the test, root included) serving root on a free
// loopback port, with every path it writes inside a temporary directory. It
// returns the address. nginx cannot bind port 0, so a port is picked by
// binding it in Go and letting it go; if nginx then loses the race for it,
// another port is tried.
func startNginx(t *testing.T, root string) string {
	t.Helper()
	return startNginxWith(t, root, "", "")
}

// startNginxWith is startNginx with listen options ("ssl") and more
// server directives (ssl_certificate …).
func startNginxWith(t *testing.T, root, listenOpts, serverExtra string) string {
	t.Helper()
	bin := requireTool(t, "nginx")
	var lastErr string
	for attempt := 0; attempt < 5; attempt++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close()

		dir := t.TempDir()
		conf := filepath.Join(dir, "nginx.conf")
		err = os.WriteFile(conf, []byte(fmt.Sprintf(`daemon off;
master_process off;
worker_processes 1;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log info;
events { worker_connections 64; }
http {
	access_log off;
	client_body_temp_path %[1]s/client_body;
	proxy_temp_path %[1]s/proxy;
	fastcgi_temp_path %[1]s/fastcgi;
	uwsgi_temp_path %[1]s/uwsgi;
	scgi_temp_path %[1]s/scgi;
	default_type text/html;
	server {
		listen %[2]s %[4]s;
		server_name localhost;
		root %[3]s;
		index index.html;
		%[5]s
	}
}
`, dir, addr, root, listenOpts, serverExtra)), 0o644)
		if err != nil {
			t.Fatal(err)
		}
		var stderr lockedBuffer
		cmd := exec.Command(bin, "-p", dir, "-c", conf, "-e", filepath.Join(dir, "error.log"))
		cmd.Stdout, cmd.Stderr = &stderr, &stderr
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		if err := cmd.Start(); err != nil {
			t.Fatalf("starting nginx: %v", err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		stop := func() {
			syscall.Kill(-cmd.Process.Pid, syscall.SIGQUIT)
			select {
			case <-exited:
			case <-time.After(5 * time.Second):
				syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
				<-exited
			}
		}
		deadline := time.Now().Add(10 * time.Second)
		for {
			select {
			case <-exited:
				log, _ := os.ReadFile(filepath.Join(dir, "error.log"))
				lastErr = fmt.Sprintf("nginx exited (%v): %s\n%s", cmd.ProcessState, stderr.String(), log)
			default:
				if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
					c.Close()
					t.Cleanup(stop)
					return addr
				}
				if time.Now().After(deadline) {
					stop()
					t.Fatalf("nginx did not accept connections on %s within 10s: %s", addr, stderr.String())
				}
				time.Sleep(20 * time.Millisecond)
				continue
			}
			break
		}
		t.Logf("attempt %d: %s", attempt+1, lastErr)
	}
	t.Fatalf("nginx could not be started: %s", lastErr)
	return ""
}

// TestNginxClientMode points netassist's client mode at a real nginx: the
// hand-written request goes out byte for byte and the raw reply netassist
// captures is nginx's, status line, Server header and the file's exact body.
func TestNginxClientMode(t *testing.T) {
	announce(t, "netassist client → nginx: request sent as typed, raw reply (status, Server: nginx, body) captured")
	requireTool(t, "nginx")
	root := t.TempDir()
	// Bytes a sloppy capture would mangle: CRLF and LF, a tab, UTF-8, an
	// ESC (the sanitizer must not touch the jsonl data), a trailing space.
	body := []byte("<!doctype html>\r\n<title>e2e</title>\n<p>\tnetassist · 网络调试助手 \x1b[31m</p> \n")
	if err := os.WriteFile(filepath.Join(root, "index.html"), body, 0o644); err != nil {
		t.Fatal(err)
	}
	addr := startNginx(t, root)

	req := "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
	na := startNetassist(t, "client", addr, "--send", `GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`)
	select {
	case <-na.exited:
	case <-time.After(30 * time.Second):
		t.Fatalf("netassist client did not exit after nginx closed; stderr: %s", na.stderr)
	}
	if code := na.cmd.ProcessState.ExitCode(); code != 0 {
		t.Errorf("exit code %d, want 0; stderr: %s", code, na.stderr)
	}
	evs := na.log.snapshot()
	conn := 0
	for _, e := range evs {
		if e.Event == "open" {
			conn = e.Conn
			if e.Remote != addr {
				t.Errorf("open event remote %q, want %q", e.Remote, addr)
			}
			break
		}
	}
	if conn == 0 {
		t.Fatalf("no open event:\n%s", dumpEvents(evs))
	}
	if out := stream(evs, conn, "out"); string(out) != req {
		t.Errorf("sent %q, want %q", out, req)
	}
	reply := stream(evs, conn, "in")
	if !bytes.HasPrefix(reply, []byte("HTTP/1.1 200 OK\r\n")) {
		t.Fatalf("raw reply does not start with the status line:\n%q", reply)
	}
	i := bytes.Index(reply, []byte("\r\n\r\n"))
	if i < 0 {
		t.Fatalf("raw reply has no end of head:\n%q", reply)
	}
	head := string(reply[:i+2])
	if !strings.Contains(head, "\r\nServer: nginx") {
		t.Errorf("no Server: nginx header in the raw reply head:\n%q", head)
	}
	if !strings.Contains(head, fmt.Sprintf("\r\nContent-Length: %d\r\n", len(body))) {
		t.Errorf("no Content-Length: %d in the raw reply head:\n%q", len(body), head)
	}
	if got := reply[i+4:]; !bytes.Equal(got, body) {
		t.Errorf("raw reply body %q, want exactly the file %q", got, body)
	}
	if by, ok := closed(evs, conn); !ok || by != "peer" {
		t.Errorf("close by %q (%v), want peer (nginx closes after Connection: close)", by, ok)
	}
}

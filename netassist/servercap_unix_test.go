//go:build unix

package netassist

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// emfileChild runs in a child process (the test binary again) with a low
// open-file limit: a Server whose cap is above what the limit allows, so
// Accept runs out of descriptors. It prints its address, then answers
// each line on stdin with "conns shed open".
func emfileChild() {
	lim := syscall.Rlimit{Cur: 64, Max: 64}
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		fmt.Println("error", err)
		return
	}
	st := NewStore(0)
	s := &Server{Store: st, MaxConns: 10000}
	addr, err := s.Listen("127.0.0.1:0")
	if err != nil {
		fmt.Println("error", err)
		return
	}
	fmt.Println(addr)
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		stats := s.Stats()
		fmt.Println(st.ConnCount(TabServer), stats.Shed, stats.Open)
	}
}

// Out of file descriptors below the cap, Accept's EMFILE sheds the idlest
// connection instead of leaving newcomers in the backlog.
func TestShedOnEMFILE(t *testing.T) {
	if os.Getenv("NETASSIST_EMFILE_CHILD") == "1" {
		emfileChild()
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestShedOnEMFILE$")
	cmd.Env = append(os.Environ(), "NETASSIST_EMFILE_CHILD=1")
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stdin.Close(); cmd.Process.Kill(); cmd.Wait() }()
	out := bufio.NewScanner(stdout)
	if !out.Scan() {
		t.Fatal("child: no address")
	}
	addr := out.Text()
	if strings.HasPrefix(addr, "error") {
		t.Skip(addr)
	}
	const n = 120 // well past 64 descriptors
	for i := range n {
		c, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			t.Fatalf("dial %d: %v", i, err)
		}
		defer c.Close()
	}
	var conns, open int
	var shed int64
	deadline := time.Now().Add(10 * time.Second)
	for {
		fmt.Fprintln(stdin, "stats")
		if !out.Scan() {
			t.Fatal("child died")
		}
		fmt.Sscan(out.Text(), &conns, &shed, &open)
		if conns == n || time.Now().After(deadline) {
			break
		}
	}
	if conns != n || shed == 0 || open >= 64 {
		t.Errorf("child accepted %d of %d, shed %d, %d open", conns, n, shed, open)
	}
}

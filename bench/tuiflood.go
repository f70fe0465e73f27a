package main

import (
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
	"unsafe"
)

// The TUI's memory under a flood (issue 13): the real binary, `netassist
// server -l ADDR`, runs on a pseudo-terminal of 120x40 (its frames are
// read and dropped, as a terminal would draw them), one client floods its
// Server tab, and its peak RSS (VmHWM) must stay within the capture budget
// (64 MiB by default) + 64 MiB: the budget bounds the whole process, the
// screen's caches and the event path included.

// tuiRun is one flood into the TUI.
type tuiRun struct {
	gbps   float64
	hwmMiB float64
	frames int64 // bytes the TUI wrote to its terminal
}

func targetTUIFlood(cfg *config) []result {
	const name, target = "3 tui peak RSS, flood", "<= 128 MiB"
	if cfg.bin == "" {
		return []result{{name, "no binary (build failed)", target, false}}
	}
	block := floodData()
	var runs []tuiRun
	for rep := 0; rep < cfg.reps; rep++ {
		r, err := runTUIFlood(cfg, block)
		if err != nil {
			return []result{{name, "error: " + err.Error(), target, false}}
		}
		logf("tui flood rep %d: %.2f GB/s, peak RSS %.0f MiB, %.1f MB of frames", rep+1, r.gbps, r.hwmMiB, float64(r.frames)/1e6)
		runs = append(runs, r)
	}
	var hwm []float64
	var gb []float64
	peak := 0.0
	for _, r := range runs {
		hwm, gb = append(hwm, r.hwmMiB), append(gb, r.gbps)
		peak = max(peak, r.hwmMiB)
	}
	return []result{{
		name: name,
		figure: fmt.Sprintf("%.0f MiB, the highest of %d (median %.0f; %.1f GiB flood at %.2f GB/s into the TUI on a 120x40 pty; budget 64 MiB)",
			peak, len(runs), median(hwm), float64(cfg.tuiN)/(1<<30), median(gb)),
		target: target, pass: peak <= 64+64,
	}}
}

func runTUIFlood(cfg *config, block []byte) (tuiRun, error) {
	var r tuiRun
	ln, err := listen()
	if err != nil {
		return r, err
	}
	addr := ln.Addr().String()
	ln.Close() // the TUI takes this port; nothing else binds in between on loopback
	home, err := os.MkdirTemp("", "netassist-bench-home-")
	if err != nil {
		return r, err
	}
	defer os.RemoveAll(home)
	master, slave, err := openPTY(120, 40)
	if err != nil {
		return r, fmt.Errorf("pty: %w", err)
	}
	defer master.Close()
	cmd := exec.Command(cfg.bin, "server", "-l", addr)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"))
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		slave.Close()
		return r, err
	}
	slave.Close()
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
	}()
	drained := make(chan int64, 1)
	go func() { // the terminal: frames are read and dropped
		var w io.Writer = io.Discard
		if dump := os.Getenv("NETASSIST_BENCH_TUI_DUMP"); dump != "" {
			if f, err := os.Create(dump); err == nil {
				defer f.Close()
				w = f
			}
		}
		n, _ := io.Copy(w, master)
		drained <- n
	}()
	if err := waitListening(addr, 20*time.Second); err != nil {
		return r, fmt.Errorf("tui: %w", err)
	}
	// The TUI keeps a connection open after the peer's FIN (for replies):
	// the time runs until the last byte is written (the socket buffers
	// hold a few MB of the GBs).
	d, err := floodConn(addr, cfg.tuiN, block, false)
	if err != nil {
		return r, fmt.Errorf("tui: %w", err)
	}
	time.Sleep(200 * time.Millisecond) // a few frames after the last bytes
	_, hwm := memKiB(cmd.Process.Pid)
	r.gbps = float64(cfg.tuiN) / d.Seconds() / 1e9
	r.hwmMiB = float64(hwm) / 1024
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(10 * time.Second):
	}
	master.SetReadDeadline(time.Now().Add(time.Second))
	select {
	case r.frames = <-drained:
	case <-time.After(2 * time.Second):
	}
	return r, nil
}

// waitListening dials addr until it answers (the connection is closed at
// once: a connection of its own, the flood is not the first).
func waitListening(addr string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("not listening on %s after %v: %w", addr, timeout, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// openPTY opens a pseudo-terminal pair of cols x rows (Linux: /dev/ptmx).
func openPTY(cols, rows uint16) (master, slave *os.File, err error) {
	master, err = os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, nil, err
	}
	fail := func(err error) (*os.File, *os.File, error) {
		master.Close()
		return nil, nil, err
	}
	var unlock int32
	if err := ioctl(master, syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); err != nil {
		return fail(fmt.Errorf("unlockpt: %w", err))
	}
	var n uint32
	if err := ioctl(master, syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); err != nil {
		return fail(fmt.Errorf("ptsname: %w", err))
	}
	slave, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return fail(err)
	}
	ws := struct{ rows, cols, x, y uint16 }{rows, cols, 0, 0}
	if err := ioctl(slave, syscall.TIOCSWINSZ, uintptr(unsafe.Pointer(&ws))); err != nil {
		slave.Close()
		return fail(fmt.Errorf("window size: %w", err))
	}
	return master, slave, nil
}

func ioctl(f *os.File, req, arg uintptr) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var errno syscall.Errno
	if cerr := rc.Control(func(fd uintptr) {
		_, _, errno = syscall.Syscall(syscall.SYS_IOCTL, fd, req, arg)
	}); cerr != nil {
		return cerr
	}
	if errno != 0 {
		return errno
	}
	return nil
}

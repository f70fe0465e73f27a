package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// headless is the real binary, `netassist server --headless --format
// jsonl -l 127.0.0.1:0`, with its stdout redirected to a file.
type headless struct {
	cmd  *exec.Cmd
	out  *os.File
	Addr string
}

// spawnHeadless starts the binary listening on addr with its stdout
// going to out (closed if it cannot start).
func spawnHeadless(bin, addr string, out *os.File) (*headless, error) {
	cmd := exec.Command(bin, "server", "--headless", "--format", "jsonl", "-l", addr)
	cmd.Stdout = out
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		out.Close()
		return nil, err
	}
	return &headless{cmd: cmd, out: out}, nil
}

func startHeadless(bin, outPath string) (*headless, error) {
	if outPath == os.DevNull {
		return startHeadlessNull(bin)
	}
	f, err := os.Create(outPath)
	if err != nil {
		return nil, err
	}
	h, err := spawnHeadless(bin, "127.0.0.1:0", f)
	if err != nil {
		return nil, err
	}
	// The first event is "listen" with the real address.
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		b, _ := os.ReadFile(outPath)
		line, _, ok := bytes.Cut(b, []byte("\n"))
		if !ok {
			continue
		}
		var ev struct{ Event, Addr string }
		if err := json.Unmarshal(line, &ev); err != nil || ev.Event != "listen" {
			h.kill()
			return nil, fmt.Errorf("headless: first line %q", line)
		}
		h.Addr = ev.Addr
		return h, nil
	}
	h.kill()
	return nil, errors.New("headless: no listen event in 10s")
}

// startHeadlessNull runs the binary with its output going to /dev/null:
// all of headless's work but the file system's. Nothing can be read back,
// so it listens on a port picked (and freed) just before.
func startHeadlessNull(bin string) (*headless, error) {
	ln, err := listen()
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	f, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return nil, err
	}
	h, err := spawnHeadless(bin, addr, f)
	if err != nil {
		return nil, err
	}
	h.Addr = addr
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close() // a connection of its own: the flood's is not the first
			return h, nil
		}
	}
	h.kill()
	return nil, errors.New("headless to /dev/null: not listening in 10s")
}

func (h *headless) Pid() int { return h.cmd.Process.Pid }

func (h *headless) kill() {
	h.cmd.Process.Kill()
	h.cmd.Wait()
	h.out.Close()
}

// stop interrupts the binary and waits for it to flush and exit.
func (h *headless) stop() error {
	h.cmd.Process.Signal(os.Interrupt)
	err := h.cmd.Wait()
	h.out.Close()
	return err
}

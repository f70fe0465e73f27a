package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"time"
)

// The flood is one client writing n bytes as fast as it can, then
// half-closing and waiting for the server to close: the time runs until
// the server has read everything. Its bytes repeat a 1 MiB random block,
// so the expected checksum is known without hashing during the run.
const floodBlock = 1 << 20

var crcTable = crc32.MakeTable(crc32.Castagnoli)

func floodData() []byte {
	b := make([]byte, floodBlock)
	r := rand.NewChaCha8([32]byte{'n', 'e', 't', 'a', 's', 's', 'i', 's', 't'})
	r.Read(b)
	return b
}

// flood sends n bytes to addr; it returns the time until the server
// closed the connection after reading them.
func flood(addr string, n int64, block []byte) (time.Duration, error) {
	return floodConn(addr, n, block, true)
}

// floodConn sends n bytes to addr and half-closes; with waitClose it then
// waits for the server to close (the time runs until then), else it
// returns as the last byte is written and closes.
func floodConn(addr string, n int64, block []byte, waitClose bool) (time.Duration, error) {
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	tc := c.(*net.TCPConn)
	const wsize = 256 << 10
	start := time.Now()
	var off int64
	for off < n {
		i := off % floodBlock
		k := min(int64(wsize), n-off, floodBlock-i)
		w, err := tc.Write(block[i : i+k])
		off += int64(w)
		if err != nil {
			return 0, fmt.Errorf("write after %d bytes: %w", off, err)
		}
	}
	if err := tc.CloseWrite(); err != nil {
		return 0, err
	}
	if !waitClose {
		return time.Since(start), nil
	}
	c.SetReadDeadline(time.Now().Add(5 * time.Minute))
	if _, err := io.Copy(io.Discard, c); err != nil {
		return 0, fmt.Errorf("waiting for the server to close: %w", err)
	}
	return time.Since(start), nil
}

// floodCRC is the checksum of the first n bytes of the flood.
func floodCRC(n int64, block []byte) uint32 {
	var crc uint32
	for ; n >= floodBlock; n -= floodBlock {
		crc = crc32.Update(crc, crcTable, block)
	}
	return crc32.Update(crc, crcTable, block[:n])
}

// jsonlInbound decodes a JSON Lines capture and returns the number and
// checksum of the inbound data bytes it carries, in order.
func jsonlInbound(path string) (int64, uint32, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 4<<20)
	var total int64
	var crc uint32
	var dec []byte
	dataKey := []byte(`"data":"`)
	for {
		line, err := br.ReadSlice('\n')
		if len(line) > 0 {
			if !bytes.Contains(line, []byte(`"event":"data"`)) || !bytes.Contains(line, []byte(`"dir":"in"`)) {
				goto next
			}
			i := bytes.Index(line, dataKey)
			if i < 0 {
				return 0, 0, fmt.Errorf("data event without data: %.80s", line)
			}
			rest := line[i+len(dataKey):]
			j := bytes.IndexByte(rest, '"')
			if j < 0 {
				return 0, 0, fmt.Errorf("unterminated data: %.80s", line)
			}
			enc := rest[:j]
			if need := base64.StdEncoding.DecodedLen(len(enc)); cap(dec) < need {
				dec = make([]byte, need)
			}
			k, derr := base64.StdEncoding.Decode(dec[:cap(dec)], enc)
			if derr != nil {
				return 0, 0, derr
			}
			total += int64(k)
			crc = crc32.Update(crc, crcTable, dec[:k])
		}
	next:
		if err == io.EOF {
			return total, crc, nil
		}
		if err != nil {
			return 0, 0, err
		}
	}
}

func checkJSONL(path string, n int64, block []byte) string {
	got, crc, err := jsonlInbound(path)
	if err != nil {
		return "decode error: " + err.Error()
	}
	want := floodCRC(n, block)
	if got != n || crc != want {
		return fmt.Sprintf("DIFFERENT: %d bytes crc %08x, sent %d crc %08x", got, crc, n, want)
	}
	return fmt.Sprintf("equal, crc32c %08x", crc)
}

// Package checksum computes the simple checksums serial and industrial
// protocols append to their frames — sum8, XOR8, CRC-16/MODBUS,
// CRC-16/CCITT-FALSE and CRC-32 — both as a value to show and as the
// trailer bytes to append to a send.
//
// Trailer byte order follows what the protocols that use each checksum put
// on the wire, since that is what a peer will check:
//   - sum8 and XOR8 are one byte;
//   - CRC-16/MODBUS is little-endian (low byte first), as Modbus RTU sends
//     it: the check value 0x4B37 goes out as 37 4B;
//   - CRC-16/CCITT-FALSE is big-endian (high byte first), as most
//     protocols using it send it: 0x29B1 goes out as 29 B1;
//   - CRC-32 is big-endian, the network byte order PNG and most framing
//     formats use: 0xCBF43926 goes out as CB F4 39 26. (Ethernet and zip
//     store it little-endian; a peer wanting that is rare in a debugging
//     tool, and the value shown is the same either way.)
package checksum

import (
	"fmt"
	"hash/crc32"
	"strings"
)

// Kind names a checksum algorithm. The zero value None means "no checksum"
// so a send pane's setting starts off.
type Kind uint8

const (
	// None is no checksum: Compute returns 0 and Trailer nil.
	None Kind = iota
	// Sum8 is the sum of all bytes modulo 256.
	Sum8
	// XOR8 is the XOR of all bytes (the "BCC" of many serial protocols).
	XOR8
	// CRC16Modbus is CRC-16/MODBUS: poly 0x8005 reflected, init 0xFFFF.
	CRC16Modbus
	// CRC16CCITT is CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, not
	// reflected, no final XOR.
	CRC16CCITT
	// CRC32 is CRC-32/ISO-HDLC (IEEE), as hash/crc32 computes it.
	CRC32

	numKinds
)

var names = [numKinds]struct{ id, title string }{
	None:        {"none", "none"},
	Sum8:        {"sum8", "sum8"},
	XOR8:        {"xor8", "XOR8"},
	CRC16Modbus: {"crc16-modbus", "CRC-16/MODBUS"},
	CRC16CCITT:  {"crc16-ccitt", "CRC-16/CCITT-FALSE"},
	CRC32:       {"crc32", "CRC-32"},
}

// Kinds returns every checksum kind except None, in the order a settings
// list or the receive pane's "all checksums" view shows them.
func Kinds() []Kind {
	return []Kind{Sum8, XOR8, CRC16Modbus, CRC16CCITT, CRC32}
}

// String returns the short, stable identifier of k ("crc16-modbus"), used
// in flags and saved settings.
func (k Kind) String() string {
	if k < numKinds {
		return names[k].id
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Title returns the published name of k ("CRC-16/MODBUS") for display.
func (k Kind) Title() string {
	if k < numKinds {
		return names[k].title
	}
	return k.String()
}

// Size is the number of bytes of k's value and trailer: 0, 1, 2 or 4.
func (k Kind) Size() int {
	switch k {
	case Sum8, XOR8:
		return 1
	case CRC16Modbus, CRC16CCITT:
		return 2
	case CRC32:
		return 4
	}
	return 0
}

// ParseKind reads a kind from its identifier or its title, ignoring case
// ("crc16-modbus", "CRC-16/MODBUS", "xor8").
func ParseKind(s string) (Kind, error) {
	for k := range numKinds {
		if strings.EqualFold(s, names[k].id) || strings.EqualFold(s, names[k].title) {
			return k, nil
		}
	}
	return None, fmt.Errorf("checksum: unknown kind \"%s\" (known: %s)", s, knownList())
}

func knownList() string {
	ids := make([]string, 0, numKinds)
	for k := range numKinds {
		ids = append(ids, names[k].id)
	}
	return strings.Join(ids, ", ")
}

// Compute returns the checksum of b. It is 0 for None or an unknown kind.
func Compute(k Kind, b []byte) uint64 {
	switch k {
	case Sum8:
		var s byte
		for _, c := range b {
			s += c
		}
		return uint64(s)
	case XOR8:
		var x byte
		for _, c := range b {
			x ^= c
		}
		return uint64(x)
	case CRC16Modbus:
		return uint64(crc16Modbus(b))
	case CRC16CCITT:
		return uint64(crc16CCITT(b))
	case CRC32:
		return uint64(crc32.ChecksumIEEE(b))
	}
	return 0
}

// Trailer returns the bytes to append to b so a peer checking k accepts
// the frame, in the byte order described in the package documentation.
// It is nil for None.
func Trailer(k Kind, b []byte) []byte {
	return appendValue(nil, k, Compute(k, b))
}

// Append returns b followed by its trailer for k, in a new slice (b is not
// modified, so a preview and the send can share the typed bytes).
func Append(k Kind, b []byte) []byte {
	out := make([]byte, len(b), len(b)+k.Size())
	copy(out, b)
	return appendValue(out, k, Compute(k, b))
}

// Verify reports whether frame ends with the correct k trailer of the bytes
// before it: the check for a received Modbus or similar frame.
func Verify(k Kind, frame []byte) bool {
	n := k.Size()
	if n == 0 || len(frame) < n {
		return false
	}
	body, tail := frame[:len(frame)-n], frame[len(frame)-n:]
	return string(Trailer(k, body)) == string(tail)
}

func appendValue(dst []byte, k Kind, v uint64) []byte {
	switch k {
	case Sum8, XOR8:
		return append(dst, byte(v))
	case CRC16Modbus: // little-endian, as Modbus RTU sends it
		return append(dst, byte(v), byte(v>>8))
	case CRC16CCITT: // big-endian
		return append(dst, byte(v>>8), byte(v))
	case CRC32: // big-endian (network order)
		return append(dst, byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
	}
	return dst
}

// Result is one checksum of a chunk, ready to show.
type Result struct {
	Kind    Kind
	Value   uint64
	Trailer []byte // the bytes Trailer would append
}

// String formats r as "CRC-16/MODBUS 0x4B37 (trailer 37 4B)".
func (r Result) String() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s 0x%0*X (trailer", r.Kind.Title(), 2*r.Kind.Size(), r.Value)
	for _, c := range r.Trailer {
		fmt.Fprintf(&sb, " %02X", c)
	}
	sb.WriteByte(')')
	return sb.String()
}

// All computes every kind of Kinds over b, for the receive pane's
// "checksums of this chunk" view.
func All(b []byte) []Result {
	kinds := Kinds()
	out := make([]Result, len(kinds))
	for i, k := range kinds {
		v := Compute(k, b)
		out[i] = Result{Kind: k, Value: v, Trailer: appendValue(nil, k, v)}
	}
	return out
}

package checksum

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// The published check values: each algorithm over the ASCII "123456789".
func TestCheckValues(t *testing.T) {
	check := []byte("123456789")
	tests := []struct {
		k       Kind
		want    uint64
		trailer []byte
	}{
		{Sum8, 0xDD, []byte{0xDD}},
		{XOR8, 0x31, []byte{0x31}},
		{CRC16Modbus, 0x4B37, []byte{0x37, 0x4B}},
		{CRC16CCITT, 0x29B1, []byte{0x29, 0xB1}},
		{CRC32, 0xCBF43926, []byte{0xCB, 0xF4, 0x39, 0x26}},
		{None, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.k.String(), func(t *testing.T) {
			if got := Compute(tt.k, check); got != tt.want {
				t.Errorf("Compute = %#x, want %#x", got, tt.want)
			}
			if got := Trailer(tt.k, check); !bytes.Equal(got, tt.trailer) {
				t.Errorf("Trailer = % X, want % X", got, tt.trailer)
			}
			if got := len(Trailer(tt.k, check)); got != tt.k.Size() {
				t.Errorf("len(Trailer) = %d, Size = %d", got, tt.k.Size())
			}
			framed := Append(tt.k, check)
			if !bytes.Equal(framed, append([]byte("123456789"), tt.trailer...)) {
				t.Errorf("Append = % X", framed)
			}
			if tt.k != None && !Verify(tt.k, framed) {
				t.Errorf("Verify(Append(...)) = false")
			}
		})
	}
}

// A real Modbus RTU request: read 10 holding registers from slave 1.
func TestModbusFrame(t *testing.T) {
	req := []byte{0x01, 0x03, 0x00, 0x00, 0x00, 0x0A}
	want := []byte{0x01, 0x03, 0x00, 0x00, 0x00, 0x0A, 0xC5, 0xCD}
	if got := Append(CRC16Modbus, req); !bytes.Equal(got, want) {
		t.Errorf("Append = % X, want % X", got, want)
	}
	if !Verify(CRC16Modbus, want) {
		t.Error("Verify(valid frame) = false")
	}
	bad := bytes.Clone(want)
	bad[2] = 1
	if Verify(CRC16Modbus, bad) {
		t.Error("Verify(corrupted frame) = true")
	}
	if Verify(CRC16Modbus, []byte{1}) || Verify(None, want) {
		t.Error("Verify of a short frame or None = true")
	}
}

func TestEmpty(t *testing.T) {
	want := map[Kind]uint64{Sum8: 0, XOR8: 0, CRC16Modbus: 0xFFFF, CRC16CCITT: 0xFFFF, CRC32: 0}
	for k, v := range want {
		if got := Compute(k, nil); got != v {
			t.Errorf("Compute(%v, nil) = %#x, want %#x", k, got, v)
		}
	}
}

func TestAppendDoesNotAlias(t *testing.T) {
	b := make([]byte, 3, 16)
	copy(b, "abc")
	out := Append(CRC32, b)
	out[0] = 'X'
	if string(b) != "abc" || string(b[:cap(b)][3:7]) != "\x00\x00\x00\x00" {
		t.Errorf("Append modified its input: %q", b[:cap(b)])
	}
}

// The table-driven CRCs agree with a bit-at-a-time reference.
func TestCRC16Reference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 200 {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		if got, want := crc16Modbus(b), bitModbus(b); got != want {
			t.Fatalf("crc16Modbus(% X) = %#x, want %#x", b, got, want)
		}
		if got, want := crc16CCITT(b), bitCCITT(b); got != want {
			t.Fatalf("crc16CCITT(% X) = %#x, want %#x", b, got, want)
		}
	}
}

func bitModbus(b []byte) uint16 {
	crc := uint16(0xFFFF)
	for _, c := range b {
		crc ^= uint16(c)
		for range 8 {
			if crc&1 != 0 {
				crc = crc>>1 ^ 0xA001
			} else {
				crc >>= 1
			}
		}
	}
	return crc
}

func bitCCITT(b []byte) uint16 {
	crc := uint16(0xFFFF)
	for _, c := range b {
		crc ^= uint16(c) << 8
		for range 8 {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	return crc
}

func TestAll(t *testing.T) {
	got := All([]byte("123456789"))
	want := []string{
		"sum8 0xDD (trailer DD)",
		"XOR8 0x31 (trailer 31)",
		"CRC-16/MODBUS 0x4B37 (trailer 37 4B)",
		"CRC-16/CCITT-FALSE 0x29B1 (trailer 29 B1)",
		"CRC-32 0xCBF43926 (trailer CB F4 39 26)",
	}
	if len(got) != len(want) {
		t.Fatalf("All returned %d results, want %d", len(got), len(want))
	}
	for i, r := range got {
		if r.String() != want[i] {
			t.Errorf("All[%d] = %q, want %q", i, r.String(), want[i])
		}
	}
	// Leading zeros are kept so the width shows the size.
	if s := (Result{Kind: CRC16CCITT, Value: 0x0A, Trailer: []byte{0, 0x0A}}).String(); s != "CRC-16/CCITT-FALSE 0x000A (trailer 00 0A)" {
		t.Errorf("String = %q", s)
	}
}

func TestParseKind(t *testing.T) {
	for _, k := range append(Kinds(), None) {
		for _, s := range []string{k.String(), k.Title()} {
			got, err := ParseKind(s)
			if err != nil || got != k {
				t.Errorf("ParseKind(%q) = %v, %v; want %v", s, got, err, k)
			}
		}
	}
	if got, err := ParseKind("CRC16-MODBUS"); err != nil || got != CRC16Modbus {
		t.Errorf("ParseKind is case-sensitive: %v, %v", got, err)
	}
	if _, err := ParseKind("md5"); err == nil {
		t.Error("ParseKind(md5) succeeded")
	}
	if s := Kind(99).String(); s != "Kind(99)" {
		t.Errorf("Kind(99).String() = %q", s)
	}
}

func BenchmarkCRC16Modbus(b *testing.B) {
	buf := make([]byte, 64<<10)
	b.SetBytes(int64(len(buf)))
	for b.Loop() {
		Compute(CRC16Modbus, buf)
	}
}

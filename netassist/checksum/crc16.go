package checksum

// Tables for the two CRC-16 variants, built once at package
// initialisation and never written afterwards.
var (
	modbusTable = makeReflected16(0xA001) // 0x8005 bit-reversed
	ccittTable  = makeNormal16(0x1021)
)

func makeReflected16(poly uint16) *[256]uint16 {
	var t [256]uint16
	for i := range t {
		c := uint16(i)
		for range 8 {
			if c&1 != 0 {
				c = c>>1 ^ poly
			} else {
				c >>= 1
			}
		}
		t[i] = c
	}
	return &t
}

func makeNormal16(poly uint16) *[256]uint16 {
	var t [256]uint16
	for i := range t {
		c := uint16(i) << 8
		for range 8 {
			if c&0x8000 != 0 {
				c = c<<1 ^ poly
			} else {
				c <<= 1
			}
		}
		t[i] = c
	}
	return &t
}

// crc16Modbus is CRC-16/MODBUS: reflected, init 0xFFFF, no final XOR.
func crc16Modbus(b []byte) uint16 {
	crc := uint16(0xFFFF)
	for _, c := range b {
		crc = crc>>8 ^ modbusTable[byte(crc)^c]
	}
	return crc
}

// crc16CCITT is CRC-16/CCITT-FALSE: not reflected, init 0xFFFF, no final
// XOR.
func crc16CCITT(b []byte) uint16 {
	crc := uint16(0xFFFF)
	for _, c := range b {
		crc = crc<<8 ^ ccittTable[byte(crc>>8)^c]
	}
	return crc
}

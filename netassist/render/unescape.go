package render

import (
	"fmt"
	"unicode/utf8"
)

// Unescape is the exact inverse of String: it reads the markers `\r`, `\n`,
// `\t`, the escapes `\\`, `\xHH` and `\u{H…}` back as the bytes they stand
// for. The real line break String writes after each `\n` marker is dropped;
// a line break anywhere else is an error, as is a malformed escape. Other
// characters are copied as they are.
func Unescape(s string) ([]byte, error) {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c == '\n' {
			return nil, fmt.Errorf("render: unescape: line break without \\n marker at offset %d", i)
		}
		if c != '\\' {
			j := i + 1
			for j < len(s) && s[j] != '\\' && s[j] != '\n' {
				j++
			}
			out = append(out, s[i:j]...)
			i = j
			continue
		}
		if i+1 >= len(s) {
			return nil, fmt.Errorf("render: unescape: lone \\ at end")
		}
		switch s[i+1] {
		case '\\':
			out = append(out, '\\')
			i += 2
		case 'r':
			out = append(out, '\r')
			i += 2
		case 't':
			out = append(out, '\t')
			i += 2
		case 'n':
			out = append(out, '\n')
			i += 2
			if i < len(s) && s[i] == '\n' {
				i++
			}
		case 'x':
			if i+4 > len(s) {
				return nil, fmt.Errorf("render: unescape: short \\x escape at offset %d", i)
			}
			hi, ok1 := unhex(s[i+2])
			lo, ok2 := unhex(s[i+3])
			if !ok1 || !ok2 {
				return nil, fmt.Errorf("render: unescape: bad \\x escape at offset %d", i)
			}
			out = append(out, hi<<4|lo)
			i += 4
		case 'u':
			j := i + 2
			if j >= len(s) || s[j] != '{' {
				return nil, fmt.Errorf("render: unescape: bad \\u escape at offset %d", i)
			}
			j++
			var r rune
			digits := 0
			for ; j < len(s) && s[j] != '}'; j++ {
				d, ok := unhex(s[j])
				if !ok || digits == 6 {
					return nil, fmt.Errorf("render: unescape: bad \\u escape at offset %d", i)
				}
				r = r<<4 | rune(d)
				digits++
			}
			if j >= len(s) || digits == 0 || !utf8.ValidRune(r) {
				return nil, fmt.Errorf("render: unescape: bad \\u escape at offset %d", i)
			}
			out = utf8.AppendRune(out, r)
			i = j + 1
		default:
			return nil, fmt.Errorf("render: unescape: unknown escape \\%c at offset %d", s[i+1], i)
		}
	}
	return out, nil
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

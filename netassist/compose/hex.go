package compose

import "unicode/utf8"

// Hex parses pairs of hex digits, such as "48 54 54 50". Spaces, tabs and
// line breaks between pairs are ignored, but the two digits of a pair must
// be adjacent. An invalid character, or a digit without its partner,
// returns an *Error at that character.
func Hex(s string) ([]byte, error) {
	out := make([]byte, 0, len(s)/2)
	line, col := 1, 1
	var (
		pending     bool // a first digit is waiting for its partner
		hi          byte
		pChar       rune // the pending digit as typed
		pLine, pCol int  // position of the pending digit
	)
	lone := func() error {
		return &Error{Line: pLine, Col: pCol, Msg: "lone hex digit " + quoteRune(pChar) +
			" (hex digits come in pairs, like 0a)"}
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r < utf8.RuneSelf {
			if d, ok := unhex(byte(r)); ok {
				if pending {
					out = append(out, hi<<4|d)
					pending = false
				} else {
					pending, hi, pChar, pLine, pCol = true, d, r, line, col
				}
				i, col = i+n, col+1
				continue
			}
		}
		switch r {
		case ' ', '\t', '\r', '\n':
			if pending {
				return nil, lone()
			}
			i += n
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
			continue
		}
		msg := "invalid hex digit " + quoteRune(r)
		if r == utf8.RuneError && n == 1 {
			msg = "invalid byte in hex input"
		}
		return nil, &Error{Line: line, Col: col, Msg: msg}
	}
	if pending {
		return nil, lone()
	}
	return out, nil
}

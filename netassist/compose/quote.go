package compose

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/netassist/netassist/netassist/render"
)

// Quoting is the way back from bytes to what a send box holds: the text
// Build turns into exactly those bytes. A text editor (bubbles' textarea,
// every terminal field) cannot hold a TAB, a CR, a control character or a
// byte that is not UTF-8 — it rewrites or drops them — so such bytes are
// written as escapes; a backslash is doubled and a "{{" that Expand would
// read is written "{{{{}}".

// Quote returns text that Build turns into exactly b under o (with any
// MacroEnv; o.FixContentLength aside, which changes what it finds). Line
// breaks follow o.CRLF: with it on each CR LF pair is a typed line break
// and a bare LF or CR is an escape; with it off each LF is a typed line
// break and a CR an escape. Every control character (TAB included), DEL,
// byte that is not UTF-8 and invisible character (U+FFFD, bidi and
// zero-width characters, C1 controls: what strconv.IsGraphic rejects) is
// written as \t, \r, \n or \xHH, and so is every byte above 0x7F when
// o.Encoding is not UTF-8 (typed characters would be encoded in it). ok is
// false when b needs an escape and o.Escapes is off.
func Quote(b []byte, o Options) (text string, ok bool) {
	return quote(b, o, breaksExact)
}

// QuotePaste is Quote for text pasted into a multi-line editor: each line
// break — CR LF, LF or a lone CR, since most terminals send a pasted line
// break as CR (kitty, VTE, Alacritty, tmux) and some as it was (tmux -r,
// WezTerm, Ghostty) — is one typed line break, which o.CRLF then sends as
// CR LF or LF, as for a typed one. Everything else is quoted as Quote
// does. ok is false when the paste needs an escape and o.Escapes is off.
//
// A terminal that turns each pasted LF into CR without first folding CR LF
// (tmux's paste-buffer without -r) sends a CRLF file's line ends as CR CR.
// So when a paste has no LF and every run of CRs in it is of even length —
// what such a terminal makes of a CRLF file, and almost never anything
// else — each CR pair is one line break. (A LF file's single line breaks
// make odd runs, so its blank lines are kept; only a LF text whose every
// line break is a blank line would be read as half as many.)
func QuotePaste(s string, o Options) (text string, ok bool) {
	b := []byte(s)
	if crlfTurnedCRCR(b) {
		b = bytes.ReplaceAll(b, []byte("\r\r"), []byte("\r"))
	}
	return quote(b, o, breaksPaste)
}

// UnfoldCRCR gives a paste for a one-line field (the auto-reply rule
// form, where a line break is the escape it stands for) its line ends
// back: when the paste is what a terminal that turns each LF into CR
// makes of a CRLF text (see QuotePaste: no LF, only even runs of CRs),
// each CR pair is CR LF again; any other paste is returned as it is.
// "PI\r\rNG" from tmux's paste-buffer is "PI\r\nNG", the file's bytes.
func UnfoldCRCR(s string) string {
	if !crlfTurnedCRCR([]byte(s)) {
		return s
	}
	return strings.ReplaceAll(s, "\r\r", "\r\n")
}

// crlfTurnedCRCR reports whether b has CRs, no LF, and only runs of CRs
// of even length: a CRLF text whose LFs a terminal turned into CRs.
func crlfTurnedCRCR(b []byte) bool {
	if bytes.IndexByte(b, '\n') >= 0 || bytes.IndexByte(b, '\r') < 0 {
		return false
	}
	run := 0
	for _, c := range b {
		if c == '\r' {
			run++
			continue
		}
		if run%2 != 0 {
			return false
		}
		run = 0
	}
	return run%2 == 0
}

// QuoteLine is Quote for a one-line field with escapes on (the auto-reply
// rule form): CR and LF are escapes too, so the text has no line break,
// and Text (which expands no macros) turns it into exactly b.
func QuoteLine(b []byte) string {
	s, _ := quote(b, Options{Escapes: true}, breaksNone)
	return s
}

// breakMode says which bytes are typed line breaks.
type breakMode int

const (
	breaksExact breakMode = iota // as Options.CRLF makes them
	breaksPaste                  // CR LF, LF, lone CR
	breaksNone                   // none: one line
)

func quote(b []byte, o Options, mode breakMode) (string, bool) {
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/8)
	macros := mode != breaksNone && HasMacros(b)
	esc := func(s string) bool {
		sb.WriteString(s)
		return o.Escapes
	}
	ok := true
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '\r' && mode == breaksPaste:
			sb.WriteByte('\n')
			i++
			if i < len(b) && b[i] == '\n' {
				i++
			}
			continue
		case c == '\n' && mode == breaksPaste:
			sb.WriteByte('\n')
			i++
			continue
		case c == '\r' && mode == breaksExact && o.CRLF && i+1 < len(b) && b[i+1] == '\n':
			sb.WriteByte('\n')
			i += 2
			continue
		case c == '\n' && mode == breaksExact && !o.CRLF:
			sb.WriteByte('\n')
			i++
			continue
		case c == '\\':
			if o.Escapes {
				sb.WriteString(`\\`)
			} else {
				sb.WriteByte('\\')
			}
			i++
			continue
		case c == '{' && macros && i+1 < len(b) && b[i+1] == '{':
			sb.WriteString("{{{{}}")
			i += 2
			continue
		case c == '\t':
			ok = esc(`\t`) && ok
			i++
			continue
		case c == '\r':
			ok = esc(`\r`) && ok
			i++
			continue
		case c == '\n':
			ok = esc(`\n`) && ok
			i++
			continue
		}
		if c >= utf8.RuneSelf && mode == breaksExact && o.Encoding != render.UTF8 {
			// A character would be encoded in o.Encoding: the bytes of
			// one are only kept as escapes.
			ok = esc(hexEscape(c)) && ok
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if keep(r, n, o.Escapes) {
			sb.Write(b[i : i+n])
		} else {
			for _, x := range b[i : i+n] {
				ok = esc(hexEscape(x)) && ok
			}
		}
		i += n
	}
	return sb.String(), ok
}

// keep reports whether the rune r (n bytes) can stand as itself in an
// editor: a text field drops controls and U+FFFD, and with escapes on
// invisible characters are written as escapes too, so the editor shows
// what will be sent.
func keep(r rune, n int, escapes bool) bool {
	switch {
	case r == utf8.RuneError: // not UTF-8 (n == 1), or a real U+FFFD
		return false
	case unicode.IsControl(r):
		return false
	case escapes:
		return strconv.IsGraphic(r)
	}
	return n > 0
}

// hexEscape is \xHH for c, upper case as the renderer shows it.
func hexEscape(c byte) string {
	const digits = "0123456789ABCDEF"
	return string([]byte{'\\', 'x', digits[c>>4], digits[c&0xF]})
}

// NeedsEscapes reports whether pasted text s holds something only an
// escape can write (a TAB, a control character, a byte that is not UTF-8),
// line breaks aside: what QuotePaste cannot write with escapes off.
func NeedsEscapes(s string) bool {
	_, ok := QuotePaste(s, Options{})
	return !ok
}

package render

import (
	"unicode"

	"github.com/clipperhouse/displaywidth"
)

// Graphemes never move the layout (issue 12 item 4). Terminals disagree on
// the width of many grapheme clusters — tmux draws 👍🏽 four cells wide and
// lipgloss measures two; ❤️ (with VS16) one against two; ᄀ가 four against
// two; a flag two, or
// one per regional indicator elsewhere; क्ष and का two against one — and a
// row whose width is measured wrong pushes the border out. The rule: a
// cluster is shown as itself only when every terminal and lipgloss agree
// on its width, which is when it is
//
//   - one character (a narrow or wide base, as the East Asian Width and
//     emoji presentation properties say), or
//   - a narrow base followed by at most maxMarks nonspacing marks (é as
//     e + U+0301, Vietnamese, Hebrew points): width 1 everywhere.
//
// Every character that would join a cluster any other way is shown
// escaped, as `\u{…}` (or `\xHH` of its bytes in GBK, GB18030): emoji
// modifiers, regional indicators, variation selectors (VS15, VS16 and the
// rest), enclosing marks (the keycap U+20E3), spacing marks (Mc, Thai and
// Lao AM), viramas that join conjuncts, Hangul conjoining jamo, the halfwidth voicing marks, prepended letters, and a
// nonspacing mark on a wide base, on an escape or after maxMarks. (The
// zero-width joiner and tag characters are format characters, escaped by
// the rule for non-graphic runes.) An escape is ASCII, so it ends the
// cluster: 👍🏽 shows as 👍\u{1F3FD}, 🇨🇳 as \u{1F1E8}\u{1F1F3}, ❤️ as
// ❤\u{FE0F}, 1️⃣ as 1\u{FE0F}\u{20E3}. The rule looks only at the
// character and the one before it, so it gives the same rendering however
// the stream is split into reads (see Stream).

// maxMarks is how many nonspacing marks a narrow base may carry and still
// be shown as itself; more (Zalgo text) are escaped.
const maxMarks = 4

// runeClass is how the width rule treats a graphic rune.
type runeClass uint8

const (
	classBase   runeClass = iota // a character of its own: shown as itself
	classMark                    // a nonspacing mark: shown on a narrow base
	classEscape                  // joins clusters of uncertain width: always escaped
)

// joiners are graphic runes outside Mc/Me that join the cluster before or
// after them in ways terminals draw differently.
var joiners = &unicode.RangeTable{
	R16: []unicode.Range16{
		{Lo: 0x094D, Hi: 0x094D, Stride: 1}, // Devanagari virama (InCB Linker: conjuncts)
		{Lo: 0x09CD, Hi: 0x09CD, Stride: 1}, // Bengali virama
		{Lo: 0x0ACD, Hi: 0x0ACD, Stride: 1}, // Gujarati virama
		{Lo: 0x0B4D, Hi: 0x0B4D, Stride: 1}, // Oriya virama
		{Lo: 0x0C4D, Hi: 0x0C4D, Stride: 1}, // Telugu virama
		{Lo: 0x0D4D, Hi: 0x0D4E, Stride: 1}, // Malayalam virama, dot reph (Prepend)
		{Lo: 0x0E33, Hi: 0x0E33, Stride: 1}, // Thai SARA AM (SpacingMark)
		{Lo: 0x0EB3, Hi: 0x0EB3, Stride: 1}, // Lao AM (SpacingMark)
		{Lo: 0x1100, Hi: 0x11FF, Stride: 1}, // Hangul conjoining jamo (L V T: ᄀ+가 is one cluster)
		{Lo: 0x3164, Hi: 0x3164, Stride: 1}, // Hangul filler
		{Lo: 0xA960, Hi: 0xA97F, Stride: 1}, // Hangul jamo extended-A (L)
		{Lo: 0xD7B0, Hi: 0xD7FF, Stride: 1}, // Hangul jamo extended-B
		{Lo: 0xFE00, Hi: 0xFE0F, Stride: 1}, // variation selectors, VS15, VS16
		{Lo: 0xFF9E, Hi: 0xFFA0, Stride: 1}, // halfwidth voicing marks, halfwidth filler
	},
	R32: []unicode.Range32{
		{Lo: 0x111C2, Hi: 0x111C3, Stride: 1}, // Sharada prepended letters
		{Lo: 0x1193F, Hi: 0x1193F, Stride: 1}, // Dives Akuru prepended letters
		{Lo: 0x11941, Hi: 0x11941, Stride: 1},
		{Lo: 0x11A3A, Hi: 0x11A3A, Stride: 1}, // Zanabazar Square cluster-initial
		{Lo: 0x11A84, Hi: 0x11A89, Stride: 1}, // Soyombo cluster-initial
		{Lo: 0x11D46, Hi: 0x11D46, Stride: 1}, // Masaram Gondi repha
		{Lo: 0x11F02, Hi: 0x11F02, Stride: 1}, // Kawi repha
		{Lo: 0x1F1E6, Hi: 0x1F1FF, Stride: 1}, // regional indicators (flags)
		{Lo: 0x1F3FB, Hi: 0x1F3FF, Stride: 1}, // emoji modifiers (skin tones)
		{Lo: 0xE0100, Hi: 0xE01EF, Stride: 1}, // variation selectors supplement
	},
}

// classify places a graphic rune (strconv.IsGraphic) in its class.
func classify(r rune) runeClass {
	if r < 0x300 {
		return classBase // Latin, no marks or joiners below U+0300
	}
	switch {
	case unicode.Is(joiners, r), unicode.In(r, unicode.Mc, unicode.Me):
		return classEscape
	case unicode.Is(unicode.Mn, r):
		return classMark
	}
	return classBase
}

// narrow reports whether a base character takes one cell (lipgloss's
// measure, which the terminal shares for single characters).
func narrow(r rune) bool {
	if r < 0x300 {
		return true
	}
	return displaywidth.Rune(r) == 1
}

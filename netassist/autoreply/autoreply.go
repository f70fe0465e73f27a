// Package autoreply answers received bytes by rule, the Server tab's
// "when the peer sends X, reply Y" list (a generalisation of --reply).
//
// A Rule is what the user edits and what is saved; Compile checks a list of
// them and turns it into Rules, which match on the reader goroutines of a
// netassist.Server. Rules is immutable apart from its hit counters, so the
// UI edits a []Rule, compiles it and swaps the result into an Active, whose
// AutoReply method stays the server's hook for the whole run.
//
// Matching is per read: b is what one read from the socket returned, as the
// Windows assistants do. TCP may split or join what the peer wrote, so a
// pattern that spans two reads does not match.
package autoreply

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"sync/atomic"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/compose"
)

// Match says how a rule's pattern is compared with the received bytes.
type Match string

const (
	// Contains matches when the pattern occurs anywhere in the bytes. An
	// empty pattern matches every read (a catch-all last rule).
	Contains Match = "contains"
	// Prefix matches when the bytes start with the pattern.
	Prefix Match = "prefix"
	// Regex matches when the Go regular expression (RE2 syntax) matches
	// somewhere in the bytes; its groups are $1…$9 in the reply.
	Regex Match = "regex"
)

// Rule is one "when received bytes match X, reply Y" line, as the user
// wrote it. Its JSON form is what autoreply.json holds.
type Rule struct {
	// Match is how Pattern is compared; "" means Contains.
	Match Match `json:"match"`
	// Pattern is compose text with escapes (\r \n \t \0 \\ \xHH; line
	// breaks as typed), or pairs of hex digits if PatternHex. For Regex it
	// is the regular expression itself, which has its own \r \n \t \xHH
	// escapes; it runs on the bytes as UTF-8, so \xHH above 7F matches a
	// character, not a raw byte — use Contains or Prefix with hex for
	// binary protocols.
	Pattern    string `json:"pattern"`
	PatternHex bool   `json:"pattern_hex,omitempty"`
	// Reply is compose text with escapes, or hex if ReplyHex. In text,
	// $1…$9 are the regex's groups (an unmatched group is empty), $0 is
	// the whole match, $$ is a "$", and a "$" before anything else stays
	// as it is. Hex replies are sent as they are.
	Reply    string `json:"reply"`
	ReplyHex bool   `json:"reply_hex,omitempty"`
	// CloseAfter closes the connection once the reply is written.
	CloseAfter bool `json:"close_after,omitempty"`
	// Disabled rules are kept in the list but never match.
	Disabled bool `json:"disabled,omitempty"`
}

// Rules is a compiled rule list. Its methods are safe for concurrent use;
// a nil *Rules matches nothing.
type Rules struct {
	rules []compiled
}

type compiled struct {
	src   Rule
	pat   []byte         // Contains, Prefix
	re    *regexp.Regexp // Regex
	reply []piece
	hits  atomic.Uint64 // counted by the reader goroutines
}

// piece is literal bytes, or a reference to match group ref when ref >= 0.
type piece struct {
	lit []byte
	ref int
}

// ErrRule is wrapped by every Compile error.
var ErrRule = errors.New("autoreply: bad rule")

// Compile checks rules and compiles them. An error names the rule by its
// 1-based position and wraps ErrRule.
func Compile(rules []Rule) (*Rules, error) {
	rs := &Rules{rules: make([]compiled, len(rules))}
	for i, r := range rules {
		if err := rs.rules[i].compile(r); err != nil {
			return nil, fmt.Errorf("%w %d: %w", ErrRule, i+1, err)
		}
	}
	return rs, nil
}

func (c *compiled) compile(r Rule) error {
	if r.Match == "" {
		r.Match = Contains
	}
	c.src = r
	groups := 0
	switch r.Match {
	case Contains, Prefix:
		b, err := toBytes(r.Pattern, r.PatternHex)
		if err != nil {
			return fmt.Errorf("pattern: %w", err)
		}
		c.pat = b
	case Regex:
		if r.PatternHex {
			return errors.New("a regex pattern cannot be hex")
		}
		re, err := regexp.Compile(r.Pattern)
		if err != nil {
			return fmt.Errorf("pattern: %w", err)
		}
		c.re = re
		groups = re.NumSubexp()
	default:
		return fmt.Errorf("unknown match \"%s\" (contains, prefix or regex)", r.Match)
	}
	if r.ReplyHex {
		b, err := compose.Hex(r.Reply)
		if err != nil {
			return fmt.Errorf("reply: %w", err)
		}
		c.reply = []piece{{lit: b, ref: -1}}
		return nil
	}
	pieces, err := parseReply(r.Reply, groups)
	if err != nil {
		return fmt.Errorf("reply: %w", err)
	}
	c.reply = pieces
	return nil
}

// toBytes composes a pattern typed as text with escapes (line breaks kept
// as typed) or as hex.
func toBytes(s string, hex bool) ([]byte, error) {
	if hex {
		return compose.Hex(s)
	}
	return compose.Text(s, compose.Options{Escapes: true})
}

// parseReply splits a text reply at its $ references and composes the
// literal parts. groups is the number of groups the pattern has.
func parseReply(s string, groups int) ([]piece, error) {
	// Compose the whole text once first, so an error's line and column
	// point into what the user typed. The parts split at "$" are then
	// valid too: no escape contains a "$".
	if _, err := compose.Text(s, compose.Options{Escapes: true}); err != nil {
		return nil, err
	}
	var (
		pieces []piece
		lit    []byte // composed literal bytes so far
		from   int    // start of the text not yet composed
	)
	flush := func(to int) error {
		b, err := compose.Text(s[from:to], compose.Options{Escapes: true})
		if err != nil {
			return err
		}
		lit = append(lit, b...)
		return nil
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '$' || i+1 >= len(s) {
			continue
		}
		c := s[i+1]
		if c != '$' && (c < '0' || c > '9') {
			continue // a lone "$" is literal
		}
		if err := flush(i); err != nil {
			return nil, err
		}
		from = i + 2
		if c == '$' {
			lit = append(lit, '$')
			i++
			continue
		}
		ref := int(c - '0')
		if ref > groups {
			return nil, fmt.Errorf("$%d but the pattern has %d group(s)", ref, groups)
		}
		if len(lit) > 0 {
			pieces = append(pieces, piece{lit: lit, ref: -1})
			lit = nil
		}
		pieces = append(pieces, piece{ref: ref})
		i++
	}
	if err := flush(len(s)); err != nil {
		return nil, err
	}
	if len(lit) > 0 {
		pieces = append(pieces, piece{lit: lit, ref: -1})
	}
	return pieces, nil
}

// Match finds the first enabled rule that matches b and returns its reply
// (a new slice), whether to close after it, and its index in the list;
// ok is false when no rule matches. A match counts a hit for the rule.
func (rs *Rules) Match(b []byte) (reply []byte, closeAfter bool, ruleIndex int, ok bool) {
	if rs == nil {
		return nil, false, -1, false
	}
	for i := range rs.rules {
		c := &rs.rules[i]
		if c.src.Disabled {
			continue
		}
		var groups []int // submatch index pairs into b; nil for literal rules
		switch c.src.Match {
		case Contains:
			j := bytes.Index(b, c.pat)
			if j < 0 {
				continue
			}
			groups = []int{j, j + len(c.pat)}
		case Prefix:
			if !bytes.HasPrefix(b, c.pat) {
				continue
			}
			groups = []int{0, len(c.pat)}
		case Regex:
			groups = c.re.FindSubmatchIndex(b)
			if groups == nil {
				continue
			}
		}
		c.hits.Add(1)
		return c.expand(b, groups), c.src.CloseAfter, i, true
	}
	return nil, false, -1, false
}

// expand builds the reply for a match of b whose group index pairs are m.
func (c *compiled) expand(b []byte, m []int) []byte {
	n := 0
	for _, p := range c.reply {
		n += len(p.lit)
		if p.ref >= 0 && 2*p.ref+1 < len(m) && m[2*p.ref] >= 0 {
			n += m[2*p.ref+1] - m[2*p.ref]
		}
	}
	out := make([]byte, 0, n)
	for _, p := range c.reply {
		if p.ref < 0 {
			out = append(out, p.lit...)
		} else if 2*p.ref+1 < len(m) && m[2*p.ref] >= 0 {
			out = append(out, b[m[2*p.ref]:m[2*p.ref+1]]...)
		}
	}
	return out
}

// Len is the number of rules.
func (rs *Rules) Len() int {
	if rs == nil {
		return 0
	}
	return len(rs.rules)
}

// List returns a copy of the rules as written (Match "" reads as
// Contains), for editing and saving.
func (rs *Rules) List() []Rule {
	if rs == nil {
		return nil
	}
	out := make([]Rule, len(rs.rules))
	for i := range rs.rules {
		out[i] = rs.rules[i].src
	}
	return out
}

// Hits returns how many times each rule has matched since it was compiled.
func (rs *Rules) Hits() []uint64 {
	if rs == nil {
		return nil
	}
	out := make([]uint64, len(rs.rules))
	for i := range rs.rules {
		out[i] = rs.rules[i].hits.Load()
	}
	return out
}

// AutoReply has the shape of netassist.Server.AutoReply: it answers every
// read (first or not) that a rule matches.
func (rs *Rules) AutoReply(_ netassist.ConnID, b []byte, _ bool) (netassist.Reply, bool) {
	reply, closeAfter, _, ok := rs.Match(b)
	if !ok {
		return netassist.Reply{}, false
	}
	return netassist.Reply{Data: reply, CloseAfter: closeAfter}, true
}

// Active holds the rules in force while a server runs. Set it
// from the UI at any time; its AutoReply method, set once as the server's
// hook, reads the current rules on each read. The zero value has no rules.
type Active struct {
	p atomic.Pointer[Rules] // swapped by the UI, read by reader goroutines
}

// Set makes rs the rules in force (nil: none).
func (a *Active) Set(rs *Rules) { a.p.Store(rs) }

// Rules returns the rules in force, for showing them and their hits.
func (a *Active) Rules() *Rules { return a.p.Load() }

// AutoReply is the netassist.Server.AutoReply hook: the current rules'
// reply, if any rule matches.
func (a *Active) AutoReply(id netassist.ConnID, b []byte, first bool) (netassist.Reply, bool) {
	return a.p.Load().AutoReply(id, b, first)
}

// String describes r in one line for lists, e.g.
// `regex "^GET (\S+)" → "HTTP/1.0 200 OK\r\n…" (close)`. It quotes with
// Go escapes, so it is safe to draw.
func (r Rule) String() string {
	m := r.Match
	if m == "" {
		m = Contains
	}
	s := string(m) + " " + quote(r.Pattern, r.PatternHex) + " → " + quote(r.Reply, r.ReplyHex)
	if r.CloseAfter {
		s += " (close)"
	}
	if r.Disabled {
		s += " (off)"
	}
	return s
}

func quote(s string, hex bool) string {
	if hex {
		return "hex " + strconv.QuoteToGraphic(s)
	}
	return strconv.QuoteToGraphic(s)
}

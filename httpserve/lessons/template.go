// Package lessons holds the reply templates a teacher picks in the reply
// editors (Server tab reply, Web tab hand-crafted response): a 200 with
// HTML, redirects, 304, 404, 500, a cookie round trip, a Basic-Auth
// challenge, chunked, gzip, a slow "drip", keep-alive vs close, a 100
// Continue dance, and a few broken on purpose. Each carries a one-line
// lesson note in English and Chinese, shown when it is picked.
//
// Templates are plain text files: the built-in ones are embedded from
// templates/, and users add their own as <config folder>/templates/*.http
// (a file with the name of a built-in one replaces it).
//
// # File format
//
// A few "key: value" lines, a line "---", then the message:
//
//	name: 200 OK with an HTML page
//	name.zh: 200 OK，带一个 HTML 页面
//	note: A complete reply: status line, headers, a blank line, then exactly Content-Length bytes.
//	note.zh: 一个完整的响应：状态行、头部、空行，然后正好 Content-Length 个字节的正文。
//	length: auto
//	---
//	HTTP/1.1 200 OK
//	Content-Type: text/html; charset=utf-8
//	Content-Length: 0
//
//	<!doctype html><title>hi</title><p>Hello</p>
//
// The message is written as in the send box (DESIGN.md §4): every line
// break is sent as CRLF, and the escapes \r \n \t \0 \\ \xHH are
// interpreted, so the file may be saved with LF or CRLF line ends alike.
// Everything after the "---" line is the message, the final line break
// included (with "length: auto" it is counted like any other byte).
// Keys (lines starting with # are comments):
//
//	name, name.zh      the template's name in the picker (name is required)
//	note, note.zh      the one-line lesson note (both required)
//	length: auto       set Content-Length to the body's real size (after encode)
//	encode: gzip       compress the body at send time with the web server's own
//	                   encoder (gzip, deflate, br, zstd); the head must say
//	                   Content-Encoding itself
//	drip: 5 x 400ms    send in 5 pieces 400 ms apart: the head, then the rest in
//	                   4 near-equal parts
//	drip: 800ms        send in natural pieces 800 ms apart: each head, each
//	                   chunk of a chunked body, each other body
//	close: yes         close the connection after the last piece
//	crlf: off          send line breaks as written (a bare LF stays a bare LF)
//	escapes: off       send backslashes as written
//	broken: CODE[, CODE]  broken on purpose: check reports these codes
//
// Parse, Build and Pieces are pure functions over bytes; only LoadDir
// reads files.
package lessons

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/netassist/netassist/httpserve"
	"github.com/netassist/netassist/netassist/i18n"
)

// Template is one lesson reply.
type Template struct {
	// ID is the file name without ".http" ("200-html"); a user's file
	// with a built-in ID replaces the built-in one.
	ID   string
	Name i18n.Text
	Note i18n.Text
	// Source is "builtin" or the path of the user's file.
	Source string
	// Message is the message part of the file, as written (before line
	// breaks and escapes are applied): what a reply editor shows.
	Message string

	CRLF, Escapes bool               // as the send box's toggles (both default on)
	Length        bool               // length: auto
	Encode        httpserve.Encoding // "" or a coding to apply to the body
	Drip          Drip
	Close         bool
	// Broken lists the finding codes the template shows on purpose; empty
	// for a correct reply.
	Broken []string
}

// Drip says how to send a reply slowly: Gap between pieces; Pieces
// pieces (0: natural pieces, see Pieces). A zero Gap sends all at once.
type Drip struct {
	Pieces int
	Gap    time.Duration
}

// Errors of Parse.
var (
	ErrNoSeparator = errors.New(`no "---" line between the keys and the message`)
	ErrNoName      = errors.New("no name")
	ErrNoNote      = errors.New("a note in both languages (note, note.zh) is required")
)

// maxGap bounds a drip's gap: longer is a typo, and a browser gives up.
const maxGap = time.Minute

// Parse reads a template file; id names it (the file name without
// ".http"). Errors name the line.
func Parse(id string, b []byte) (Template, error) {
	t := Template{ID: id, Source: "builtin", CRLF: true, Escapes: true}
	rest := string(b)
	for n := 1; rest != ""; n++ {
		line, after, _ := strings.Cut(rest, "\n")
		rest = after
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) == "---" {
			t.Message = rest
			return t, t.finish()
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			return t, fmt.Errorf("%s line %d: \"%s\" is not key: value", id, n, line)
		}
		if err := t.set(strings.ToLower(strings.TrimSpace(k)), strings.TrimSpace(v)); err != nil {
			return t, fmt.Errorf("%s line %d: %w", id, n, err)
		}
	}
	return t, fmt.Errorf("%s: %w", id, ErrNoSeparator)
}

// set applies one key.
func (t *Template) set(k, v string) error {
	switch k {
	case "name":
		t.Name.En = v
	case "name.zh":
		t.Name.Zh = v
	case "note":
		t.Note.En = v
	case "note.zh":
		t.Note.Zh = v
	case "length":
		if v != "auto" {
			return fmt.Errorf("length: want auto, not \"%s\"", v)
		}
		t.Length = true
	case "encode":
		e, err := httpserve.ParseEncoding(v)
		if err != nil || e == httpserve.EncodingAuto || e == httpserve.EncodingIdentity {
			return fmt.Errorf("encode: want gzip, deflate, br or zstd, not \"%s\"", v)
		}
		t.Encode = e
	case "drip":
		d, err := parseDrip(v)
		if err != nil {
			return err
		}
		t.Drip = d
	case "close", "crlf", "escapes":
		on, err := parseBool(v)
		if err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
		switch k {
		case "close":
			t.Close = on
		case "crlf":
			t.CRLF = on
		default:
			t.Escapes = on
		}
	case "broken":
		for c := range strings.SplitSeq(v, ",") {
			if c = strings.TrimSpace(c); c != "" {
				t.Broken = append(t.Broken, c)
			}
		}
	default:
		return fmt.Errorf("unknown key \"%s\"", k)
	}
	return nil
}

// finish checks what a template must have; a missing Chinese name falls
// back to the English one.
func (t *Template) finish() error {
	if t.Name.En == "" {
		return fmt.Errorf("%s: %w", t.ID, ErrNoName)
	}
	if t.Name.Zh == "" {
		t.Name.Zh = t.Name.En
	}
	if t.Note.En == "" || t.Note.Zh == "" {
		return fmt.Errorf("%s: %w", t.ID, ErrNoNote)
	}
	if t.Encode != "" && !hasField(t.Message, "Content-Encoding") {
		return fmt.Errorf("%s: encode: %s needs a Content-Encoding: %s field in the head", t.ID, t.Encode, t.Encode)
	}
	return nil
}

// IsBroken reports whether the template is broken on purpose.
func (t Template) IsBroken() bool { return len(t.Broken) > 0 }

// hasField reports whether the head of a message as written has a field
// called name.
func hasField(msg, name string) bool {
	for i, line := range strings.Split(msg, "\n") {
		line = strings.TrimSuffix(line, "\r")
		if line == "" && i > 0 {
			return false
		}
		if k, _, ok := strings.Cut(line, ":"); ok && strings.EqualFold(strings.TrimSpace(k), name) {
			return true
		}
	}
	return false
}

// parseDrip reads "5 x 400ms" or "800ms".
func parseDrip(v string) (Drip, error) {
	var d Drip
	gap := v
	if n, g, ok := strings.Cut(v, "x"); ok {
		p, err := strconv.Atoi(strings.TrimSpace(n))
		if err != nil || p < 2 || p > 1000 {
			return d, fmt.Errorf("drip: want 2 to 1000 pieces, not \"%s\"", strings.TrimSpace(n))
		}
		d.Pieces, gap = p, g
	}
	g, err := time.ParseDuration(strings.TrimSpace(gap))
	if err != nil || g <= 0 || g > maxGap {
		return d, fmt.Errorf("drip: want a gap such as 400ms (at most %v), not \"%s\"", maxGap, strings.TrimSpace(gap))
	}
	d.Gap = g
	return d, nil
}

func parseBool(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "yes", "on", "true":
		return true, nil
	case "no", "off", "false":
		return false, nil
	}
	return false, fmt.Errorf("want yes or no, not \"%s\"", v)
}

// sortTemplates orders templates for the picker: correct ones first, then
// broken ones, each by ID.
func sortTemplates(ts []Template) {
	slices.SortStableFunc(ts, func(a, b Template) int {
		if a.IsBroken() != b.IsBroken() {
			if a.IsBroken() {
				return 1
			}
			return -1
		}
		return strings.Compare(a.ID, b.ID)
	})
}

package httpserve

import (
	"fmt"
	"strings"
)

// Encoding is a content coding setting: EncodingAuto negotiates from the
// request's Accept-Encoding; any other value forces that coding.
type Encoding string

// Encodings the server can send. Their strings are the Content-Encoding
// tokens (and the --encoding flag values).
const (
	EncodingAuto     Encoding = "auto"
	EncodingIdentity Encoding = "identity"
	EncodingGzip     Encoding = "gzip"
	EncodingDeflate  Encoding = "deflate"
	EncodingBrotli   Encoding = "br"
	EncodingZstd     Encoding = "zstd"
)

// Encodings lists every setting, in the order a UI toggle cycles through.
var Encodings = []Encoding{EncodingAuto, EncodingIdentity, EncodingGzip, EncodingDeflate, EncodingBrotli, EncodingZstd}

// preference is the server's order among codings the client accepts
// equally. zstd first: at its default level it compresses about as well as
// brotli-5 at several times the speed, and far better than gzip; brotli
// next (better ratios than gzip, universally supported by browsers);
// deflate last because some old clients disagree on whether it is
// zlib-wrapped (RFC 9110 says it is, and that is what we send).
var preference = [...]Encoding{EncodingZstd, EncodingBrotli, EncodingGzip, EncodingDeflate}

// ParseEncoding checks an --encoding value; "" means auto.
func ParseEncoding(s string) (Encoding, error) {
	if s == "" {
		return EncodingAuto, nil
	}
	for _, e := range Encodings {
		if strings.EqualFold(s, string(e)) {
			return e, nil
		}
	}
	return "", fmt.Errorf("unknown encoding \"%s\" (want auto, identity, gzip, deflate, br or zstd)", s)
}

// acceptEncoding is a parsed Accept-Encoding request header (RFC 9110
// §12.5.3). Quality values are in thousandths.
type acceptEncoding struct {
	present bool // the header was sent at all
	codings map[string]int
	star    int // q of "*", -1 if absent
}

func parseAcceptEncoding(values []string) acceptEncoding {
	ae := acceptEncoding{present: len(values) > 0, star: -1}
	for _, v := range values {
		for item := range strings.SplitSeq(v, ",") {
			coding, params, _ := strings.Cut(item, ";")
			coding = strings.ToLower(strings.TrimSpace(coding))
			if coding == "" {
				continue
			}
			if coding == "x-gzip" {
				coding = "gzip"
			}
			q, ok := 1000, true
			for p := range strings.SplitSeq(params, ";") {
				name, val, _ := strings.Cut(p, "=")
				if strings.EqualFold(strings.TrimSpace(name), "q") {
					q, ok = parseQ(strings.TrimSpace(val))
				}
			}
			if !ok {
				continue // a malformed weight: ignore the item, as if unsent
			}
			if coding == "*" {
				if ae.star < 0 {
					ae.star = q
				}
				continue
			}
			if ae.codings == nil {
				ae.codings = make(map[string]int)
			}
			if _, dup := ae.codings[coding]; !dup {
				ae.codings[coding] = q
			}
		}
	}
	return ae
}

// parseQ parses a qvalue ("0", "0.5", "1.000") into thousandths.
func parseQ(s string) (int, bool) {
	if s == "" || len(s) > 5 || (s[0] != '0' && s[0] != '1') {
		return 0, false
	}
	q := int(s[0]-'0') * 1000
	if len(s) > 1 {
		if s[1] != '.' {
			return 0, false
		}
		scale := 100
		for _, c := range s[2:] {
			if c < '0' || c > '9' {
				return 0, false
			}
			q += int(c-'0') * scale
			scale /= 10
		}
	}
	if q > 1000 {
		return 0, false
	}
	return q, true
}

// q returns how much the client wants coding e (thousandths; 0 = not
// acceptable). identity is acceptable unless excluded, but only with the
// lowest positive weight, so that any coding the client lists wins over it.
func (ae acceptEncoding) q(e Encoding) int {
	if !ae.present {
		// No header: any coding is acceptable (RFC 9110), but auto mode
		// does not compress for such clients (see negotiate).
		return 1000
	}
	if q, ok := ae.codings[string(e)]; ok {
		return q
	}
	if ae.star >= 0 {
		if e == EncodingIdentity && ae.star == 0 {
			return 0
		}
		if e != EncodingIdentity {
			return ae.star
		}
	}
	if e == EncodingIdentity {
		return 1
	}
	return 0
}

// statedQ is the weight the client's Accept-Encoding gives e, for the
// record: as q, except that identity neither listed nor refused by
// "*;q=0" is acceptable by default (RFC 9110 §12.5.3), 1000 — q ranks it
// last among acceptable codings with an internal weight of 1, which is
// no weight the client gave (breaker report 1, nit 1: "client_q":0.001).
func (ae acceptEncoding) statedQ(e Encoding) int {
	if _, listed := ae.codings[string(e)]; e == EncodingIdentity && ae.present && !listed && ae.star != 0 {
		return 1000
	}
	return ae.q(e)
}

// accepts reports whether the client accepts coding e.
func (ae acceptEncoding) accepts(e Encoding) bool { return ae.q(e) > 0 }

// negotiate picks the coding to send: the highest weight among the codings
// we have, ties broken by preference, identity only if it weighs more than
// every coding (or no coding is acceptable). A request without
// Accept-Encoding gets identity: the RFC allows anything, but clients that
// send none (curl without --compressed, scripts) cannot decode.
func (ae acceptEncoding) negotiate() Encoding {
	if !ae.present {
		return EncodingIdentity
	}
	best, bestQ := EncodingIdentity, 0
	for _, e := range preference {
		if q := ae.q(e); q > bestQ {
			best, bestQ = e, q
		}
	}
	if bestQ == 0 || ae.q(EncodingIdentity) > bestQ {
		return EncodingIdentity
	}
	return best
}

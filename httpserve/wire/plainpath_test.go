package wire

import (
	"math/rand/v2"
	"net/url"
	"testing"
)

// TestPlainPathAgreesWithURL: every target plainPath lets through is one
// url.ParseRequestURI accepts, so validTarget's shortcut changes no answer.
func TestPlainPathAgreesWithURL(t *testing.T) {
	targets := []string{"/", "/f.bin", "/a/b?c=d&e=%zz", "/x#frag", "/~u/!$&'()*+,;=:@[]", "//evil/path", "/?", "/a?b?c"}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := "/?#%:@[]az09.-_~ \t\x00\x7f\xc3\xa9"
	for range 20000 {
		b := []byte{'/'}
		for range rng.IntN(12) {
			b = append(b, alphabet[rng.IntN(len(alphabet))])
		}
		targets = append(targets, string(b))
	}
	plain := 0
	for _, tg := range targets {
		if !plainPath(tg) {
			continue
		}
		plain++
		if _, err := url.ParseRequestURI(tg); err != nil {
			t.Errorf("plainPath(%q) but ParseRequestURI: %v", tg, err)
		}
	}
	if plain < 1000 {
		t.Errorf("only %d plain targets: the test checks too little", plain)
	}
	for _, tg := range []string{"", "*", "f.bin", "/a%2fb", "/a b", "/\x7f", "/é"} {
		if plainPath(tg) {
			t.Errorf("plainPath(%q) = true", tg)
		}
	}
}

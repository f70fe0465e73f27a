package i18n

import (
	"slices"
	"testing"
)

// Every language fills every string of the catalogue.
func TestEveryLanguageIsComplete(t *testing.T) {
	for _, l := range Langs() {
		if miss := Missing(For(l)); len(miss) > 0 {
			t.Errorf("%s: %d empty strings: %v", l, len(miss), miss)
		}
	}
}

// Missing finds an empty field at any depth, and an empty map value.
func TestMissingFindsEmptyStrings(t *testing.T) {
	txt := English()
	txt.KeyQuit = ""
	txt.Client.StateIdle = ""
	txt.Web.Replies["static"] = ""
	got := Missing(txt)
	slices.Sort(got)
	want := []string{"Client.StateIdle", "KeyQuit", `Web.Replies["static"]`}
	if !slices.Equal(got, want) {
		t.Fatalf("Missing = %v, want %v", got, want)
	}
}

// Each call gives a value of its own: changing one does not change the next.
func TestEnglishIsFresh(t *testing.T) {
	a := English()
	a.Web.Replies["static"] = "changed"
	if English().Web.Replies["static"] == "changed" {
		t.Fatal("English shares its map between calls")
	}
	if For("xx").AppName != English().AppName {
		t.Fatal("an unknown language is not English")
	}
}

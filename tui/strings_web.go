package tui

// WebText holds the Web tab's user-visible strings.
type WebText struct {
	ComingSoon string
}

var englishWeb = WebText{
	ComingSoon: "The Web tab comes in a later version. Other tabs keep running while this one is shown.",
}

package tui

// ClientText holds the Client tab's user-visible strings.
type ClientText struct {
	ComingSoon string
}

var englishClient = ClientText{
	ComingSoon: "The Client tab comes in a later version. Other tabs keep running while this one is shown.",
}

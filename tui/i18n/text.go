package i18n

// Text holds every user-visible string of the TUI, so that a translation
// (the Chinese UI, issue 15) is one more value of this type, not a hunt
// through the code. Format strings say what their verbs are.
type Text struct {
	AppName string

	TabServer, TabClient, TabWeb string

	// Panes and fields.
	ListenLabel    string
	Connections    string
	AllConns       string // the "all connections" row
	Receive        string
	Send           string
	NoData         string
	NoConns        string
	Listening      string // %s address
	StillListening string // %s the address the old listener still holds, after a failed listen
	NotListening   string
	ExposedWarning string
	ListenFailed   string // %v error
	EditAddrHint   string
	ConnOpenedLine string // %d id, %s remote
	ConnDialedLine string // %d id, %s remote: a connection we made (Client tab)
	ConnClosedLine string // %d id, %s reason
	// ConnFINInLine and ConnFINOutLine mark a half-close in the receive
	// pane: the peer's FIN (it sends no more, may still read), or ours.
	ConnFINInLine   string // %d id
	ConnFINOutLine  string // %d id
	DroppedFromView string // %s size
	Following       string
	Scrolled        string // %d position, %d count

	// Send pane.
	SendTo          string // %s target
	TargetAll       string // %d open connections
	TargetConn      string // %d id
	ModeText        string
	ModeHex         string
	OptCRLF         string
	OptEscapes      string
	OptCloseAfter   string
	OptFixLength    string
	PreviewBytes    string // %d byte count
	PreviewChanged  string // %s what FixContentLength changed
	SendPlaceholder string

	// Status messages.
	Sent          string // %d bytes, %s target
	SentClose     string // %d bytes, %s target
	NothingToSend string
	SendFailed    string // %v
	ClosedConn    string // %d
	ClosedAll     string
	RestartedOn   string // %s
	StoppedListen string
	InvalidInput  string // %v

	// Help.
	HelpTitle  string
	HelpClose  string
	HelpScroll string // %d first row, %d last row, %d rows

	// Key help labels.
	KeyQuit, KeyHelp, KeyNextTab, KeyFocusNext, KeyFocusPrev              string
	KeySend, KeyCloseAfter, KeyCRLF, KeyEscapes, KeySendHex, KeyFixLength string
	KeyTemplate, KeyViewHex, KeyTimestamps, KeyFollow, KeyScroll, KeyPage string
	KeyTopBottom, KeySelect, KeyCloseConn, KeyCloseAll, KeyApplyAddr      string
	KeyStopListen, KeyBack, KeyClear                                      string

	// Counters.
	Counters string // %d open, %d conns, %s in, %s out
	// CountersShed follows Counters in the Server tab once connections
	// were shed at the connection cap.
	CountersShed string // %d shed, %d cap

	Client ClientText // the Client tab's strings (strings_client.go)
	Web    WebText    // the Web tab's strings (strings_web.go)

	Compose ComposeText // send-pane features (strings_compose.go)
	View    ViewText    // receive-pane display features (strings_view.go)
	Recv    RecvText    // receive-pane stream decoding and search (recv.go)
	Rules   RulesText   // auto-reply rules (strings_rules.go)
	Root    RootText    // the root's overlays and modes (root.go)
	Editor  EditorText  // send and reply editors: paste, encoding, checker, lessons (editor.go)

	Transport TransportText // UDP and TLS in the tabs, HTTPS in the Web tab (transport.go)
	Errors    ErrorsText    // the conditions errors end in, for common.ErrText (errors.go)
}

// English is the UI text in English, the default. Each call returns a
// fresh value (no package state): the maps in it are the caller's.
func English() Text {
	return Text{
		AppName:   "netassist",
		TabServer: "Server",
		TabClient: "Client",
		TabWeb:    "Web",

		ListenLabel:     "Listen ",
		Connections:     "Connections",
		AllConns:        "All connections",
		Receive:         "Receive",
		Send:            "Send",
		NoData:          "Nothing received yet. Try: curl http://%s/",
		NoConns:         "no connections yet",
		Listening:       "listening on %s",
		StillListening:  "still listening on %s",
		NotListening:    "not listening",
		ExposedWarning:  "reachable from the network",
		ListenFailed:    "cannot listen: %v",
		EditAddrHint:    "edit the address, then enter to listen again",
		ConnOpenedLine:  "#%d connected from %s",
		ConnDialedLine:  "#%d connected to %s",
		ConnClosedLine:  "#%d closed by %s",
		ConnFINInLine:   "#%d peer finished sending (FIN); still open for replies",
		ConnFINOutLine:  "#%d we finished sending (FIN); still reading",
		DroppedFromView: "%s dropped from view (capture budget)",
		Following:       "following",
		Scrolled:        "scrolled %d/%d",

		SendTo:          "to %s",
		TargetAll:       "all (%d open)",
		TargetConn:      "#%d",
		ModeText:        "text",
		ModeHex:         "hex",
		OptCRLF:         "CRLF",
		OptEscapes:      "escapes",
		OptCloseAfter:   "close after",
		OptFixLength:    "fix Content-Length",
		PreviewBytes:    "%d bytes: ",
		PreviewChanged:  " (%s)",
		SendPlaceholder: `Type a reply, e.g. HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi`,

		Sent:          "sent %d bytes to %s",
		SentClose:     "sent %d bytes to %s and closed",
		NothingToSend: "nothing to send: the editor is empty",
		SendFailed:    "send failed: %v",
		ClosedConn:    "closed #%d",
		ClosedAll:     "closed all connections",
		RestartedOn:   "listening on %s",
		StoppedListen: "stopped listening",
		InvalidInput:  "not sent: %v",

		HelpTitle:  "Keys",
		HelpClose:  "press ? or esc to close help",
		HelpScroll: "rows %d–%d of %d · ↑ ↓ pgup pgdn scroll",

		KeyQuit:       "quit",
		KeyHelp:       "help",
		KeyNextTab:    "next tab",
		KeyFocusNext:  "pane",
		KeyFocusPrev:  "pane back",
		KeySend:       "send",
		KeyCloseAfter: "close after send",
		KeyCRLF:       "line breaks as CRLF on/off",
		KeyEscapes:    `escapes \r \n \xHH on/off`,
		KeySendHex:    "type text/hex",
		KeyFixLength:  "fix Content-Length on/off",
		KeyTemplate:   "template",
		KeyViewHex:    "view text/hex",
		KeyTimestamps: "timestamps on/off",
		KeyFollow:     "follow",
		KeyScroll:     "scroll",
		KeyPage:       "page up/down",
		KeyTopBottom:  "top/bottom",
		KeySelect:     "select",
		KeyCloseConn:  "close connection",
		KeyCloseAll:   "close all connections",
		KeyApplyAddr:  "listen here",
		KeyStopListen: "stop listening",
		KeyBack:       "leave field",
		KeyClear:      "clear editor",

		Counters:     "%d open · %d total · in %s · out %s",
		CountersShed: " · %d shed (cap %d)",

		Client: englishClient(),
		Web:    englishWeb(),

		Compose: englishCompose(),
		View:    englishView(),
		Recv:    englishRecv(),
		Rules:   englishRules(),
		Root:    englishRoot(),
		Editor:  englishEditor(),

		Transport: englishTransport(),
		Errors:    englishErrors(),
	}
}

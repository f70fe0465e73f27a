package i18n

// ClientText holds the Client tab's user-visible strings. Format strings
// say what their verbs are.
type ClientText struct {
	// Address line and connection state.
	AddrLabel       string
	AddrPlaceholder string
	StateIdle       string
	StateConnecting string // %s address
	StateConnected  string // %s remote address
	StateVia        string // %s address asked for, %s remote that answered
	StateClosed     string // %s by (peer|local)
	StateHalfClosed string
	ClosedAfter     string // %s duration
	NoEngine        string

	// Status messages.
	Connected      string // %s remote
	ConnectFailed  string // %v error
	Disconnected   string
	HalfClosed     string
	HalfCloseFail  string // %v
	NoAddress      string
	NotConnected   string
	TemplateSet    string // %s template name
	NoEncoding     string
	NoHTTPReply    string
	NoData         string
	SendPaneTarget string // %s remote or address

	// Template picker.
	PickerTitle    string
	PickGET        string
	PickHEAD       string
	PickPOST       string
	PickClose      string
	PickGzip       string
	PickHint       string
	PickPreview    string
	TemplateGET    string
	TemplateHEAD   string
	TemplatePOST   string
	DefaultHost    string
	TemplateAgent  string
	TemplateAccept string
	TemplateForm   string

	// HTTP summary and decoded body.
	SummaryTitle      string
	ResponseNofM      string // %d n, %d total
	HeaderArriving    string
	NoBody            string
	BodyLength        string // %s read, %s declared, %s state
	BodyChunked       string // %s read, %d chunks, %s state
	BodyUntilClose    string // %s read, %s state
	Complete          string
	Incomplete        string
	WaitingLastChunk  string
	StillOpen         string
	ParsedPrefix      string // %s cap
	EncodingHint      string // %s encoding
	MoreHeaders       string // %d hidden
	TrailerPrefix     string
	DecodedTitle      string // %s encoding, %s decoded size, %s wire size
	DecodedIncomplete string
	DecodeError       string // %v
	DecodedEmpty      string
	DecodedCapped     string // %s cap

	// Key help labels.
	KeyConnect    string
	KeyDisconnect string
	KeyReconnect  string
	KeyHalfClose  string
	KeySummary    string
	KeyDecoded    string
	KeyEditAddr   string
	KeyPickMove   string
	KeyPickUse    string
	KeyPickToggle string
	KeyPickClose  string
}

func englishClient() ClientText {
	return ClientText{
		AddrLabel:       "Connect to ",
		AddrPlaceholder: "host:port",
		StateIdle:       "idle",
		StateConnecting: "connecting to %s…",
		StateConnected:  "connected to %s",
		StateVia:        "connected to %s via %s",
		StateClosed:     "closed by %s",
		StateHalfClosed: "FIN sent (reading only)",
		ClosedAfter:     "after %s",
		NoEngine:        "no client engine",

		Connected:      "connected to %s",
		ConnectFailed:  "cannot connect: %v",
		Disconnected:   "disconnected",
		HalfClosed:     "sent FIN: the server sees the end of the request; still reading",
		HalfCloseFail:  "half-close failed: %v",
		NoAddress:      "type an address (host:port) first",
		NotConnected:   "not connected: enter in the address field (or ctrl+r) connects",
		TemplateSet:    "template: %s",
		NoEncoding:     "the reply has no Content-Encoding to decode",
		NoHTTPReply:    "no HTTP reply on this connection yet",
		NoData:         "Nothing received yet. Connect, then ctrl+s sends the request below.",
		SendPaneTarget: "to %s",

		PickerTitle:    "Template",
		PickGET:        "GET /",
		PickHEAD:       "HEAD /",
		PickPOST:       "POST / with a form body",
		PickClose:      "Connection: close (else keep-alive)",
		PickGzip:       "Accept-Encoding: gzip",
		PickHint:       "↑/↓ choose · enter use · space toggle · esc cancel",
		PickPreview:    "preview:",
		TemplateGET:    "GET",
		TemplateHEAD:   "HEAD",
		TemplatePOST:   "POST",
		DefaultHost:    "localhost",
		TemplateAgent:  "netassist",
		TemplateAccept: "*/*",
		TemplateForm:   "name=netassist&msg=hello",

		SummaryTitle:      "HTTP reply",
		ResponseNofM:      "response %d of %d",
		HeaderArriving:    "response header still arriving…",
		NoBody:            "no body",
		BodyLength:        "body %s of Content-Length %s · %s",
		BodyChunked:       "body %s in %d chunks · chunked · %s",
		BodyUntilClose:    "body %s · until the connection closes · %s",
		Complete:          "complete",
		Incomplete:        "incomplete",
		WaitingLastChunk:  "incomplete (no last chunk yet)",
		StillOpen:         "connection still open",
		ParsedPrefix:      "parsed the first %s",
		EncodingHint:      "Content-Encoding %s · alt+z shows the decoded body",
		MoreHeaders:       "… %d more header lines",
		TrailerPrefix:     "trailer ",
		DecodedTitle:      "DECODED body (%s) · %s from %s on the wire · not the raw bytes · alt+z raw",
		DecodedIncomplete: "the body is incomplete: showing what decoded so far",
		DecodeError:       "decode: %v",
		DecodedEmpty:      "(empty decoded body)",
		DecodedCapped:     "showing the first %s",

		KeyConnect:    "connect",
		KeyDisconnect: "disconnect",
		KeyReconnect:  "reconnect",
		KeyHalfClose:  "half-close (send FIN)",
		KeySummary:    "HTTP summary on/off",
		KeyDecoded:    "decoded body / raw bytes",
		KeyEditAddr:   "edit address",
		KeyPickMove:   "choose",
		KeyPickUse:    "use template",
		KeyPickToggle: "toggle option",
		KeyPickClose:  "close picker",
	}
}

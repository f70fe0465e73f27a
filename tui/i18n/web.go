package i18n

// WebText holds the Web tab's user-visible strings. Strings shared with the
// Server tab (the listen field, "reachable from the network", the send
// pane's options) come from Text itself.
type WebText struct {
	NoServer string // the program was started without a web server

	// Listener state.
	Starting        string
	Stopped         string
	AlreadyListens  string // %s address
	Stopping        string
	StoppedStatus   string
	StartedStatus   string // %s address
	NotStartedHint  string
	StopNotListened string

	// Toggles line.
	ToggleEncoding string
	ToggleHold     string
	ToggleCrafted  string
	On, Off        string
	Auto           string

	// Request list.
	Requests      string
	RequestsCount string // %d records
	Legend        string
	NoRequests    string // %s address (or "" when not listening)
	NoRequestsOff string
	ListHeld      string // a held request's state in its row
	ListFIN       string // a held client that half-closed: it still waits
	ListGone      string // status column: the client left while held
	ListDropped   string // status column: dropped without a reply

	// Raw and parsed panes.
	Raw            string
	Parsed         string
	RawTitle       string // %d exchange ID, %s text or hex, %s method and target
	ParsedTitle    string // %d exchange ID, %s method and target
	RawTruncated   string
	RawBodyPartial string // %s shown, %s total
	NothingRaw     string
	NoSelection    string
	RawIn          string // %s size
	RawInBody      string // %s size, %s head, %s body
	RawOut         string // %s size, %s head, %s body, %s " coding" or ""
	RawOutHeld     string
	RawOutNone     string
	RawOmitted     string // %s bytes
	RawHidden      string // %s bytes
	RawEvicted     string // %s bytes
	BodyCutOf      string // %s kept, %s announced, %s never read
	BodyCut        string // %s kept
	// BodyCutExpect: the request said Expect: 100-continue, so its
	// client holds the body back until the server asks for it; the
	// server answered without asking.
	BodyCutExpect string // %s arrived, %s announced, %s not sent
	ReqBodyWhole  string // %s kept, %s announced

	RequestLabel      string
	ClientLabel       string
	SentLabel         string
	WhyLabel          string
	ReqBodyLabel      string
	HeadersLabel      string // %d count
	NoHeaders         string
	ResponseLabel     string
	StatusLabel       string
	NoResponse        string
	NoResponseHeld    string
	BodyLabel         string
	TimeLabel         string
	NoteLabel         string
	HeldFor           string // %s duration
	ChoiceArrow       string // %s encoding (after the Accept-Encoding header)
	NoAccept          string
	Negotiated        string
	Forced            string
	Overrode          string
	ForcedOverrode    string
	NoContentEncoding string
	RefusesIdentity   string
	// Why puts httpserve.Exchange.Why in words.
	Why                     map[string]string
	WhyNegotiatedQ          string // %s the client's q-value
	OverrodeNotAccepted     string // %s coding
	OverrodeRefusedIdentity string
	BodyEncoded             string // %s raw, %s encoded, %s coding, %.0f percent
	BodyIdentity            string // %s size
	Replies                 map[string]string

	// Reply (send) pane and held list.
	ReplyTitle      string
	ReplyFor        string // %d exchange ID
	ReplyLive       string // shown while hand-crafted mode serves the pane's bytes
	ReplyTemplate   string // a valid reply: keep Content-Length equal to the body when translating
	Held            string // %d count
	NothingHeld     string
	HoldOffHint     string
	HeldRow         string // %d ID, %d conn, %s method, %s target
	TimeLeft        string // %d seconds
	NothingToReply  string
	Released        string // %d ID, %d bytes
	ServedNormally  string // %d ID
	Dropped         string // %d ID
	ReplyFailed     string // %v
	EncodingStatus  string // %s encoding
	EncodingAutoSt  string
	HoldOnStatus    string
	HoldOffStatus   string
	CraftedOnStatus string // %d bytes
	CraftedOff      string
	CraftedInvalid  string // %v

	// Counters: %d requests, %d open, %s in, %s out.
	Counters     string
	CountersHeld string // %d held

	// Key help labels.
	KeyEncoding, KeyHold, KeyCrafted, KeyReply, KeyServe, KeyDrop string
	KeyEditReply, KeyListenWeb, KeyStopWeb, KeySelect, KeyNewest  string
	KeyZoom                                                       string

	Lab  LabText  // the encoding lab (lab.go)
	Diff DiffText // the request diff (diff.go)
}

func englishWeb() WebText {
	return WebText{
		NoServer: "No web server in this session.",

		Starting:        "starting…",
		Stopped:         "stopped — enter in the address field listens again",
		AlreadyListens:  "already listening on %s (the web server cannot move; restart netassist to change it)",
		Stopping:        "stopping the web server…",
		StoppedStatus:   "web server stopped listening (open connections stay)",
		StartedStatus:   "web server listening on %s",
		NotStartedHint:  "enter to start",
		StopNotListened: "the web server is not listening",

		ToggleEncoding: "encoding",
		ToggleHold:     "hold",
		ToggleCrafted:  "hand-crafted",
		On:             "on",
		Off:            "off",
		Auto:           "auto (negotiate)",

		Requests:      "Requests",
		RequestsCount: "%d",
		Legend:        "* forced  ! overrode the client  ◆ marked",
		NoRequests:    "No requests yet. Try: curl --compressed http://%s/",
		NoRequestsOff: "No requests yet. Start the server: tab to the address, enter.",
		ListHeld:      "held",
		ListFIN:       "FIN",
		ListGone:      "gone",
		ListDropped:   "drop",

		Raw:            "Raw",
		Parsed:         "Parsed",
		RawTitle:       "Raw #%d · %s · %s",
		ParsedTitle:    "Parsed #%d · %s",
		RawTruncated:   "head truncated",
		RawBodyPartial: "body: first %s of %s shown",
		NothingRaw:     "(no request bytes: net/http refused the connection's bytes before a request line)",
		NoSelection:    "Select a request in the list.",
		RawIn:          "◀ in · request · %s",
		RawInBody:      "◀ in · request · %s (head %s, body %s)",
		RawOut:         "▶ out · response · %s (head %s, body %s%s)",
		RawOutHeld:     "▶ out · nothing yet: the request is held — write the reply below",
		RawOutNone:     "▶ out · no response was sent",
		RawOmitted:     "%s more sent with sendfile, not captured: a file is captured as a prefix",
		RawHidden:      "%s more captured, not drawn here",
		RawEvicted:     "%s no longer in memory (capture budget)",
		BodyCutOf:      "request body: %s of %s announced kept — %s never read: the server answered without reading it",
		BodyCut:        "request body cut: %s kept — the server answered before its end",
		BodyCutExpect:  "request body: %s of %s announced arrived — %s never sent: the client waits for 100 Continue (Expect: 100-continue), and the server answered without asking for the body",
		ReqBodyWhole:   "%s of %s announced",

		RequestLabel:      "Request",
		ClientLabel:       "Client",
		SentLabel:         "Sent",
		WhyLabel:          "Why",
		ReqBodyLabel:      "Req body",
		HeadersLabel:      "Request headers (%d, wire order)",
		NoHeaders:         "(none)",
		ResponseLabel:     "Response headers",
		StatusLabel:       "Status",
		NoResponse:        "(no response was sent)",
		NoResponseHeld:    "(none yet: held — write the reply below)",
		BodyLabel:         "Body",
		TimeLabel:         "Time",
		NoteLabel:         "Note",
		HeldFor:           "held %s",
		ChoiceArrow:       "⇒ sent %s",
		NoAccept:          "(no Accept-Encoding)",
		Negotiated:        "negotiated",
		Forced:            "forced",
		Overrode:          "overrode the client",
		ForcedOverrode:    "forced, overrode the client",
		NoContentEncoding: "no Content-Encoding: none (identity)",
		RefusesIdentity:   "refuses identity: wants an encoded body",
		Why: map[string]string{
			"negotiated":         "negotiated from Accept-Encoding",
			"forced":             "forced by the server's encoding setting (alt+n)",
			"no-accept-encoding": "the client sent no Accept-Encoding: identity",
			"not-compressible":   "not worth encoding (its type or size), or no file served",
			"range":              "a Range request: never encoded",
			"status":             "not a 200 response: sent as it is",
			"crafted":            "a hand-crafted reply: its own header says",
		},
		WhyNegotiatedQ:          "negotiated: the client gave it q=%s, the best we have",
		OverrodeNotAccepted:     "overrode the client: it does not accept %s",
		OverrodeRefusedIdentity: "overrode the client: it refused identity",
		BodyEncoded:             "%s raw → %s %s (%.0f%%)",
		BodyIdentity:            "%s (identity)",
		Replies: map[string]string{
			"static":   "served from the site",
			"crafted":  "hand-crafted reply",
			"timeout":  "hold timed out",
			"dropped":  "dropped without a reply",
			"gone":     "client left while held",
			"shutdown": "server shut down while held",
			"rejected": "refused by net/http",
		},

		ReplyTitle:      "Reply",
		ReplyFor:        "for held #%d",
		ReplyLive:       "served to every request",
		ReplyTemplate:   "HTTP/1.1 200 OK\nContent-Type: text/plain; charset=utf-8\nContent-Length: 25\n\nhand-crafted by netassist",
		Held:            "Held (%d)",
		NothingHeld:     "nothing held: requests wait here",
		HoldOffHint:     "hold is off",
		HeldRow:         "#%d c%d %s %s",
		TimeLeft:        "%ds",
		NothingToReply:  "no held request to reply to",
		Released:        "replied to #%d with %d bytes",
		ServedNormally:  "#%d served normally",
		Dropped:         "#%d dropped: connection closed without a reply",
		ReplyFailed:     "reply failed: %v",
		EncodingStatus:  "encoding forced to %s for the next requests",
		EncodingAutoSt:  "encoding negotiated from Accept-Encoding again",
		HoldOnStatus:    "hold on: each request waits for your reply",
		HoldOffStatus:   "hold off (requests already held still wait)",
		CraftedOnStatus: "hand-crafted mode on: every request gets these %d bytes",
		CraftedOff:      "hand-crafted mode off: serving the site",
		CraftedInvalid:  "hand-crafted reply not updated: %v",

		Counters:     "%d requests · %d open · in %s · out %s",
		CountersHeld: " · %d held",

		KeyEncoding:  "cycle encoding",
		KeyHold:      "hold on/off",
		KeyCrafted:   "hand-crafted on/off",
		KeyReply:     "reply to held",
		KeyServe:     "serve held normally",
		KeyDrop:      "drop held (no reply)",
		KeyEditReply: "edit the reply",
		KeyListenWeb: "start server",
		KeyStopWeb:   "stop listening",
		KeySelect:    "select request",
		KeyNewest:    "follow newest",
		KeyZoom:      "zoom pane",

		Lab:  englishLab(),
		Diff: englishDiff(),
	}
}

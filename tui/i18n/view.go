package i18n

// ViewText holds the user-visible strings of the receive-pane display
// features (pause, clear, show sent, encoding, save, copy, chunk
// checksums). Format strings say what their verbs are.
type ViewText struct {
	// Pane title badges.
	Paused        string
	PausedWaiting string // %s size waiting
	SentHidden    string
	Selecting     string
	ClearedEmpty  string // the pane body after a clear, until new data

	// Status messages.
	PausedStatus    string
	Resumed         string
	SentShown       string
	SentHiddenMsg   string
	EncodingSet     string // %s encoding name
	ClearedStatus   string
	NoChunkToSelect string
	SelectionGone   string
	ChecksumsTitle  string // %d conn, %s direction, %s size
	ChecksumsStatus string // %d conn, %s size
	Copied          string // %d characters, %s form (text/hex), %d conn
	CopyTooBig      string // %s size, %s limit
	FormText        string
	FormHex         string
	Saving          string // %s file
	SavedConn       string // %s size, %d conn, %s file
	SavedSession    string // %d events, %s size of data, %s file
	SaveDropped     string // %s size that left memory
	SaveFailed      string // %v error
	NoConnToSave    string

	// Status bar.
	Recording     string // %s file
	RecordStopped string // %s file

	// Key help labels.
	KeyPause, KeyShowSent, KeyEncoding, KeyClearView, KeySelect  string
	KeySelectMove, KeyChecksums, KeyCopy, KeySelectExit, KeySave string
	KeySaveSession, KeySaveBoth                                  string
}

func englishView() ViewText {
	return ViewText{
		Paused:        "paused",
		PausedWaiting: "paused · %s waiting",
		SentHidden:    "sent hidden",
		Selecting:     "select",
		ClearedEmpty:  "Display cleared: new data appears here (nothing was deleted).",

		PausedStatus:    "display paused: data keeps arriving and counting (p or alt+q resumes)",
		Resumed:         "display resumed",
		SentShown:       "showing sent data",
		SentHiddenMsg:   "hiding sent data",
		EncodingSet:     "receive encoding: %s",
		ClearedStatus:   "display cleared (the capture and its counters are kept)",
		NoChunkToSelect: "no data on screen to select",
		SelectionGone:   "the selected chunk has left memory (capture budget)",
		ChecksumsTitle:  "Checksums · #%d %s %s",
		ChecksumsStatus: "checksums of a %[2]s chunk of #%[1]d",
		Copied:          "copied %d characters (%s) of a #%d chunk to the clipboard",
		CopyTooBig:      "not copied: %s is more than the %s a terminal clipboard takes",
		FormText:        "text",
		FormHex:         "hex",
		Saving:          "saving to %s…",
		SavedConn:       "saved %[3]s (%[1]s received on #%[2]d)",
		SavedSession:    "saved %[3]s (%[1]d events, %[2]s of data)",
		SaveDropped:     " — %s had left memory before (capture budget); a --record file keeps everything",
		SaveFailed:      "save failed: %v",
		NoConnToSave:    "select a connection in the list first (w saves one connection's received bytes)",

		Recording:     "● rec %s",
		RecordStopped: "✗ rec %s stopped",

		KeyPause:       "pause/resume display",
		KeyShowSent:    "show sent on/off",
		KeyEncoding:    "encoding UTF-8/GBK/GB18030/Latin-1",
		KeyClearView:   "clear display",
		KeySelect:      "select a chunk (checksums, copy)",
		KeySelectMove:  "previous/next chunk",
		KeyChecksums:   "checksums",
		KeyCopy:        "copy (text or hex)",
		KeySelectExit:  "leave selection",
		KeySave:        "save connection's received bytes",
		KeySaveSession: "save session (JSON Lines)",
		KeySaveBoth:    "save conn bytes / session .jsonl",
	}
}

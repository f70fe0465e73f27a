package i18n

// ComposeText holds the user-visible strings of the send-pane features
// (repeat, file, history, macros, checksum trailer). Format strings say
// what their verbs are.
type ComposeText struct {
	// Send pane title badges.
	OptChecksum  string // %s checksum title ("CRC-16/MODBUS")
	RepeatBadge  string // %s interval, %d sends so far
	FileBadge    string // %s file name
	HistoryBadge string // %d position, %d entries

	// Prompts (the line under the send box while one is open).
	RepeatPrompt  string
	RepeatHint    string
	FilePrompt    string
	FileHint      string
	FileMatches   string // %s candidate names
	FileNoMatch   string
	BadInterval   string // %s what was typed (in quotes)
	IntervalRange string // %s shortest, %s longest

	// File progress line.
	FileProgress string // %s name, %s done, %s total, %s bar
	FileDone     string // %s name, %s size
	FileCancel   string

	// Status messages.
	RepeatStarted   string // %s interval, %s target
	RepeatStopped   string // %d sends
	RepeatEnded     string // %d sends, %v error
	RepeatBehind    string // %s size queued
	FileSent        string // %s name, %s size, %s target
	FileFailed      string // %s name, %s written, %s size, %v error
	FileCancelled   string // %s name, %s sent, %s total
	FileBusy        string
	CannotRead      string // %v error
	CannotReadPath  string // %s path, %v error
	NoTarget        string // %v why
	ChecksumSet     string // %s title
	ChecksumOff     string
	HistoryEmpty    string
	HistoryRecalled string // %d position, %d entries
	HistoryDraft    string
	HistoryLoadFail string // %v
	HistorySaveFail string // %v

	// Key help labels.
	KeyRepeat, KeyChecksum, KeySendFile, KeyHistPrev, KeyHistNext string
	KeyHistory                                                    string
	KeyComplete, KeyAccept, KeyCancel                             string
}

func englishCompose() ComposeText {
	return ComposeText{
		OptChecksum:  "+%s",
		RepeatBadge:  "⟳ every %s · %d sent",
		FileBadge:    "⇪ %s",
		HistoryBadge: "history %d/%d",

		RepeatPrompt:  "Repeat every ",
		RepeatHint:    "enter start · esc cancel · 1ms to 1h, e.g. 100ms, 2s",
		FilePrompt:    "Send file ",
		FileHint:      "tab complete · enter send · esc cancel",
		FileMatches:   "matches: %s",
		FileNoMatch:   "no match",
		BadInterval:   "\"%s\" is not a duration (write it like 10ms, 1.5s, 2m)",
		IntervalRange: "the interval must be from %s to %s",

		FileProgress: "%s %s %s / %s",
		FileDone:     "✓ %s sent · %s",
		FileCancel:   " · esc cancel",

		RepeatStarted:   "repeating every %s to %s (alt+y stops)",
		RepeatStopped:   "repeat stopped after %d sends",
		RepeatEnded:     "repeat stopped after %d sends: %v",
		RepeatBehind:    "the peer is not reading: %s queued",
		FileSent:        "sent %s (%s) to %s",
		FileFailed:      "sending %s failed after %s of %s: %v",
		FileCancelled:   "cancelled sending %s after %s of %s",
		FileBusy:        "a file is being sent: esc cancels it first",
		CannotRead:      "cannot read the file: %v",
		CannotReadPath:  "cannot read %s: %v",
		NoTarget:        "nowhere to send: %v",
		ChecksumSet:     "checksum trailer: %s appended to each send",
		ChecksumOff:     "checksum trailer off",
		HistoryEmpty:    "no send history yet in this tab",
		HistoryRecalled: "history %d of %d (alt+↑ older, alt+↓ newer)",
		HistoryDraft:    "back to what you were typing",
		HistoryLoadFail: "send history not loaded: %v",
		HistorySaveFail: "send history not saved: %v",

		KeyRepeat:   "repeat send start/stop",
		KeyChecksum: "checksum trailer none/sum8/xor8/crc16/crc32",
		KeySendFile: "send a file",
		KeyHistPrev: "older sent message",
		KeyHistNext: "newer sent message",
		KeyHistory:  "recall sent messages",
		KeyComplete: "complete path",
		KeyAccept:   "accept",
		KeyCancel:   "cancel",
	}
}

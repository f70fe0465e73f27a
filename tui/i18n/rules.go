package i18n

// RulesText holds the user-visible strings of the auto-reply rules editor (Server tab).
type RulesText struct {
	// The list.
	Title       string // %d rules
	Empty       string
	On, Off     string
	Hits        string // %d hits
	CloseTag    string
	HexTag      string // before a hex pattern or reply
	Invalid     string // marks a rule that does not compile
	NotApplied  string // %v compile error: the list is not in force
	LoadFailed  string // %v
	NotSaving   string
	Unavailable string

	// The form.
	AddTitle           string
	EditTitle          string // %d rule number
	FieldMatch         string
	FieldPattern       string
	FieldPatternHex    string
	FieldReply         string
	FieldReplyHex      string
	FieldCloseAfter    string
	Contains           string
	Prefix             string
	Regex              string
	PatternPlaceholder string
	ReplyPlaceholder   string
	Valid              string // %d pattern bytes
	ValidRegex         string // %d groups
	FormError          string // %v

	// Status messages; each is followed by Saved or SaveFailed.
	Added      string // %d rule number
	Changed    string // %d
	Deleted    string // %d
	Enabled    string // %d
	Disabled   string // %d
	Moved      string // %d from, %d to
	SavedAll   string // %d rule count
	Saved      string // %s what happened, %s path
	SaveFailed string // %s what happened, %v error

	// Key help labels.
	KeyOpen, KeySelect, KeyAdd, KeyEdit, KeyDelete, KeyToggle string
	KeyMoveUp, KeyMoveDown, KeySave, KeyClose                 string
	KeyApply, KeyCancel, KeyNextField, KeyPrevField, KeyCycle string
}

func englishRules() RulesText {
	return RulesText{
		Title:       "Auto-reply rules · %d · first match wins",
		Empty:       "No rules yet. Press a to add one: when received bytes contain, start with or match X, reply Y.",
		On:          "on ",
		Off:         "off",
		Hits:        "%d hits",
		CloseTag:    "+close",
		HexTag:      "hex ",
		Invalid:     "⚠",
		NotApplied:  "not applied: %v",
		LoadFailed:  "cannot read the saved rules: %v",
		NotSaving:   "not saved automatically, so the unreadable file is kept; s saves over it",
		Unavailable: "auto-reply rules are not available in this run",

		AddTitle:           "New rule",
		EditTitle:          "Rule %d",
		FieldMatch:         "When received",
		FieldPattern:       "Pattern",
		FieldPatternHex:    "Pattern is hex",
		FieldReply:         "Reply",
		FieldReplyHex:      "Reply is hex",
		FieldCloseAfter:    "Close after reply",
		Contains:           "contains",
		Prefix:             "starts with",
		Regex:              "matches regex",
		PatternPlaceholder: `e.g. PING or \x02 or ^GET (\S+)`,
		ReplyPlaceholder:   `e.g. PONG\r\n or you asked for $1`,
		Valid:              "✓ valid: the pattern is %d bytes",
		ValidRegex:         "✓ valid: regex with %d group(s), usable as $1…$9 in the reply",
		FormError:          "✗ %v",

		Added:      "added rule %d",
		Changed:    "changed rule %d",
		Deleted:    "deleted rule %d",
		Enabled:    "rule %d on",
		Disabled:   "rule %d off",
		Moved:      "moved rule %d to %d",
		SavedAll:   "%d rules",
		Saved:      "%s · saved to %s",
		SaveFailed: "%s · not saved: %v",

		KeyOpen:      "auto-reply rules",
		KeySelect:    "select rule",
		KeyAdd:       "add rule",
		KeyEdit:      "edit rule",
		KeyDelete:    "delete rule",
		KeyToggle:    "rule on/off",
		KeyMoveUp:    "move rule up",
		KeyMoveDown:  "move rule down",
		KeySave:      "save rules",
		KeyClose:     "close rules",
		KeyApply:     "apply rule",
		KeyCancel:    "cancel",
		KeyNextField: "next field",
		KeyPrevField: "previous field",
		KeyCycle:     "change choice",
	}
}

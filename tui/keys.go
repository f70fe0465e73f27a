package tui

import "charm.land/bubbles/v2/key"

// KeyMap is every key binding of the TUI. Global bindings use ctrl, alt or
// function keys so they never collide with typing in an editor; plain
// letters act only when the focused pane is not an editor.
type KeyMap struct {
	// Global.
	Quit      key.Binding // ctrl+c anywhere
	QuitPlain key.Binding // q when not typing
	Help      key.Binding
	NextTab   key.Binding
	Tab1      key.Binding
	Tab2      key.Binding
	Tab3      key.Binding
	FocusNext key.Binding
	FocusPrev key.Binding
	Back      key.Binding

	// Send pane (work from any pane of a tab that sends).
	Send       key.Binding
	CloseAfter key.Binding
	CRLF       key.Binding
	Escapes    key.Binding
	SendHex    key.Binding
	FixLength  key.Binding
	Template   key.Binding
	Clear      key.Binding

	// Receive pane view options (any pane: alt; receive pane: plain).
	ViewHex       key.Binding
	Timestamps    key.Binding
	ViewHexPlain  key.Binding
	TimesPlain    key.Binding
	Follow        key.Binding
	Up            key.Binding
	Down          key.Binding
	PageUp        key.Binding
	PageDown      key.Binding
	Top           key.Binding
	Bottom        key.Binding
	CloseConn     key.Binding
	CloseAllConns key.Binding

	// Address field.
	ApplyAddr  key.Binding
	StopListen key.Binding

	Client ClientKeys // the Client tab's own keys (keys_client.go)
	Web    WebKeys    // the Web tab's own keys (keys_web.go)

	Compose ComposeKeys // send-pane features (keys_compose.go)
	View    ViewKeys    // receive-pane display features (keys_view.go)
	Rules   RulesKeys   // auto-reply rules (keys_rules.go)
}

// DefaultKeyMap returns the key bindings, labelled with the strings of t.
func DefaultKeyMap(t Text) KeyMap {
	b := func(help string, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return KeyMap{
		Quit:      b("ctrl+c", t.KeyQuit, "ctrl+c"),
		QuitPlain: b("q", t.KeyQuit, "q"),
		Help:      b("?", t.KeyHelp, "?", "f1"),
		NextTab:   b("ctrl+n", t.KeyNextTab, "ctrl+n"),
		Tab1:      b("alt+1", t.TabServer, "alt+1", "f2"),
		Tab2:      b("alt+2", t.TabClient, "alt+2", "f3"),
		Tab3:      b("alt+3", t.TabWeb, "alt+3", "f4"),
		FocusNext: b("tab", t.KeyFocusNext, "tab"),
		FocusPrev: b("shift+tab", t.KeyFocusPrev, "shift+tab"),
		Back:      b("esc", t.KeyBack, "esc"),

		Send:       b("ctrl+s", t.KeySend, "ctrl+s", "alt+enter"),
		CloseAfter: b("alt+c", t.KeyCloseAfter, "alt+c"),
		CRLF:       b("alt+r", t.KeyCRLF, "alt+r"),
		Escapes:    b("alt+e", t.KeyEscapes, "alt+e"),
		SendHex:    b("alt+h", t.KeySendHex, "alt+h"),
		FixLength:  b("alt+l", t.KeyFixLength, "alt+l"),
		Template:   b("alt+t", t.KeyTemplate, "alt+t"),
		Clear:      b("alt+k", t.KeyClear, "alt+k"),

		ViewHex:       b("alt+x", t.KeyViewHex, "alt+x"),
		Timestamps:    b("alt+d", t.KeyTimestamps, "alt+d"),
		ViewHexPlain:  b("x", t.KeyViewHex, "x"),
		TimesPlain:    b("d", t.KeyTimestamps, "d"),
		Follow:        b("end/G", t.KeyFollow, "end", "G"),
		Up:            b("↑/k", t.KeyScroll, "up", "k"),
		Down:          b("↓/j", t.KeyScroll, "down", "j"),
		PageUp:        b("pgup", t.KeyPage, "pgup", "b"),
		PageDown:      b("pgdn", t.KeyPage, "pgdown", "f", "space"),
		Top:           b("home/g", t.KeyTopBottom, "home", "g"),
		Bottom:        b("end/G", t.KeyTopBottom, "end", "G"),
		CloseConn:     b("delete", t.KeyCloseConn, "delete", "backspace"),
		CloseAllConns: b("alt+delete", t.KeyCloseAll, "alt+delete", "ctrl+delete"),

		ApplyAddr:  b("enter", t.KeyApplyAddr, "enter"),
		StopListen: b("alt+s", t.KeyStopListen, "alt+s"),

		Client: defaultClientKeys(t),
		Web:    defaultWebKeys(t),

		Compose: defaultComposeKeys(t),
		View:    defaultViewKeys(t),
		Rules:   defaultRulesKeys(t),
	}
}

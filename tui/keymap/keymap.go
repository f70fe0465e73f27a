// Package keymap holds the TUI's one KeyMap: every key binding, with the
// help text bubbles/help draws, built once from the message catalogue and
// shared by pointer. Panes match keys with key.Matches against it; no key
// string is spelled out in an Update.
package keymap

import (
	"charm.land/bubbles/v2/key"

	"github.com/netassist/netassist/tui/i18n"
)

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

	Client ClientKeys // the Client tab's own keys (client.go)
	Web    WebKeys    // the Web tab's own keys (web.go)

	Compose ComposeKeys // send-pane features (compose.go)
	View    ViewKeys    // receive-pane display features (view.go)
	Search  SearchKeys  // search in the receive and raw panes (search.go)
	Rules   RulesKeys   // auto-reply rules (rules.go)
	Root    RootKeys    // the root's overlays and modes (root.go)
	Editor  EditorKeys  // send and reply editors: encoding, checker (editor.go)

	Transport TransportKeys // UDP and TLS in the Server and Client tabs (transport.go)
}

// Default returns the key bindings, labelled with the strings of t.
func Default(t i18n.Text) KeyMap {
	return KeyMap{
		Quit:      bind("ctrl+c", t.KeyQuit, "ctrl+c"),
		QuitPlain: bind("q", t.KeyQuit, "q"),
		Help:      bind("?", t.KeyHelp, "?", "f1"),
		NextTab:   bind("ctrl+n", t.KeyNextTab, "ctrl+n"),
		Tab1:      bind("alt+1", t.TabServer, "alt+1", "f2"),
		Tab2:      bind("alt+2", t.TabClient, "alt+2", "f3"),
		Tab3:      bind("alt+3", t.TabWeb, "alt+3", "f4"),
		FocusNext: bind("tab", t.KeyFocusNext, "tab"),
		FocusPrev: bind("shift+tab", t.KeyFocusPrev, "shift+tab"),
		Back:      bind("esc", t.KeyBack, "esc"),

		Send:       bind("ctrl+s", t.KeySend, "ctrl+s", "alt+enter"),
		CloseAfter: bind("alt+c", t.KeyCloseAfter, "alt+c"),
		CRLF:       bind("alt+r", t.KeyCRLF, "alt+r"),
		Escapes:    bind("alt+e", t.KeyEscapes, "alt+e"),
		SendHex:    bind("alt+h", t.KeySendHex, "alt+h"),
		FixLength:  bind("alt+l", t.KeyFixLength, "alt+l"),
		Template:   bind("alt+t", t.KeyTemplate, "alt+t"),
		Clear:      bind("alt+k", t.KeyClear, "alt+k"),

		ViewHex:       bind("alt+x", t.KeyViewHex, "alt+x"),
		Timestamps:    bind("alt+d", t.KeyTimestamps, "alt+d"),
		ViewHexPlain:  bind("x", t.KeyViewHex, "x"),
		TimesPlain:    bind("d", t.KeyTimestamps, "d"),
		Follow:        bind("end/G", t.KeyFollow, "end", "G"),
		Up:            bind("↑/k", t.KeyScroll, "up", "k"),
		Down:          bind("↓/j", t.KeyScroll, "down", "j"),
		PageUp:        bind("pgup", t.KeyPage, "pgup", "b"),
		PageDown:      bind("pgdn", t.KeyPage, "pgdown", "f", "space"),
		Top:           bind("home/g", t.KeyTopBottom, "home", "g"),
		Bottom:        bind("end/G", t.KeyTopBottom, "end", "G"),
		CloseConn:     bind("delete", t.KeyCloseConn, "delete", "backspace"),
		CloseAllConns: bind("alt+delete", t.KeyCloseAll, "alt+delete", "ctrl+delete"),

		ApplyAddr:  bind("enter", t.KeyApplyAddr, "enter"),
		StopListen: bind("alt+s", t.KeyStopListen, "alt+s"),

		Client: defaultClientKeys(t),
		Web:    defaultWebKeys(t),

		Compose: defaultComposeKeys(t),
		View:    defaultViewKeys(t),
		Search:  defaultSearchKeys(t),
		Rules:   defaultRulesKeys(t),
		Root:    defaultRootKeys(t),
		Editor:  defaultEditorKeys(t),

		Transport: defaultTransportKeys(t),
	}
}

// bind is a binding on keys whose help shows help and desc.
func bind(help, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

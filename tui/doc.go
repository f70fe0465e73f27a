// Package tui is the terminal UI of netassist: Bubble Tea models only. It
// talks to the engines (netassist, httpserve) through their APIs and never
// touches a socket.
//
// The code stands in layers, each importing only those below it:
//
//	tui                  the root Model: tab bar, each tab's own status
//	                     line (wrapped whole), key hints that fit, the full
//	                     help, the overlays (message log f9, annotated view
//	                     f7), presenter mode (f8), the export keys
//	                     (f10–f12), the too-small notice, and routing (keys
//	                     and pastes to the shown tab, async results to the
//	                     tab their Route names, statuses tagged with their
//	                     tab)
//	tui/tabs/server      the Server tab: connection list, rules view
//	tui/tabs/client      the Client tab: template picker, HTTP summary
//	tui/tabs/web         the Web tab: request list, raw and parsed panes,
//	                     held list, hand-crafted reply
//	tui/components/...   one pane per package: tabframe (the skeleton every
//	                     tab is built on: focus ring with an overlay slot,
//	                     shared keys, layout), addrbar, recvpane, sendpane
//	                     (and its one send helper), connlist, weblist,
//	                     docpane, heldlist, picker, rules, ruleform,
//	                     msglog, annotate (the root's overlays)
//	tui/common           Common (handed to every constructor), the pane
//	                     interfaces (Component, Focusable, Tab, Routed), the
//	                     status message, Box, sizes, Safe, ScrollKey
//	tui/styles, tui/keymap, tui/i18n
//	                     the one Styles, the one KeyMap, the message
//	                     catalogue (every user-visible string)
//
// tui/internal/tuitest holds the shared test helpers: keys, a fake clock,
// a refused address, a teatest harness and Host, which runs one tab as a
// program so each tab's package tests it on its own.
package tui

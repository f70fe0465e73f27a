package tui

import tea "charm.land/bubbletea/v2"

// composeKey gives the Server tab's keys to the send pane's features first;
// opening a field moves the focus to the send pane, where the field is.
func (t *serverTab) composeKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	wasOpen := t.send.prompting()
	cmd, ok := t.send.key(msg, t.keys, t.serverTarget)
	if ok && (t.send.prompting() && !wasOpen || t.send.hist.pos >= 0) && t.focus != focusSend {
		cmd = tea.Batch(cmd, t.setFocus(focusSend))
	}
	return cmd, ok
}

// composeKey is the Client tab's counterpart of serverTab.composeKey.
func (t *clientTab) composeKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	wasOpen := t.send.prompting()
	cmd, ok := t.send.key(msg, t.keys, t.clientTarget)
	if ok && (t.send.prompting() && !wasOpen || t.send.hist.pos >= 0) && t.focus != cfocusSend {
		cmd = tea.Batch(cmd, t.setFocus(cfocusSend))
	}
	return cmd, ok
}

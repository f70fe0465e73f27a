package i18n

// TransportText holds the strings of UDP and TLS in the Server and Client
// tabs (issue 16 item 3): the protocol switch, what the address line, the
// connection list and the receive pane say of a transport, the connection
// details view, and the send pane's datagram split; and the Web tab's
// HTTPS. Protocol names (TCP, TLS, UDP, HTTPS), cipher suites, TLS
// versions and fingerprints are network terms and stay as they are.
type TransportText struct {
	// The tags before the address field.
	TCP, TLS, UDP, HTTPS string

	KeySwitch, KeyInfo, KeyAddPeer string

	// Sending to an address on UDP (the peer list's add-peer field).
	AddPeerLabel  string
	PeerAdded     string // %d id, %s address
	AddPeerFailed string // %s address, %v why
	// AddPeerRefused follows the add-peer field that still holds the
	// address: %s why.
	AddPeerRefused string

	// Status lines.
	NextListen   string // %s protocol: not listening, the next listen uses it
	NextConnect  string // %s protocol: the next connect uses it
	ListeningTLS string // %s address, %s certificate fingerprint
	ListeningUDP string // %s address
	CertFailed   string // %v why
	NoHalfClose  string // alt+f on UDP

	// The Client tab's address line on UDP, and ICMP refusals.
	UDPReady string // %s remote

	// The Server tab's empty receive pane: how to send it something.
	NoDataTLS string // %s address
	NoDataUDP string // %s address
	// The Web tab's empty request list on HTTPS.
	NoRequestsTLS string // %s address
	Refused       string // %d ICMP "port unreachable" answers

	// Receive pane.
	Decrypted      string // the title's label on TLS
	PeerOpenedLine string // %d id, %s remote: a UDP peer's first datagram
	PeerDialedLine string // %d id, %s remote: the Client tab's UDP peer (it sends first)
	Truncated      string // a datagram cut by the read buffer

	// Connection list on UDP.
	Peers    string // the list's title
	AllPeers string // the list's first row
	NoPeers  string // the empty list
	LastSeen string // %s clock time: a peer's row

	// The connection details (the list's foot and the alt+i view).
	InfoTitle    string // %s what: "Details · #3"
	InfoListener string // the listening socket, for InfoTitle
	InfoHint     string // how to close the view
	InfoNothing  string // nothing to show yet
	ListenProto  string // %s protocol, %s address
	CertMade     string // a self-signed certificate (made at start, or --cert's)
	CertLoaded   string // %s issuer: a certificate from --cert signed by a CA
	CertFor      string // %s names
	CertSHA      string // the fingerprint's label
	CertExpires  string // %s date
	ConnProto    string // %d id, %s protocol, %s remote
	ConnLocal    string // %s local address
	TLSSession   string // %s version: "TLS 1.3 · decrypted"
	Cipher       string // %s cipher suite
	SNI          string // %s server name
	NoSNI        string
	ALPN         string // %s protocol
	NoALPN       string
	ServerCert   string // the client's view: the certificate the server showed
	UDPPeer      string // %s clock time of the last datagram, %s how long ago
	UDPNeverSeen string // an address added before it sent anything
	Datagrams    string // %d in, %s bytes, %d out, %s bytes
	MaxDatagram  string // %d bytes
	UDPListener  string // %d largest datagram, %d most peers remembered
	// The socket's broadcast and multicast settings (--broadcast,
	// --join, --iface, --ttl, --no-loop), joined by " · ".
	UDPBroadcast   string
	UDPGroup       string // %s group
	UDPIface       string // %s interface
	UDPTTL         string // %d TTL
	UDPNoLoop      string
	ClosedInfo     string // %s why
	PlainTCP       string // a TCP connection: nothing more to show
	WebHTTPS       string // the Web tab: %s fingerprint
	WebHTTPSStatus string // the Web tab's start status on HTTPS: %s address, %s fingerprint

	// The send pane's file split on UDP.
	SplitPrompt string
	SplitHint   string // %d largest datagram
	SplitBad    string // %d largest datagram
	SplitDigits string // a key that is no digit: %d largest datagram
	SplitSent   string // %s file name, %s size, %d datagrams, %s target
}

func englishTransport() TransportText {
	return TransportText{
		TCP: "TCP", TLS: "TLS", UDP: "UDP", HTTPS: "HTTPS",

		KeySwitch:  "protocol TCP → TLS → UDP",
		KeyInfo:    "connection details",
		KeyAddPeer: "send to an address (UDP: add a peer)",

		AddPeerLabel:   "Add peer ",
		PeerAdded:      "peer #%d is %s: selected, ctrl+s sends to it",
		AddPeerFailed:  "cannot add %s as a peer: %v",
		AddPeerRefused: "refused: %s (fix the address, or esc)",

		NextListen:   "protocol %s: enter listens with it",
		NextConnect:  "protocol %s: enter or ctrl+r connects with it",
		ListeningTLS: "listening on %s with TLS, certificate SHA-256 fingerprint %s",
		ListeningUDP: "listening on %s for UDP datagrams",
		CertFailed:   "cannot make a certificate: %v",
		NoHalfClose:  "UDP has no half-close (no FIN): alt+w closes the socket",

		UDPReady: "datagrams to %s",

		NoDataTLS: "Nothing received yet. Try: curl -k https://%s/",
		NoDataUDP: "Nothing received yet. Try: echo hi | socat - UDP:%s",

		NoRequestsTLS: "No requests yet. Try: curl -k --compressed https://%s/",
		Refused:       " · %d refused (ICMP: nothing listens there)",

		Decrypted:      "TLS decrypted",
		PeerOpenedLine: "#%d new UDP peer %s",
		PeerDialedLine: "#%d datagrams to %s",
		Truncated:      " · truncated",

		Peers:    "Peers",
		AllPeers: "All peers",
		NoPeers:  "no peers yet",
		LastSeen: "seen %s",

		InfoTitle:      "Details · %s",
		InfoListener:   "listener",
		InfoHint:       "alt+i or esc closes",
		InfoNothing:    "nothing yet: listen or connect first",
		ListenProto:    "%s on %s",
		CertMade:       "self-signed certificate",
		CertLoaded:     "certificate issued by %s",
		CertFor:        "for %s",
		CertSHA:        "SHA-256 fingerprint",
		CertExpires:    "valid until %s",
		ConnProto:      "#%d %s · %s",
		ConnLocal:      "local %s",
		TLSSession:     "%s · shown decrypted",
		Cipher:         "cipher %s",
		SNI:            "SNI %s",
		NoSNI:          "no SNI (the client named no server)",
		ALPN:           "ALPN %s",
		NoALPN:         "no ALPN",
		ServerCert:     "the server's certificate",
		UDPPeer:        "last datagram %s (%s ago)",
		UDPNeverSeen:   "no datagram from it yet",
		Datagrams:      "%d datagrams in (%s), %d out (%s)",
		MaxDatagram:    "a datagram holds at most %d bytes",
		UDPListener:    "each datagram one chunk (at most %d bytes); at most %d peers remembered, the idlest forgotten past that",
		UDPBroadcast:   "broadcast allowed",
		UDPGroup:       "multicast group %s joined",
		UDPIface:       "interface %s",
		UDPTTL:         "multicast TTL %d",
		UDPNoLoop:      "own multicast not looped back",
		ClosedInfo:     "closed: %s",
		PlainTCP:       "plain TCP: the bytes are shown as they crossed the socket",
		WebHTTPS:       "HTTPS · certificate SHA-256 %s",
		WebHTTPSStatus: "web server listening on %s with HTTPS, certificate SHA-256 fingerprint %s",

		SplitPrompt: "Datagrams: ",
		SplitHint:   "empty: the file as one datagram (at most %d bytes) · a size: split at it · enter send · esc cancel",
		SplitBad:    "a size from 1 to %d bytes, or empty for one datagram",
		SplitDigits: "digits only: a size from 1 to %d bytes, or empty for one datagram",
		SplitSent:   "%s sent · %s in %d datagrams to %s",
	}
}

func chineseTransport() TransportText {
	return TransportText{
		TCP: "TCP", TLS: "TLS", UDP: "UDP", HTTPS: "HTTPS",

		KeySwitch:  "切换协议 TCP → TLS → UDP",
		KeyInfo:    "连接详情",
		KeyAddPeer: "发往某个地址（UDP：添加对端）",

		AddPeerLabel:   "添加对端 ",
		PeerAdded:      "对端 #%d 是 %s：已选中，ctrl+s 发送给它",
		AddPeerFailed:  "无法把 %s 添加为对端：%v",
		AddPeerRefused: "不能添加：%s（请改正地址，或按 esc）",

		NextListen:   "协议 %s：按 enter 以此协议监听",
		NextConnect:  "协议 %s：按 enter 或 ctrl+r 以此协议连接",
		ListeningTLS: "正在以 TLS 监听 %s，证书 SHA-256 指纹 %s",
		ListeningUDP: "正在监听 %s，接收 UDP 数据报",
		CertFailed:   "无法生成证书：%v",
		NoHalfClose:  "UDP 没有半关闭（没有 FIN）：alt+w 关闭套接字",

		UDPReady: "数据报发往 %s",

		NoDataTLS: "尚未收到数据。试试：curl -k https://%s/",
		NoDataUDP: "尚未收到数据。试试：echo hi | socat - UDP:%s",

		NoRequestsTLS: "还没有请求。试试：curl -k --compressed https://%s/",
		Refused:       " · 被拒绝 %d 次（ICMP：那里没有程序在监听）",

		Decrypted:      "TLS 已解密",
		PeerOpenedLine: "#%d 新的 UDP 对端 %s",
		PeerDialedLine: "#%d 数据报发往 %s",
		Truncated:      " · 已截断",

		Peers:    "对端",
		AllPeers: "全部对端",
		NoPeers:  "还没有对端",
		LastSeen: "最近 %s",

		InfoTitle:      "详情 · %s",
		InfoListener:   "监听端",
		InfoHint:       "alt+i 或 esc 关闭",
		InfoNothing:    "暂无内容：请先监听或连接",
		ListenProto:    "%s 监听 %s",
		CertMade:       "自签名证书",
		CertLoaded:     "证书签发者：%s",
		CertFor:        "适用于 %s",
		CertSHA:        "SHA-256 指纹",
		CertExpires:    "有效期至 %s",
		ConnProto:      "#%d %s · %s",
		ConnLocal:      "本地 %s",
		TLSSession:     "%s · 已解密显示",
		Cipher:         "密码套件 %s",
		SNI:            "SNI %s",
		NoSNI:          "无 SNI（客户端未指明服务器名）",
		ALPN:           "ALPN %s",
		NoALPN:         "无 ALPN",
		ServerCert:     "服务器的证书",
		UDPPeer:        "最近一个数据报 %s（%s 前）",
		UDPNeverSeen:   "尚未收到它的数据报",
		Datagrams:      "收到 %d 个数据报（%s），发出 %d 个（%s）",
		MaxDatagram:    "一个数据报最多 %d 字节",
		UDPListener:    "每个数据报一块（最多 %d 字节）；最多记住 %d 个对端，超出时忘记最久没动静的那个",
		UDPBroadcast:   "允许广播",
		UDPGroup:       "已加入组播组 %s",
		UDPIface:       "网卡 %s",
		UDPTTL:         "组播 TTL %d",
		UDPNoLoop:      "自己发的组播不回送本机",
		ClosedInfo:     "已关闭：%s",
		PlainTCP:       "普通 TCP：字节按穿过套接字时的样子显示",
		WebHTTPS:       "HTTPS · 证书 SHA-256 %s",
		WebHTTPSStatus: "Web 服务器正以 HTTPS 监听 %s，证书 SHA-256 指纹 %s",

		SplitPrompt: "数据报：",
		SplitHint:   "留空：整个文件作为一个数据报（最多 %d 字节）· 填大小：按此拆分 · enter 发送 · esc 取消",
		SplitBad:    "请填 1 到 %d 字节之间的大小，或留空作为一个数据报",
		SplitDigits: "只能填数字：1 到 %d 字节之间的大小，或留空作为一个数据报",
		SplitSent:   "%s 已发送 · %s，共 %d 个数据报，发往 %s",
	}
}

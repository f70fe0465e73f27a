package i18n

// ErrorsText names, in the UI's language, the conditions netassist's
// errors end in: the engines' own (netassist/errors.go) and the system's
// causes (errno). common.ErrText puts them in place of the English text
// inside an error's message, keeping what the message adds around it (a
// connection, a file name, an address), so a Chinese UI shows no English
// sentence it composed itself (breaker report 1 #12).
type ErrorsText struct {
	// The engines' conditions.
	ServerClosed, ListenerClosed, NotListening                  string
	ConnClosed, NoConn, NoConns                                 string
	Refused, NoSuchHost, DialTimeout, DialCanceled              string
	ClientClosed, NotConnected, NoAddress, WriteClosed, NoReply string
	RecordRemoved                                               string
	PeerPortZero, PeerIPv6, PeerIPv4                            string // a refused Server.AddPeer
	TargetClosed                                                string // a repeat's or file send's connections all closed
	// The system's causes.
	AddrInUse, Permission, AddrNotAvail, ConnReset, BrokenPipe        string
	NoSpace, NoFile, IsDir, NotDir, TimedOut, NetUnreach, HostUnreach string
	IO, Quota, ReadOnly, ConnAborted                                  string

	// RecordFailed is the --record file's failure: it stopped, the
	// capture goes on in memory.
	RecordFailed string // %s file, %s cause
	// DatagramTooLarge is a *netassist.DatagramSizeError's whole text:
	// %d bytes given, %d the most one datagram holds.
	DatagramTooLarge string

	// A refused server certificate (netassist.CertRefusal, after
	// "tls ADDR: "). CertWrongHost: %s the names it is for (CertNoNames,
	// CertLegacyName %s), %s the name asked for. CertUnknownAuthority: %s
	// the issuer (CertSelfSigned %s when it signed itself). CertRefused: %s
	// x509's reason, in English.
	CertWrongHost, CertNoNames, CertLegacyName string
	CertUnknownAuthority, CertSelfSigned       string
	CertRefused                                string
	// TLSPrefix begins a client's TLS failure: %s the address.
	TLSPrefix string

	// The engine's unasked errors (netassist.Event.Unasked, kept as text):
	// HandshakeWith %s the peer, %s the cause (NotTLS when it was no TLS
	// at all); DatagramNotSent %d connection, %d bytes, %s the cause;
	// Retrying %s the error, %s the delay; StillReading %s the error.
	HandshakeWith, NotTLS  string
	DatagramNotSent        string
	Retrying, StillReading string
}

func englishErrors() ErrorsText {
	// The English texts are those of the errors themselves (tested).
	return ErrorsText{
		ServerClosed: "server closed", ListenerClosed: "listener closed", NotListening: "not listening",
		ConnClosed: "connection is closed", NoConn: "no such connection", NoConns: "no open connections",
		Refused: "connection refused", NoSuchHost: "no such host", DialTimeout: "dial timed out",
		DialCanceled: "connect canceled", ClientClosed: "client closed", NotConnected: "not connected",
		NoAddress: "no address to reconnect to", WriteClosed: "sending side already closed (half-close)",
		NoReply: "no reply", RecordRemoved: "the file was removed or replaced while recording",
		TargetClosed: "the target connection is closed",
		PeerPortZero: "port 0 cannot receive datagrams",
		PeerIPv6:     "an IPv6 address cannot be reached from a socket listening on IPv4",
		PeerIPv4:     "an IPv4 address cannot be reached from a socket listening on IPv6 only",

		AddrInUse: "address already in use", Permission: "permission denied",
		AddrNotAvail: "cannot assign requested address", ConnReset: "connection reset by peer",
		BrokenPipe: "broken pipe", NoSpace: "no space left on device", NoFile: "no such file or directory",
		IsDir: "is a directory", NotDir: "not a directory", TimedOut: "connection timed out",
		NetUnreach: "network is unreachable", HostUnreach: "no route to host", IO: "input/output error",
		Quota: "disk quota exceeded", ReadOnly: "read-only file system", ConnAborted: "software caused connection abort",

		RecordFailed: "--record %s: %s (recording stopped) — capture goes on in memory",

		DatagramTooLarge: "%d bytes are too large for one datagram (at most %d; split them into datagrams)",

		CertWrongHost:        "certificate refused: wrong host name: it is for %s, not %s (--sni NAME picks the name asked for, --insecure skips checks)",
		CertNoNames:          "no names",
		CertLegacyName:       "only the legacy common name %s, which is not checked",
		CertUnknownAuthority: "certificate refused: signed by an unknown authority (%s); trust it with --cacert FILE or skip checks with --insecure",
		CertSelfSigned:       "%s, self-signed",
		CertRefused:          "certificate refused: %s",
		TLSPrefix:            "tls %s: ",

		HandshakeWith:   "TLS handshake with %s failed: %s",
		NotTLS:          "tls: first record does not look like a TLS handshake",
		DatagramNotSent: "conn %d: datagram of %d bytes not sent: %s",
		Retrying:        "%s; retrying in %s",
		StillReading:    "%s; still reading",
	}
}

func chineseErrors() ErrorsText {
	return ErrorsText{
		ServerClosed: "服务器已关闭", ListenerClosed: "监听已关闭", NotListening: "没有在监听",
		ConnClosed: "连接已关闭", NoConn: "没有这个连接", NoConns: "没有打开的连接",
		Refused: "连接被拒绝", NoSuchHost: "主机名无法解析", DialTimeout: "连接超时",
		DialCanceled: "连接已取消", ClientClosed: "客户端已关闭", NotConnected: "未连接",
		NoAddress: "没有可重连的地址", WriteClosed: "发送方向已经关闭（半关闭）",
		NoReply: "没有回复", RecordRemoved: "录制期间文件被删除或替换",
		TargetClosed: "目标连接已关闭",
		PeerPortZero: "端口 0 收不到数据报",
		PeerIPv6:     "监听 IPv4 的套接字无法发往 IPv6 地址",
		PeerIPv4:     "只监听 IPv6 的套接字无法发往 IPv4 地址",

		AddrInUse: "地址已在使用中", Permission: "权限不足",
		AddrNotAvail: "无法使用这个地址（本机没有它）", ConnReset: "连接被对方重置",
		BrokenPipe: "管道已断开（对方已关闭）", NoSpace: "磁盘空间不足", NoFile: "没有这个文件或目录",
		IsDir: "这是一个目录", NotDir: "不是目录", TimedOut: "连接超时",
		NetUnreach: "网络不可达", HostUnreach: "没有到主机的路由", IO: "输入/输出错误",
		Quota: "超出磁盘配额", ReadOnly: "只读文件系统", ConnAborted: "连接被本机中止",

		RecordFailed: "--record %s：%s（录制已停止）— 捕获仍在内存中继续",

		DatagramTooLarge: "%d 字节超出一个数据报的上限（最多 %d 字节；请分成多个数据报发送）",

		CertWrongHost:        "证书被拒绝：主机名不符：证书是给 %s 的，不是 %s（--sni NAME 指定要验证的名字，--insecure 跳过检查）",
		CertNoNames:          "没有任何名字",
		CertLegacyName:       "只有旧式的通用名 %s（不会被检查）",
		CertUnknownAuthority: "证书被拒绝：签发者不受信任（%s）；用 --cacert FILE 信任它，或用 --insecure 跳过检查",
		CertSelfSigned:       "%s，自签名",
		CertRefused:          "证书被拒绝：%s",
		TLSPrefix:            "tls %s：",

		HandshakeWith:   "与 %s 的 TLS 握手失败：%s",
		NotTLS:          "对方发来的第一条记录不是 TLS 握手（发的是明文 HTTP？）",
		DatagramNotSent: "连接 %d：%d 字节的数据报没有发出：%s",
		Retrying:        "%s；%s 后重试",
		StillReading:    "%s；继续读取",
	}
}

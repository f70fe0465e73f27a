package main

import (
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/netassist/netassist/netassist/i18n"
)

// The --help text in Simplified Chinese (DESIGN.md §10): the commands'
// descriptions and every flag's usage, put over the English ones when the
// language is zh. The section titles ("usage", "flags", "commands",
// "examples") are drawn by fang and stay English: fang v2 has no option
// to change them. The help test fails when a command or flag lacks its
// Chinese text here.

// zhDoc is one command's help text.
type zhDoc struct{ short, long, example string }

// zhCommands are the commands' texts, by command path.
var zhCommands = map[string]zhDoc{
	"netassist": {
		"终端网络调试助手",
		`netassist 显示经过套接字的每一个字节：TCP 服务端、TCP 客户端和 Web 服务器，
可以用终端界面，也可以无界面运行（--headless）。

不带命令时启动终端界面的 TCP 服务端标签页，监听 127.0.0.1:7890。`,
		`# 终端界面，TCP 服务端标签页，监听 127.0.0.1:7890
netassist
# 无界面服务端，随机空闲端口，对每个客户端回复一次
netassist server --headless -l 127.0.0.1:0 --reply 'HTTP/1.1 200 OK\r\n\r\nhi'
# 发送一个请求，把回复按 JSON Lines 打印
netassist client 127.0.0.1:8080 --headless --format jsonl --send 'GET / HTTP/1.0\r\n\r\n'
# 内置演示站点的 Web 服务器，记录每个事件
netassist web --record session.jsonl
# 中文界面，课堂投影模式
netassist web --lang zh --present`,
	},
	"netassist server": {
		"启动终端界面的 TCP 服务端标签页",
		"监听 TCP 连接（默认 127.0.0.1:7890），显示每个客户端发来的和发回的每一个字节。",
		"",
	},
	"netassist client": {
		"启动终端界面的 TCP 客户端标签页，连接到 ADDR",
		"连接到 ADDR（主机:端口，或 [::1]:端口），显示发送和收到的每一个字节。",
		"",
	},
	"netassist web": {
		"启动终端界面的 Web 服务器标签页",
		"通过 HTTP 提供一个目录（或内置演示站点）（默认 127.0.0.1:8080），显示每个原始请求和发回的内容。",
		"",
	},
	"netassist export": {
		"把 --record 文件转换为 HAR、文本记录或原始文件",
		`把 --record 文件（JSON Lines）转换成可以发给学生的东西：

  har    HAR 1.2，每个 Web 请求一条（Chromium 开发者工具：Network 面板，Import HAR）
  text   无界面模式打印的文本记录（危险字节已转义）
  raw    每个连接、每个方向一个文件，字节原样保存（conn3-in.bin、conn3-out.bin）

文件（har、text）或目录（raw）写到 -o（"-o -"：标准输出），否则写到 --save-dir（默认：当前目录），
以记录文件命名：session.jsonl 得到 session.har、session.txt、session-raw/。
已有的文件不会被覆盖，除非加 --force。"-" 从标准输入读取记录。`,
		"",
	},
	"netassist annotate": {
		"逐行解释一个 HTTP/1.x 报文",
		`读取一个 HTTP/1.x 报文或多个连续的报文（请求或响应，由开头的字节决定），
逐行解释线上的每一行：各部分的名称、每个头部的含义、q 值、状态码的含义、
每个 CRLF 和空行，并按分帧方式检查正文。问题显示在出现的位置，
与 'netassist check' 报告的一致。

--record 文件（JSON Lines）按内容识别：每个连接的字节按方向分别解释，
响应使用它所回答的请求的方法。--conn 和 --dir 选择数据流。`,
		"",
	},
	"netassist check": {
		"检查手写的 HTTP/1.x 报文：列出问题，有错误时退出码为 1",
		`读取一个 HTTP/1.x 报文或多个连续的报文，每个问题打印一行：
严重程度、固定的代码、字节偏移和问题所在，例如

  error content-length-mismatch @62: Content-Length says 20, the body has 46 bytes

退出码：有任何错误时为 1，否则为 0（只有警告或没有问题），用法错误为 2。
--fix 把应用了所有唯一正确修复（Content-Length、裸 LF 改为 CRLF、缺少的空行、
与 chunked 并存的 Content-Length）的报文写到标准输出，把修复了的问题写到标准错误。
--record 文件按数据流逐个检查。`,
		"",
	},
	"netassist diff": {
		"逐个头部比较两个 HTTP/1.x 请求",
		`比较文件 A 的第一个报文和文件 B 的第一个报文（请求或响应）：先逐部分比较起始行，
再按 B 的线上顺序列出每个头部字段，标记为 +（只在 B 中）、-（只在 A 中）、
~（值不同）、↕（位置移动）或 =（相同）。字段名按 HTTP 的规则不区分大小写匹配；
大小写不同会注明。A 和 B 中的一个可以是 -（标准输入）。

退出码与 diff(1) 相同：相同为 0，不同为 1，用法错误为 2。`,
		"",
	},
}

// zhFlags are the flags' usages, by name; a flag whose meaning differs
// between commands is keyed "command flag" (the command's name first).
var zhFlags = map[string]string{
	"help":    "显示帮助",
	"version": "显示版本",

	"headless":    "不用终端界面：把事件打印到标准输出，直到被中断",
	"format":      "无界面输出的格式，可选 text 或 jsonl",
	"record":      "把每个事件以 JSON Lines 追加到这个文件",
	"max-capture": "内存中的捕获预算，例如 512KiB、64MiB、1GiB",
	"save-dir":    "保存文件的目录（默认：当前目录）",
	"lang":        "界面及其帮助的语言，可选 en 或 zh（默认取自 LC_ALL、LC_MESSAGES、LANG）",
	"export lang": "帮助的语言，可选 en 或 zh（默认取自 LC_ALL、LC_MESSAGES、LANG）",
	"present":     "课堂投影模式：一次一个窗格全屏、高对比度、突出最新字节、隐藏按键提示（按 f8 切换）",

	"listen":            "监听地址（127.0.0.1:0 自动选空闲端口；0.0.0.0:端口 可从网络访问）",
	"reply":             "每个客户端的第一批字节到达后发送这段文本（解释 \\r \\n \\t \\0 \\\\ \\xHH）",
	"reply-file":        "同上，发送这个文件的字节",
	"close-after-reply": "回复后关闭该连接",

	"send":         "连接后发送这段文本（展开转义和 {{seq}} 等宏）",
	"send-file":    "连接后发送这个文件的字节",
	"repeat":       "每隔这么久再发送一次……",
	"count":        "……一共发送这么多次",
	"wait":         "无界面：最后一个字节收到后再等这么久退出",
	"expect-reply": "无界面：对端什么都没回时退出码为 1（不加此项时，对端不回复不算失败）",

	"root":           "文档根目录（默认：内置演示站点）",
	"encoding":       "内容编码，可选 auto（协商）、identity、gzip、deflate、br 或 zstd",
	"response-file":  "对每个请求都原样回复这个文件的字节",
	"list":           "列出没有 index.html 的目录",
	"max-conns":      "连接数上限（0：按打开文件数限制）；达到上限时淘汰最不活跃的连接",
	"header-timeout": "请求头部最长可用的时间",
	"idle-timeout":   "关闭空闲了这么久的 keep-alive 连接",
	"send-timeout":   "写入这么久没有进展就切断（负数：关闭）",
	"min-head-rate":  "3 秒后请求头部慢于每秒这么多字节就切断（负数：关闭）",
	"linger":         "关闭前再读这么久未读的请求正文，以便捕获它（负数：关闭）",

	"udp":             "使用 UDP 而不是 TCP：每个数据报是一个事件，每个发送方是一个对端",
	"broadcast":       "配合 --udp：允许发送到广播地址（SO_BROADCAST）",
	"join":            "配合 --udp：加入这个组播组（例如 239.1.2.3），接收发到 -l 端口的组播",
	"server iface":    "配合 --join：在这个网络接口上加入组播组（例如 eth0、lo；默认由系统选择）",
	"netassist iface": "配合 --join：在这个网络接口上加入组播组（例如 eth0、lo；默认由系统选择）",
	"client iface":    "配合 --udp：从这个网络接口发送组播（默认由系统选择）",
	"ttl":             "配合 --udp：发往组播组的数据报的 TTL（默认用系统的值 1）",
	"no-loop":         "配合 --udp：我们发往组播组的数据不投递给本机的监听者",
	"split":           "配合 --udp：把 --send/--send-file 按每个最多 SIZE 字节拆成多个数据报（默认：一个数据报）",
	"tls":             "使用 TLS：启动时为监听地址和 localhost 生成证书（显示其 SHA-256 指纹），或用 --cert/--key；显示解密后的字节",
	"client tls":      "使用 TLS：检查服务器证书（系统根证书和 --cacert），显示解密后的字节",
	"cert":            "配合 --tls：使用这个证书链（PEM）而不是自签名证书",
	"key":             "配合 --tls：--cert 的私钥（PEM）",
	"cert-out":        "配合 --tls：把证书（PEM）写到这个文件，供 curl --cacert 或浏览器使用",
	"cacert":          "配合 --tls：另外信任这个 PEM 文件里的证书（例如 netassist 服务端的 --cert-out）",
	"insecure":        "配合 --tls：不检查服务器证书",
	"sni":             "配合 --tls：请求并检查的服务器名称（默认：ADDR 的主机部分）",

	"export to":     "输出格式，可选 har、text 或 raw",
	"export output": "要写的文件（用于 har、text）或目录（用于 raw）；默认以记录文件命名，放在 --save-dir",
	"export force":  "覆盖已有的文件",

	"method":   "响应所回答的请求的方法，按顺序（对 HEAD 的回复没有正文）",
	"conn":     "记录文件输入：只看这个连接",
	"dir":      "记录文件输入：只看这个方向，可选 in 或 out",
	"max-body": "每个报文显示的正文字节数（0：不显示）",
	"width":    "在这么多列处换行（默认：终端宽度，否则 $COLUMNS，否则 100）",

	"annotate lang": "解释文字的语言，可选 en 或 zh（默认取自 LC_ALL、LC_MESSAGES、LANG）",
	"check lang":    "解释文字的语言，可选 en 或 zh（默认取自 LC_ALL、LC_MESSAGES、LANG）",
	"diff lang":     "解释文字的语言，可选 en 或 zh（默认取自 LC_ALL、LC_MESSAGES、LANG）",
	"check format":  "输出格式，可选 text（每个问题一行）或 jsonl（每个问题一个 JSON 对象）",
	"check fix":     "把应用了修复的报文写到标准输出",
}

// fang capitalises the first word of every description (cases.Title on
// the text before the first space), which turns "har、text" into
// "Har、Text": the Chinese texts keep Latin letters out of their first
// word (the test checks).

// zhUsage is the Chinese usage of flag name on command cmd ("": none).
func zhUsage(cmd, name string) string {
	if s, ok := zhFlags[cmd+" "+name]; ok {
		return s
	}
	return zhFlags[name]
}

// langFromArgs is the language the command line asks for: --lang's value
// if it is there and valid, else the locale's. Help is drawn before the
// flags are parsed into options, so it is read here.
func langFromArgs(args []string) i18n.Lang {
	for i, a := range args {
		if a == "--" {
			break
		}
		v, ok := strings.CutPrefix(a, "--lang=")
		if !ok && a == "--lang" && i+1 < len(args) {
			v, ok = args[i+1], true
		}
		if ok {
			if l, err := i18n.ParseLang(v); err == nil {
				return l
			}
		}
	}
	return i18n.FromEnv(os.Getenv)
}

// addLangFlags gives --lang to every command under root that has none
// (export): there it words the help only, but a command line that asks
// for Chinese is never an error because of which command it names.
func addLangFlags(root *cobra.Command) {
	if root.Flags().Lookup("lang") == nil {
		l := i18n.FromEnv(os.Getenv)
		root.Flags().Var(&l, "lang", "language of the help: en or zh (default from LC_ALL, LC_MESSAGES, LANG)")
	}
	for _, c := range root.Commands() {
		addLangFlags(c)
	}
}

// translateHelp puts the Chinese texts over the English ones in the
// command tree under root (the help and version flags included, made now
// so that they can be worded).
func translateHelp(root *cobra.Command) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if d, ok := zhCommands[c.CommandPath()]; ok {
			c.Short, c.Long = d.short, d.long
			if d.example != "" {
				c.Example = d.example
			}
		}
		c.InitDefaultHelpFlag()
		if c.Version != "" || !c.HasParent() {
			c.InitDefaultVersionFlag()
		}
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if s := zhUsage(c.Name(), f.Name); s != "" {
				f.Usage = s
			}
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

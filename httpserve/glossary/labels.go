package glossary

import "github.com/netassist/netassist/netassist/i18n"

// Label returns the registry status in language l, for the annotated view:
// "permanent" / "永久注册", and for NotRegistered "not in the IANA
// registry" / "未在 IANA 注册".
func (r Registration) Label(l i18n.Lang) string { return pick(registrationLabels[:], int(r), l) }

// Label returns the kind in language l: "request field" / "请求头部".
func (k Kind) Label(l i18n.Lang) string { return pick(kindLabels[:], int(k), l) }

// Label returns the family's name in language l: "caching" / "缓存与验证".
func (f Family) Label(l i18n.Lang) string { return pick(familyLabels[:], int(f), l) }

// Label returns the class in language l, with its digit: "4xx client
// error" / "4xx 客户端错误".
func (c Class) Label(l i18n.Lang) string { return pick(classLabels[:], int(c), l) }

// Label returns the code's registry state in language l: "unused" / "未使用".
func (s CodeState) Label(l i18n.Lang) string { return pick(codeStateLabels[:], int(s), l) }

func pick(t []i18n.Text, i int, l i18n.Lang) string {
	if i < 0 || i >= len(t) {
		return "?"
	}
	return t[i].In(l)
}

var registrationLabels = [...]i18n.Text{
	NotRegistered: {En: "not in the IANA registry", Zh: "未在 IANA 注册"},
	Permanent:     {En: "permanent", Zh: "永久注册"},
	Provisional:   {En: "provisional", Zh: "临时注册"},
	Deprecated:    {En: "deprecated", Zh: "已弃用"},
	Obsoleted:     {En: "obsoleted", Zh: "已废止"},
}

var kindLabels = [...]i18n.Text{
	0:        {En: "no field", Zh: "无"},
	Request:  {En: "request field", Zh: "请求头部"},
	Response: {En: "response field", Zh: "响应头部"},
	Both:     {En: "request and response field", Zh: "请求和响应头部"},
}

var familyLabels = [...]i18n.Text{
	0:                 {En: "other", Zh: "其他"},
	FamilyMessage:     {En: "message and connection", Zh: "报文与连接"},
	FamilyContent:     {En: "content", Zh: "正文描述"},
	FamilyNegotiation: {En: "content negotiation", Zh: "内容协商"},
	FamilyCaching:     {En: "caching and validation", Zh: "缓存与验证"},
	FamilyRange:       {En: "range requests", Zh: "范围请求"},
	FamilyCookie:      {En: "cookies", Zh: "Cookie"},
	FamilyCORS:        {En: "CORS and fetch metadata", Zh: "跨源（CORS）与请求元数据"},
	FamilyClient:      {En: "about the client", Zh: "客户端信息"},
	FamilyAuth:        {En: "authentication", Zh: "身份认证"},
	FamilySecurity:    {En: "security policy", Zh: "安全策略"},
	FamilyProxy:       {En: "proxies", Zh: "代理与转发"},
	FamilyControl:     {En: "server and redirects", Zh: "服务器与跳转"},
	FamilyWebSocket:   {En: "WebSocket handshake", Zh: "WebSocket 握手"},
}

var classLabels = [...]i18n.Text{
	NoClass:       {En: "not a status code", Zh: "不是状态码"},
	Informational: {En: "1xx informational", Zh: "1xx 信息响应"},
	Successful:    {En: "2xx successful", Zh: "2xx 成功"},
	Redirection:   {En: "3xx redirection", Zh: "3xx 重定向"},
	ClientError:   {En: "4xx client error", Zh: "4xx 客户端错误"},
	ServerError:   {En: "5xx server error", Zh: "5xx 服务器错误"},
}

var codeStateLabels = [...]i18n.Text{
	CodeAssigned:  {En: "assigned", Zh: "已分配"},
	CodeTemporary: {En: "temporary registration", Zh: "临时注册"},
	CodeUnused:    {En: "unused", Zh: "未使用"},
	CodeObsoleted: {En: "obsoleted", Zh: "已废止"},
}

package export

import (
	"fmt"
	"math"
	"net"
	"net/url"
	"slices"
	"strings"
	"time"
)

// harObject is what HAR 1.2 says of one object: its fields (required or
// not) and their kinds. The e2e tests check against the npm registry's
// har-schema too; this one needs no network and is stricter on two
// points the schema leaves open: fields outside the spec must start with
// "_", and send/wait/receive must not be negative (the spec's words).
type harObject map[string]harField

type harField struct {
	required bool
	kind     string // "string", "number", "integer", "bool", "object:NAME", "array:NAME", "date", "ip", "url"
}

var harSpec = map[string]harObject{
	"root":     {"log": {true, "object:log"}},
	"log":      {"version": {true, "string"}, "creator": {true, "object:creator"}, "browser": {false, "object:creator"}, "pages": {false, "array:page"}, "entries": {true, "array:entry"}, "comment": {false, "string"}},
	"creator":  {"name": {true, "string"}, "version": {true, "string"}, "comment": {false, "string"}},
	"page":     {"startedDateTime": {true, "date"}, "id": {true, "string"}, "title": {true, "string"}, "pageTimings": {true, "object:any"}},
	"entry":    {"pageref": {false, "string"}, "startedDateTime": {true, "date"}, "time": {true, "number"}, "request": {true, "object:request"}, "response": {true, "object:response"}, "cache": {true, "object:cache"}, "timings": {true, "object:timings"}, "serverIPAddress": {false, "ip"}, "connection": {false, "string"}, "comment": {false, "string"}},
	"request":  {"method": {true, "string"}, "url": {true, "url"}, "httpVersion": {true, "string"}, "cookies": {true, "array:cookie"}, "headers": {true, "array:nv"}, "queryString": {true, "array:nv"}, "postData": {false, "object:postData"}, "headersSize": {true, "integer"}, "bodySize": {true, "integer"}, "comment": {false, "string"}},
	"response": {"status": {true, "integer"}, "statusText": {true, "string"}, "httpVersion": {true, "string"}, "cookies": {true, "array:cookie"}, "headers": {true, "array:nv"}, "content": {true, "object:content"}, "redirectURL": {true, "string"}, "headersSize": {true, "integer"}, "bodySize": {true, "integer"}, "comment": {false, "string"}},
	"cookie":   {"name": {true, "string"}, "value": {true, "string"}, "path": {false, "string"}, "domain": {false, "string"}, "expires": {false, "date"}, "httpOnly": {false, "bool"}, "secure": {false, "bool"}, "comment": {false, "string"}},
	"nv":       {"name": {true, "string"}, "value": {true, "string"}, "comment": {false, "string"}},
	"postData": {"mimeType": {true, "string"}, "params": {false, "array:param"}, "text": {false, "string"}, "comment": {false, "string"}},
	"param":    {"name": {true, "string"}, "value": {false, "string"}, "fileName": {false, "string"}, "contentType": {false, "string"}, "comment": {false, "string"}},
	"content":  {"size": {true, "integer"}, "compression": {false, "integer"}, "mimeType": {true, "string"}, "text": {false, "string"}, "encoding": {false, "string"}, "comment": {false, "string"}},
	"cache":    {"beforeRequest": {false, "object:any"}, "afterRequest": {false, "object:any"}, "comment": {false, "string"}},
	"timings":  {"blocked": {false, "number"}, "dns": {false, "number"}, "connect": {false, "number"}, "send": {true, "number"}, "wait": {true, "number"}, "receive": {true, "number"}, "ssl": {false, "number"}, "comment": {false, "string"}},
}

// checkHAR returns every way doc departs from HAR 1.2.
func checkHAR(doc map[string]any) []string {
	var errs []string
	checkObject(&errs, "$", "root", doc)
	return errs
}

func checkObject(errs *[]string, path, name string, v any) {
	obj, ok := v.(map[string]any)
	if !ok {
		*errs = append(*errs, fmt.Sprintf("%s: want an object", path))
		return
	}
	spec := harSpec[name]
	if spec == nil {
		return // "any"
	}
	keys := make([]string, 0, len(spec))
	for k := range spec {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		f := spec[k]
		fv, ok := obj[k]
		if !ok {
			if f.required {
				*errs = append(*errs, fmt.Sprintf("%s: %s is missing", path, k))
			}
			continue
		}
		checkValue(errs, path+"."+k, f.kind, fv)
	}
	for k := range obj {
		if _, ok := spec[k]; !ok && !strings.HasPrefix(k, "_") {
			*errs = append(*errs, fmt.Sprintf("%s: %s is not in HAR 1.2 and does not start with _", path, k))
		}
	}
	if name == "timings" {
		for _, k := range []string{"send", "wait", "receive"} {
			if n, ok := obj[k].(float64); ok && n < 0 {
				*errs = append(*errs, fmt.Sprintf("%s.%s = %v: must not be negative", path, k, n))
			}
		}
		for _, k := range []string{"blocked", "dns", "connect", "ssl"} {
			if n, ok := obj[k].(float64); ok && n < -1 {
				*errs = append(*errs, fmt.Sprintf("%s.%s = %v: below -1", path, k, n))
			}
		}
	}
}

func checkValue(errs *[]string, path, kind string, v any) {
	bad := func(want string) { *errs = append(*errs, fmt.Sprintf("%s: %v is not %s", path, v, want)) }
	switch {
	case kind == "string":
		if _, ok := v.(string); !ok {
			bad("a string")
		}
	case kind == "number":
		if _, ok := v.(float64); !ok {
			bad("a number")
		}
	case kind == "integer":
		if n, ok := v.(float64); !ok || n != math.Trunc(n) {
			bad("an integer")
		}
	case kind == "bool":
		if _, ok := v.(bool); !ok {
			bad("a boolean")
		}
	case kind == "date":
		s, _ := v.(string)
		if _, err := time.Parse(time.RFC3339Nano, s); err != nil {
			bad("an ISO 8601 date")
		}
	case kind == "ip":
		s, _ := v.(string)
		if net.ParseIP(s) == nil {
			bad("an IP address")
		}
	case kind == "url":
		s, _ := v.(string)
		if u, err := url.Parse(s); err != nil || !u.IsAbs() || u.Host == "" {
			bad("an absolute URL")
		}
	case strings.HasPrefix(kind, "object:"):
		checkObject(errs, path, strings.TrimPrefix(kind, "object:"), v)
	case strings.HasPrefix(kind, "array:"):
		arr, ok := v.([]any)
		if !ok {
			bad("an array")
			return
		}
		for i, el := range arr {
			checkObject(errs, fmt.Sprintf("%s[%d]", path, i), strings.TrimPrefix(kind, "array:"), el)
		}
	}
}

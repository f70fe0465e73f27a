package main

import (
	"context"
	"io"

	"github.com/netassist/netassist/headless"
	"github.com/netassist/netassist/httpserve"
)

// runHeadless hands a parsed command line to package headless.
func runHeadless(ctx context.Context, o *options, stdout, stderr io.Writer) error {
	web, err := webConfig(o)
	if err != nil {
		return err
	}
	tlsCfg, err := o.tlsConfig()
	if err != nil {
		return err
	}
	if o.mode.bit == modeWeb {
		web.TLS = tlsCfg
	}
	return headless.Run(ctx, headless.Config{
		Tab:             o.mode.tab,
		Addr:            o.addr,
		Proto:           o.transport(),
		TLS:             tlsCfg,
		UDP:             o.udp.options(),
		Format:          o.common.format.value,
		Out:             stdout,
		Errs:            stderr,
		Record:          o.common.record,
		MaxCapture:      o.common.maxCapture.n,
		Reply:           o.reply.bytes,
		CloseAfterReply: o.reply.closeAfter,
		Client: headless.ClientConfig{
			Send:   o.client.send,
			Text:   o.client.text,
			Count:  o.client.count,
			Repeat: o.client.repeat,
			Wait:   o.client.wait,
			Split:  int(o.udp.split.n),

			ExpectReply: o.client.expect,
		},
		Web: web,
	})
}

// webConfig is the web server configuration the command line asks for
// (the defaults when the mode is not web).
func webConfig(o *options) (httpserve.Config, error) {
	var enc httpserve.Encoding
	if o.web.encoding.value != "" {
		var err error
		if enc, err = httpserve.ParseEncoding(o.web.encoding.value); err != nil {
			return httpserve.Config{}, err
		}
	}
	return httpserve.Config{
		Root:          o.web.root,
		List:          o.web.list,
		Encoding:      enc,
		ResponseBytes: o.web.response,

		MaxConns:          o.web.maxConns,
		ReadHeaderTimeout: o.web.headerTimeout,
		IdleTimeout:       o.web.idleTimeout,
		SendTimeout:       o.web.sendTimeout,
		MinHeadRate:       o.web.minHeadRate,
		LingerTimeout:     o.web.linger,
	}, nil
}

package main

import (
	"context"
	"errors"
	"io"

	"github.com/netassist/netassist/netassist"
)

func headlessClient(ctx context.Context, o *options, st *netassist.Store, stderr io.Writer) error {
	return errors.New("client mode is not built yet")
}

func headlessWeb(ctx context.Context, o *options, st *netassist.Store, stderr io.Writer) error {
	return errors.New("web mode is not built yet")
}

package main

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net/netip"

	"github.com/spf13/pflag"

	"github.com/netassist/netassist/netassist"
	"github.com/netassist/netassist/netassist/tlsconf"
)

// udpFlags are --udp and the UDP socket's broadcast and multicast
// settings (DESIGN.md §2, §9), for the server and the client.
type udpFlags struct {
	on        bool
	broadcast bool
	join      string // server: multicast group to join
	iface     string
	ttl       int  // client: multicast TTL
	noLoop    bool // client: do not loop our multicast back
	split     sizeFlag
}

func (u *udpFlags) register(fs *pflag.FlagSet, m *mode) {
	fs.BoolVar(&u.on, "udp", false, "use UDP instead of TCP: each datagram is one event, each sender a peer")
	fs.BoolVar(&u.broadcast, "broadcast", false, "with --udp: allow sending to a broadcast address (SO_BROADCAST)")
	if m.bit == modeServer {
		fs.StringVar(&u.join, "join", "", "with --udp: join this multicast group (e.g. 239.1.2.3) and receive what is sent to it at the -l port")
		fs.StringVar(&u.iface, "iface", "", "with --join: the network interface to join on (e.g. eth0, lo; default: the system's choice)")
		return
	}
	fs.StringVar(&u.iface, "iface", "", "with --udp: the network interface to send multicast from (default: the system's choice)")
	fs.IntVar(&u.ttl, "ttl", 0, "with --udp: multicast TTL of what is sent to a group (default: the system's, 1)")
	fs.BoolVar(&u.noLoop, "no-loop", false, "with --udp: do not deliver what we send to a group to listeners on this host")
	u.split = sizeFlag{text: "0"}
	fs.Var(&u.split, "split", "with --udp: send --send/--send-file as datagrams of at most SIZE bytes (default: one datagram)")
}

func (u *udpFlags) finish(*mode) error {
	if !u.on {
		for name, set := range map[string]bool{"--broadcast": u.broadcast, "--join": u.join != "",
			"--iface": u.iface != "", "--ttl": u.ttl != 0, "--no-loop": u.noLoop, "--split": u.split.n != 0} {
			if set {
				return fmt.Errorf("%s needs --udp", name)
			}
		}
		return nil
	}
	if u.join != "" {
		if g, err := netip.ParseAddr(u.join); err != nil || !g.IsMulticast() {
			return fmt.Errorf("--join %s: not a multicast group address (224.0.0.0/4 or ff00::/8)", u.join)
		}
	}
	if u.ttl < 0 || u.ttl > 255 {
		return errors.New("--ttl must be between 1 and 255")
	}
	if u.split.n < 0 || u.split.n > netassist.MaxDatagram6 {
		return fmt.Errorf("--split must be between 1 and %d bytes", netassist.MaxDatagram6)
	}
	return nil
}

// options is the engines' UDP settings.
func (u *udpFlags) options() netassist.UDPOptions {
	return netassist.UDPOptions{Broadcast: u.broadcast, Group: u.join, Interface: u.iface, TTL: u.ttl, NoLoop: u.noLoop}
}

// tlsFlags are --tls and its certificate (web, server) or verification
// (client) settings.
type tlsFlags struct {
	on bool
	// Servers: a certificate from files, or one made at start; --cert-out
	// writes the one in use.
	certFile, keyFile, certOut string
	// Client.
	caFile   string
	insecure bool
	sni      string

	cert   *tlsconf.Cert // --cert/--key loaded by finish; nil: made at start
	client *tls.Config   // the client's configuration, built by finish
}

func (t *tlsFlags) register(fs *pflag.FlagSet, m *mode) {
	if m.bit == modeClient {
		fs.BoolVar(&t.on, "tls", false, "use TLS: check the server's certificate (system roots and --cacert) and show the decrypted bytes")
		fs.StringVar(&t.caFile, "cacert", "", "with --tls: also trust the certificates in this PEM file (a netassist server's --cert-out)")
		fs.BoolVar(&t.insecure, "insecure", false, "with --tls: do not check the server's certificate")
		fs.StringVar(&t.sni, "sni", "", "with --tls: the server name to ask for and check (default: the host of ADDR)")
		return
	}
	fs.BoolVar(&t.on, "tls", false, "use TLS: a certificate made at start for the listen address and localhost (its SHA-256 fingerprint shown), or --cert/--key; shows the decrypted bytes")
	fs.StringVar(&t.certFile, "cert", "", "with --tls: the certificate chain (PEM) to serve instead of a self-signed one")
	fs.StringVar(&t.keyFile, "key", "", "with --tls: the private key (PEM) of --cert")
	fs.StringVar(&t.certOut, "cert-out", "", "with --tls: write the certificate (PEM) to this file, for curl --cacert or a browser")
}

func (t *tlsFlags) finish(m *mode) error {
	if !t.on {
		for name, set := range map[string]bool{"--cert": t.certFile != "", "--key": t.keyFile != "", "--cert-out": t.certOut != "",
			"--cacert": t.caFile != "", "--insecure": t.insecure, "--sni": t.sni != ""} {
			if set {
				return fmt.Errorf("%s needs --tls", name)
			}
		}
		return nil
	}
	if m.bit == modeClient {
		if t.insecure && t.caFile != "" {
			return errors.New("--insecure and --cacert cannot be used together (--insecure checks nothing)")
		}
		var err error
		if t.client, err = tlsconf.Client(tlsconf.ClientOptions{CAFile: t.caFile, Insecure: t.insecure, SNI: t.sni}); err != nil {
			return runtimeError{err} // --cacert cannot be read or holds no certificate
		}
		return nil
	}
	switch {
	case (t.certFile == "") != (t.keyFile == ""):
		return errors.New("--cert and --key go together")
	case t.certFile != "":
		var err error
		if t.cert, err = tlsconf.Load(t.certFile, t.keyFile); err != nil {
			return runtimeError{err} // a file cannot be read or is not PEM
		}
		return nil
	}
	return nil
}

// transport is the transport the command line asks for.
func (o *options) transport() netassist.Proto {
	switch {
	case o.udp.on:
		return netassist.ProtoUDP
	case o.tls.on:
		return netassist.ProtoTLS
	}
	return netassist.ProtoTCP
}

// tlsConfig is the TLS configuration of a --tls run, nil without --tls:
// the client's verification, or a server's certificate — --cert/--key, or
// one made now for the listen address and localhost — written to
// --cert-out if asked.
func (o *options) tlsConfig() (*tls.Config, error) {
	if !o.tls.on {
		return nil, nil
	}
	if o.mode.bit == modeClient {
		return o.tls.client, nil
	}
	cert := o.tls.cert
	if cert == nil {
		var err error
		if cert, err = tlsconf.SelfSigned(tlsconf.Hosts(o.addr), 0); err != nil {
			return nil, err
		}
	}
	if o.tls.certOut != "" {
		if err := cert.WritePEM(o.tls.certOut); err != nil {
			return nil, err
		}
	}
	return tlsconf.Server(cert), nil
}

// checkTransport refuses flag combinations across groups.
func (o *options) checkTransport() error {
	if o.udp.on && o.tls.on {
		return errors.New("--udp and --tls cannot be used together (TLS runs over TCP; DTLS is not supported)")
	}
	if o.udp.split.n > 0 && o.client.send == nil {
		return errors.New("--split needs --send or --send-file")
	}
	return nil
}

// Package server is primehub's HTTP front door on one port: health endpoints now, and the
// API, console, OIDC issuer and notebook proxy as they are mounted on its mux.
package server

import (
	"cmp"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/go-logr/logr"
)

// Check reports why the server is not ready, or nil.
type Check func(r *http.Request) error

// Timeouts bound how long a client may take over a request, so that slow or idle clients
// cannot hold connections and their memory: reading the request (headers and body), writing
// the answer, and waiting between requests on a kept-alive connection. Streaming handlers
// (HandleStreaming) lift the read and write bounds for themselves.
type Timeouts struct {
	Read, Write, Idle time.Duration
}

// DefaultTimeouts are generous for a request body of a few MiB over a slow link.
var DefaultTimeouts = Timeouts{Read: 30 * time.Second, Write: time.Minute, Idle: 2 * time.Minute}

// Server serves the platform's HTTP endpoints.
type Server struct {
	mux *http.ServeMux
	// listeners are --http-addr's and any more (Listen); all serve the one mux.
	listeners []net.Listener
	log       logr.Logger
	timeouts  Timeouts
	// getCertificate, when set, makes the server serve TLS with the certificate it answers.
	getCertificate func(*tls.ClientHelloInfo) (*tls.Certificate, error)
}

// New listens on addr at once, so a taken port is reported before anything else starts.
func New(addr string, log logr.Logger, ready ...Check) (*Server, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s (--http-addr): %w", addr, err)
	}
	s := &Server{mux: http.NewServeMux(), listeners: []net.Listener{l}, log: log, timeouts: DefaultTimeouts}
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("ok\n"))
	})
	s.mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		for _, check := range ready {
			if err := check(r); err != nil {
				http.Error(w, "not ready: "+err.Error(), http.StatusServiceUnavailable)
				return
			}
		}
		_, _ = w.Write([]byte("ok\n"))
	})
	return s, nil
}

// Addr is where the server listens first (--http-addr).
func (s *Server) Addr() net.Addr { return s.listeners[0].Addr() }

// Listen serves the same endpoints on addr too, from Start on: another origin's address
// (--notebook-addr). flag names it in the error.
func (s *Server) Listen(addr, flag string) error {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s (%s): %w", addr, flag, err)
	}
	s.listeners = append(s.listeners, l)
	return nil
}

// Handle mounts a handler on the server's mux, within the server's timeouts.
func (s *Server) Handle(pattern string, h http.Handler) { s.mux.Handle(pattern, h) }

// HandleStreaming mounts a handler whose requests may last as long as it streams (a
// followed log, a proxied WebSocket): the read and write timeouts do not apply to them, so
// the handler bounds its streams itself.
func (s *Server) HandleStreaming(pattern string, h http.Handler) {
	s.mux.Handle(pattern, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc := http.NewResponseController(w)
		if err := rc.SetReadDeadline(time.Time{}); err != nil && !errors.Is(err, http.ErrNotSupported) {
			s.log.Error(err, "lift the read deadline of a stream", "path", r.URL.Path)
		}
		if err := rc.SetWriteDeadline(time.Time{}); err != nil && !errors.Is(err, http.ErrNotSupported) {
			s.log.Error(err, "lift the write deadline of a stream", "path", r.URL.Path)
		}
		h.ServeHTTP(w, r)
	}))
}

// SetTimeouts replaces DefaultTimeouts, each but those zero in t; call it before Start.
func (s *Server) SetTimeouts(t Timeouts) {
	s.timeouts = Timeouts{
		Read:  cmp.Or(t.Read, DefaultTimeouts.Read),
		Write: cmp.Or(t.Write, DefaultTimeouts.Write),
		Idle:  cmp.Or(t.Idle, DefaultTimeouts.Idle),
	}
}

// ServeTLS makes Start serve HTTPS with the certificate getCertificate answers for each
// connection, so a renewed certificate is served without a restart. Call it before Start.
func (s *Server) ServeTLS(getCertificate func(*tls.ClientHelloInfo) (*tls.Certificate, error)) {
	s.getCertificate = getCertificate
}

// Start serves until ctx ends, then drains connections for up to 10 seconds.
func (s *Server) Start(ctx context.Context) error {
	srv := &http.Server{Handler: s.mux, ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: s.timeouts.Read, WriteTimeout: s.timeouts.Write, IdleTimeout: s.timeouts.Idle}
	if s.getCertificate != nil {
		srv.TLSConfig = &tls.Config{GetCertificate: s.getCertificate, MinVersion: tls.VersionTLS12}
		// HTTP/1.1 only, as over plain HTTP: the notebook proxy's WebSocket upgrades
		// need it.
		srv.Protocols = new(http.Protocols)
		srv.Protocols.SetHTTP1(true)
	}
	errc := make(chan error, len(s.listeners))
	for _, l := range s.listeners {
		if s.getCertificate != nil {
			go func() { errc <- srv.ServeTLS(l, "", "") }()
			s.log.Info("serving HTTPS", "addr", l.Addr().String())
		} else {
			go func() { errc <- srv.Serve(l) }()
			s.log.Info("serving HTTP", "addr", l.Addr().String())
		}
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Close releases the port of a server that is not serving, when start-up fails before
// Start; after Start it does nothing.
func (s *Server) Close() {
	for _, l := range s.listeners {
		_ = l.Close()
	}
}

// NeedLeaderElection tells the controller manager that every replica serves HTTP.
func (s *Server) NeedLeaderElection() bool { return false }

package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// supervisor runs the components as child processes, each logging to <logs>/<name>.log.
// Children get SIGTERM when this process dies, so a killed devcluster leaves no orphans.
type supervisor struct {
	logDir   string
	children []*child
	exited   chan *child
}

type child struct {
	name string
	cmd  *exec.Cmd
	log  string
	done chan struct{}
	err  error
}

func newSupervisor(logDir string) (*supervisor, error) {
	if err := os.MkdirAll(logDir, 0o755); err != nil {
		return nil, fmt.Errorf("create log dir: %w", err)
	}
	return &supervisor{logDir: logDir, exited: make(chan *child, 16)}, nil
}

// start runs this binary again as the named component.
func (s *supervisor) start(name string, args ...string) error {
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("find own executable: %w", err)
	}
	return s.startExternal(name, self, append([]string{name}, args...)...)
}

func (s *supervisor) startExternal(name, path string, args ...string) error {
	logPath := filepath.Join(s.logDir, name+".log")
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("open %s: %w", logPath, err)
	}
	fmt.Fprintf(logFile, "\n==== %s starting %s\n", time.Now().Format(time.RFC3339), name)
	cmd := exec.Command(path, args...)
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	// Own process group: a Ctrl-C on the terminal reaches only devcluster, which then stops
	// the children in order (etcd last) instead of all of them at once.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return fmt.Errorf("start %s: %w", name, err)
	}
	c := &child{name: name, cmd: cmd, log: logPath, done: make(chan struct{})}
	s.children = append(s.children, c)
	go func() {
		c.err = cmd.Wait()
		logFile.Close()
		close(c.done)
		s.exited <- c
	}()
	return nil
}

// waitFor polls check until it succeeds, a child dies, the context ends or timeout passes.
func (s *supervisor) waitFor(ctx context.Context, what string, timeout time.Duration, check func() error) error {
	deadline := time.After(timeout)
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	var last error
	for {
		if last = check(); last == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("interrupted while waiting for %s", what)
		case c := <-s.exited:
			return c.failure()
		case <-deadline:
			return fmt.Errorf("%s not ready after %s: %v (logs in %s)", what, timeout, last, s.logDir)
		case <-tick.C:
		}
	}
}

// wait blocks until a signal (clean exit) or a child dying (error).
func (s *supervisor) wait(ctx context.Context) error {
	select {
	case <-ctx.Done():
		fmt.Println("devcluster: stopping")
		return nil
	case c := <-s.exited:
		return c.failure()
	}
}

// stopAll stops children in reverse start order: nodes and controllers before the apiserver,
// the apiserver before etcd.
func (s *supervisor) stopAll() {
	for i := len(s.children) - 1; i >= 0; i-- {
		c := s.children[i]
		select {
		case <-c.done:
			continue
		default:
		}
		_ = c.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-c.done:
		case <-time.After(15 * time.Second):
			_ = c.cmd.Process.Kill()
			<-c.done
		}
	}
}

func (c *child) failure() error {
	return fmt.Errorf("%s exited unexpectedly (%v); last lines of %s:\n%s", c.name, c.err, c.log, tail(c.log, 15))
}

func tail(path string, n int) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	lines := bytes.Split(bytes.TrimRight(data, "\n"), []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return string(bytes.Join(lines, []byte("\n")))
}

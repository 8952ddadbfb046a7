package activity

import (
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/screensaver"
	"github.com/jezek/xgb/xproto"
)

// logfWriter adapts a printf-style function to io.Writer for xgb's logger.
type logfWriter func(format string, args ...any)

func (w logfWriter) Write(p []byte) (int, error) {
	w("activity: xgb: %s", trimNewline(p))
	return len(p), nil
}

func trimNewline(p []byte) string {
	for len(p) > 0 && (p[len(p)-1] == '\n' || p[len(p)-1] == '\r') {
		p = p[:len(p)-1]
	}
	return string(p)
}

// QuietXGB routes xgb's package logger (it writes "XGB: Could not get
// authority info" and connection losses straight to stderr) to logf, or
// discards it when logf is nil. Detect calls it; other packages that open
// X connections (presence) may call it too. It uses the logger's own
// synchronised setters rather than replacing the package variable, so
// calling it while X connections are live is race-free.
func QuietXGB(logf func(format string, args ...any)) {
	var w io.Writer = io.Discard
	if logf != nil {
		w = logfWriter(logf)
	}
	xgb.Logger.SetOutput(w)
	xgb.Logger.SetPrefix("")
	xgb.Logger.SetFlags(0)
}

// x11Source reads MsSinceUserInput from the MIT-SCREEN-SAVER extension over
// one long-lived X connection.
type x11Source struct {
	conn    *xgb.Conn
	root    xproto.Drawable
	timeout time.Duration

	mu     sync.Mutex
	closed bool
}

// OpenX11 connects to the X display (e.g. ":0") and checks that the
// MIT-SCREEN-SAVER extension is there.
func OpenX11(display string) (Source, error) {
	return openX11(display, defaultTimeout)
}

func openX11(display string, timeout time.Duration) (Source, error) {
	if display == "" {
		return nil, errors.New("no X display (DISPLAY is not set)")
	}
	c, err := xgb.NewConnDisplay(display)
	if err != nil {
		return nil, fmt.Errorf("connecting to X display %s: %w", display, err)
	}
	if err := initScreenSaver(c); err != nil {
		c.Close()
		return nil, err
	}
	setup := xproto.Setup(c)
	if setup == nil || len(setup.Roots) <= c.DefaultScreen {
		c.Close()
		return nil, fmt.Errorf("X display %s has no default screen", display)
	}
	return &x11Source{
		conn:    c,
		root:    xproto.Drawable(setup.DefaultScreen(c).Root),
		timeout: timeout,
	}, nil
}

// initScreenSaver does what screensaver.Init does minus registering the
// extension's event constructors: that writes xgb's package-level maps,
// which other live connections (presence watches X events) read
// concurrently. We never select screensaver events, so the opcode is all we need.
func initScreenSaver(c *xgb.Conn) error {
	const ext = "MIT-SCREEN-SAVER"
	reply, err := xproto.QueryExtension(c, uint16(len(ext)), ext).Reply()
	if err != nil {
		return fmt.Errorf("querying X extension %s: %w", ext, err)
	}
	if reply == nil || !reply.Present {
		return fmt.Errorf("X server lacks the %s extension", ext)
	}
	c.ExtLock.Lock()
	c.Extensions[ext] = reply.MajorOpcode
	c.ExtLock.Unlock()
	return nil
}

func (s *x11Source) Name() string { return NameX11 }

func (s *x11Source) Idle() (time.Duration, error) {
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if closed {
		return 0, ErrClosed
	}
	type result struct {
		r   *screensaver.QueryInfoReply
		err error
	}
	// xgb's Reply cannot be cancelled; wait for it in a goroutine so a hung
	// X server costs one timeout, not the poll loop. The goroutine ends when
	// the reply arrives or the connection is closed.
	ch := make(chan result, 1)
	go func() {
		r, err := screensaver.QueryInfo(s.conn, s.root).Reply()
		ch <- result{r, err}
	}()
	t := time.NewTimer(s.timeout)
	defer t.Stop()
	select {
	case res := <-ch:
		if res.err != nil {
			return 0, fmt.Errorf("x11 screensaver query: %w", res.err)
		}
		if res.r == nil {
			return 0, errors.New("x11 screensaver query: empty reply (connection lost)")
		}
		return time.Duration(res.r.MsSinceUserInput) * time.Millisecond, nil
	case <-t.C:
		return 0, fmt.Errorf("x11 screensaver query: no answer within %v", s.timeout)
	}
}

func (s *x11Source) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	s.conn.Close()
	return nil
}

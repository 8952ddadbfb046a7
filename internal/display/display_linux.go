package display

import (
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Available reports whether a Wayland compositor or an X server answers:
// WAYLAND_DISPLAY names a socket in XDG_RUNTIME_DIR (or a path), DISPLAY
// an X server (":N" is the local socket /tmp/.X11-unix/XN, "host:N" TCP
// port 6000+N). Each is tried with a short connect.
func Available() bool {
	return wayland(os.Getenv("WAYLAND_DISPLAY"), os.Getenv("XDG_RUNTIME_DIR")) || x11(os.Getenv("DISPLAY"))
}

const probe = 500 * time.Millisecond

func wayland(name, runtime string) bool {
	if name == "" {
		return false
	}
	if !filepath.IsAbs(name) {
		if runtime == "" {
			return false
		}
		name = filepath.Join(runtime, name)
	}
	return dial("unix", name)
}

func x11(d string) bool {
	if d == "" {
		return false
	}
	host, rest, ok := strings.Cut(d, ":")
	if !ok {
		return false
	}
	num, _, _ := strings.Cut(rest, ".")
	if num == "" {
		return false
	}
	if host == "" || host == "unix" {
		return dial("unix", "/tmp/.X11-unix/X"+num) || dial("unix", "@/tmp/.X11-unix/X"+num)
	}
	n := 0
	for _, c := range num {
		if c < '0' || c > '9' {
			return false
		}
		n = n*10 + int(c-'0')
	}
	return dial("tcp", net.JoinHostPort(host, strconv.Itoa(6000+n)))
}

func dial(network, addr string) bool {
	c, err := net.DialTimeout(network, addr, probe)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

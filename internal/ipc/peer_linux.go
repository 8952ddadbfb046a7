package ipc

import (
	"errors"
	"fmt"
	"net"
	"os"

	"golang.org/x/sys/unix"
)

// checkPeer refuses a peer running as another user (SO_PEERCRED). The
// socket is 0600 in a 0700 folder already; this holds even if those
// permissions were loosened by hand.
func checkPeer(c net.Conn) error {
	uc, ok := c.(*net.UnixConn)
	if !ok {
		return nil
	}
	raw, err := uc.SyscallConn()
	if err != nil {
		return fmt.Errorf("reading peer credentials: %w", err)
	}
	var cred *unix.Ucred
	var cerr error
	if err := raw.Control(func(fd uintptr) {
		cred, cerr = unix.GetsockoptUcred(int(fd), unix.SOL_SOCKET, unix.SO_PEERCRED)
	}); err != nil {
		return fmt.Errorf("reading peer credentials: %w", err)
	}
	if cerr != nil {
		return fmt.Errorf("reading peer credentials: %w", cerr)
	}
	if int(cred.Uid) != os.Getuid() {
		return fmt.Errorf("peer uid %d is not ours (%d)", cred.Uid, os.Getuid())
	}
	return nil
}

// checkPrivateDir makes sure the socket folder is ours, a real folder and
// closed to others. It opens the folder without following a symlink and
// changes the mode through that descriptor, so a symlink or a folder
// swapped in meanwhile is never chmodded (another user's folder stays
// theirs).
func checkPrivateDir(dir string) error {
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		if errors.Is(err, unix.ELOOP) || errors.Is(err, unix.ENOTDIR) {
			return fmt.Errorf("the socket folder %s is a symlink or not a folder: remove it, or set XDG_RUNTIME_DIR", dir)
		}
		return fmt.Errorf("checking the socket folder %s: %w", dir, err)
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return fmt.Errorf("checking the socket folder %s: %w", dir, err)
	}
	if int(st.Uid) != os.Getuid() {
		return fmt.Errorf("the socket folder %s belongs to another user (uid %d): remove it, or set XDG_RUNTIME_DIR", dir, st.Uid)
	}
	if st.Mode&0o077 != 0 {
		if err := unix.Fchmod(fd, 0o700); err != nil {
			return fmt.Errorf("restricting the socket folder %s: %w", dir, err)
		}
	}
	return nil
}

// checkServer refuses a server that runs as another user: nothing is sent
// to an impostor holding the socket's place.
func checkServer(c net.Conn, path string) error {
	if err := checkPeer(c); err != nil {
		return fmt.Errorf("the socket %s is not served by your Limber (%v); nothing was sent. Remove it, or set XDG_RUNTIME_DIR", path, err)
	}
	return nil
}

package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/limber-app/limber/internal/cli"
)

// The windows (card, settings, stats) are a program of their own,
// limber-window, so that this one, the long-running daemon, links no Fyne
// app or GL driver: its idle memory is then what the daemon uses, without
// dropping pages (see TestNoWindowCodeLinked).

// windowProgram is the file name of the window program.
func windowProgram() string {
	if runtime.GOOS == "windows" {
		return "limber-window.exe"
	}
	return "limber-window"
}

// windowPlaces lists where limber-window is looked for, in order, for the
// limber binary at exe: beside it (a build folder, bin/ of a simple
// install, the Windows zip), then PREFIX/libexec/limber/ when exe is
// PREFIX/bin/limber (make install, the tarball, distribution packages).
func windowPlaces(exe string) []string {
	dir := filepath.Dir(exe)
	name := windowProgram()
	return []string{
		filepath.Join(dir, name),
		filepath.Join(dir, "..", "libexec", "limber", name),
	}
}

// findWindowProgram returns the path of limber-window for this binary, or
// an error that names every place it looked.
func findWindowProgram() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("finding the limber binary (to find %s beside it): %w", windowProgram(), err)
	}
	return lookWindowProgram(exe)
}

// lookWindowProgram finds limber-window for the limber binary at exe.
func lookWindowProgram(exe string) (string, error) {
	// A symlink to limber (say ~/bin/limber) still finds the real install.
	if real, err := filepath.EvalSymlinks(exe); err == nil {
		exe = real
	}
	places := windowPlaces(exe)
	for _, p := range places {
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p, nil
		}
	}
	return "", &missingWindowError{places: places}
}

// missingWindowError says that limber-window is not installed where limber
// looks for it.
type missingWindowError struct{ places []string }

func (e *missingWindowError) Error() string {
	return fmt.Sprintf("the window program %s is missing (looked for %s); reinstall Limber with both binaries (make install)",
		windowProgram(), strings.Join(e.places, " and "))
}

func (e *missingWindowError) Is(target error) bool { return target == fs.ErrNotExist }

// windowCommand prepares limber-window NAME ARGS.
func windowCommand(name string, args ...string) (*exec.Cmd, error) {
	prog, err := findWindowProgram()
	if err != nil {
		return nil, err
	}
	return exec.Command(prog, append([]string{name}, args...)...), nil
}

// runWindow is `limber window NAME ARGS`: it runs limber-window with the
// same arguments and returns its exit code. Kept for scripts and habits
// from when the windows lived in this binary.
func runWindow(args []string) int {
	if len(args) == 0 {
		return usageWindow()
	}
	cmd, err := windowCommand(args[0], args[1:]...)
	if err != nil {
		fmt.Fprintf(os.Stderr, "limber: %v\n", err)
		return cli.ExitFailed
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.ExitCode() >= 0 {
			return ee.ExitCode()
		}
		fmt.Fprintf(os.Stderr, "limber: running %s: %v\n", cmd.Path, err)
		return cli.ExitFailed
	}
	return 0
}

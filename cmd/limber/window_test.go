package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLookWindowProgram(t *testing.T) {
	touch := func(t *testing.T, p string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("beside", func(t *testing.T) {
		dir := t.TempDir()
		exe := filepath.Join(dir, "bin", "limber")
		touch(t, exe)
		touch(t, filepath.Join(dir, "bin", windowProgram()))
		touch(t, filepath.Join(dir, "libexec", "limber", windowProgram()))
		got, err := lookWindowProgram(exe)
		if err != nil || got != filepath.Join(dir, "bin", windowProgram()) {
			t.Errorf("got %q, %v; want the one beside limber", got, err)
		}
	})
	t.Run("libexec", func(t *testing.T) {
		dir := t.TempDir()
		exe := filepath.Join(dir, "bin", "limber")
		touch(t, exe)
		want := filepath.Join(dir, "libexec", "limber", windowProgram())
		touch(t, want)
		got, err := lookWindowProgram(exe)
		if err != nil || filepath.Clean(got) != want {
			t.Errorf("got %q, %v; want %q", got, err, want)
		}
	})
	t.Run("through a symlink", func(t *testing.T) {
		dir := t.TempDir()
		exe := filepath.Join(dir, "prefix", "bin", "limber")
		touch(t, exe)
		want := filepath.Join(dir, "prefix", "libexec", "limber", windowProgram())
		touch(t, want)
		link := filepath.Join(dir, "home-bin", "limber")
		os.MkdirAll(filepath.Dir(link), 0o755)
		if err := os.Symlink(exe, link); err != nil {
			t.Skip(err)
		}
		got, err := lookWindowProgram(link)
		if err != nil || filepath.Clean(got) != want {
			t.Errorf("got %q, %v; want %q", got, err, want)
		}
	})
	t.Run("missing", func(t *testing.T) {
		dir := t.TempDir()
		exe := filepath.Join(dir, "bin", "limber")
		touch(t, exe)
		os.MkdirAll(filepath.Join(dir, "bin", windowProgram()), 0o755) // a folder is not the program
		_, err := lookWindowProgram(exe)
		if err == nil {
			t.Fatal("found a window program where there is none")
		}
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%v is not fs.ErrNotExist", err)
		}
		msg := err.Error()
		for _, want := range []string{windowProgram() + " is missing", filepath.Join(dir, "bin", windowProgram()),
			filepath.Join(dir, "bin", "..", "libexec", "limber", windowProgram()), "make install"} {
			if !strings.Contains(msg, want) {
				t.Errorf("message %q does not say %q", msg, want)
			}
		}
	})
}

// TestWindowCommandWithoutProgram: `limber window` without limber-window
// beside the binary fails with exit 1 and says where it looked; the test
// binary has no limber-window beside it.
func TestWindowCommandWithoutProgram(t *testing.T) {
	if _, err := findWindowProgram(); err == nil {
		t.Skip("a limber-window lies beside the test binary")
	}
	if code := runWindow([]string{"stats"}); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if code := runWindow(nil); code != 2 {
		t.Errorf("no window name: exit %d, want 2", code)
	}
}

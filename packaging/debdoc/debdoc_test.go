package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"
)

func fyneVersion(t *testing.T) string {
	t.Helper()
	var meta struct{ Details struct{ Version string } }
	if err := decodeFile("../../FyneApp.toml", &meta); err != nil {
		t.Fatal(err)
	}
	return meta.Details.Version
}

func TestChangelog(t *testing.T) {
	var b strings.Builder
	if err := writeChangelog(&b, "../"+filepath.Base(metainfoFile), "A B <a@b.org>"); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	want := "limber (" + fyneVersion(t) + ") unstable; urgency=medium\n\n  * "
	if !strings.HasPrefix(text, want) {
		t.Fatalf("changelog starts %q, want %q (the newest release must be FyneApp.toml's version)", text[:min(60, len(text))], want)
	}
	if !regexp.MustCompile(`(?m)^ -- A B <a@b\.org>  [A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} 00:00:00 \+0000$`).MatchString(text) {
		t.Errorf("no trailer line in\n%s", text)
	}
	for _, l := range strings.Split(text, "\n") {
		if len([]rune(l)) > 80 && !strings.HasPrefix(l, " -- ") {
			t.Errorf("line longer than 80: %q", l)
		}
	}
	if _, err := exec.LookPath("dpkg-parsechangelog"); err != nil {
		t.Skip("dpkg-parsechangelog not installed (dpkg-dev)")
	}
	f := filepath.Join(t.TempDir(), "changelog")
	if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("dpkg-parsechangelog", "-l", f, "-S", "Version").CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != fyneVersion(t) {
		t.Errorf("dpkg-parsechangelog: %v: %s", err, out)
	}
}

func TestChangelogBadMetainfo(t *testing.T) {
	dir := t.TempDir()
	for name, xml := range map[string]string{
		"no release": `<component><releases/></component>`,
		"bad date":   `<component><releases><release version="1" date="24.11.2026"><description><p>x</p></description></release></releases></component>`,
		"no notes":   `<component><releases><release version="1" date="2026-11-24"/></releases></component>`,
	} {
		f := filepath.Join(dir, "m.xml")
		if err := os.WriteFile(f, []byte(xml), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := writeChangelog(&strings.Builder{}, f, "A <a@b.org>"); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestWrap(t *testing.T) {
	got := wrap("one two three four", "* ", "  ", 9)
	if want := "* one two\n  three\n  four\n"; got != want {
		t.Errorf("wrap = %q, want %q", got, want)
	}
}

func TestClassify(t *testing.T) {
	own, err := os.ReadFile("../../LICENSE")
	if err != nil {
		t.Fatal(err)
	}
	sc, err := newScanner()
	if err != nil {
		t.Fatal(err)
	}
	if id, err := classify(sc, string(own)); err != nil || id != "BSD-3-Clause" {
		t.Errorf("LICENSE: %q, %v", id, err)
	}
	if id, err := classify(sc, "You may do whatever you like with this, except sell it."); err == nil {
		t.Errorf("an unknown licence was classified as %q", id)
	}
}

func TestCopyrights(t *testing.T) {
	text := "Copyright (c) 2026, The Limber authors\n\nRedistributions must retain the above copyright notice\n   Copyright [yyyy] [name of copyright owner]\n"
	got := copyrights(text, "fallback")
	if len(got) != 1 || got[0] != "2026, The Limber authors" {
		t.Errorf("copyrights = %q", got)
	}
	if got := copyrights("no holder here", "fallback"); len(got) != 1 || got[0] != "fallback" {
		t.Errorf("copyrights without a holder = %q", got)
	}
}

// TestCopyright writes the copyright file for this test binary, a Go
// program that links licensecheck: it has a paragraph with its licence,
// after Limber's own, and Go has the last.
func TestCopyright(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := writeCopyright(&b, "../../LICENSE", []string{self}); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	if !strings.HasPrefix(text, "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n") {
		t.Errorf("no Format line: %q", text[:min(80, len(text))])
	}
	for _, want := range []string{
		"\nFiles: *\nCopyright: 2026, The Limber authors\nLicense: BSD-3-Clause\n BSD 3-Clause License\n .\n",
		"\nFiles: go-modules/github.com/google/licensecheck@",
		"\nFiles: go/*\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("copyright lacks %q", want)
		}
	}
	// Every paragraph is Files, Copyright, License with a text.
	for _, p := range strings.Split(strings.TrimSuffix(text, "\n"), "\n\n")[1:] {
		if !regexp.MustCompile(`^Files: \S+\nCopyright: .+\n(?: {11}.+\n)*License: \S.*\n(?: .*\n)+$`).MatchString(p + "\n") {
			t.Errorf("malformed paragraph:\n%s", p)
		}
	}
	if err := writeCopyright(&strings.Builder{}, "../../LICENSE", []string{"../../LICENSE"}); err == nil {
		t.Error("a file that is not a Go program gave no error")
	}
}

// decodeFile reads the TOML file at path into v.
func decodeFile(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return toml.Unmarshal(data, v)
}

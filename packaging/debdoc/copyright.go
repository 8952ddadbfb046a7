package main

import (
	"debug/buildinfo"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/google/licensecheck"
)

// module is one Go module linked into the programs.
type module struct{ path, version string }

// linkedModules reads the modules each binary was built from (its build
// info), without Limber itself, sorted and without repeats.
func linkedModules(bins []string) ([]module, error) {
	seen := map[module]bool{}
	var mods []module
	for _, bin := range bins {
		info, err := buildinfo.ReadFile(bin)
		if err != nil {
			return nil, fmt.Errorf("reading the build info of %s (is it a Go program?): %w", bin, err)
		}
		for _, d := range info.Deps {
			if d.Replace != nil {
				d = d.Replace
			}
			m := module{d.Path, d.Version}
			if !seen[m] {
				seen[m] = true
				mods = append(mods, m)
			}
		}
	}
	slices.SortFunc(mods, func(a, b module) int { return strings.Compare(a.path+"@"+a.version, b.path+"@"+b.version) })
	return mods, nil
}

// escapePath is the module cache's spelling of a path or version: each
// upper-case letter as "!" and its lower case (golang.org/x/mod/module's
// EscapePath, which is not among this module's dependencies).
func escapePath(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsUpper(r) {
			b.WriteByte('!')
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// licenseText finds the licence file at the top of a module's folder.
func licenseText(dir string) (string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", fmt.Errorf("%w (run go mod download first)", err)
	}
	for _, e := range entries {
		n := strings.ToUpper(e.Name())
		if !e.IsDir() && (strings.HasPrefix(n, "LICENSE") || strings.HasPrefix(n, "LICENCE") || strings.HasPrefix(n, "COPYING")) {
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			return string(b), err
		}
	}
	return "", fmt.Errorf("no LICENSE, LICENCE or COPYING file in %s", dir)
}

// knownLicenses are the licences a linked module may carry. A module
// under another one fails classify, so that someone reads it before it
// goes into the package (and adds it here). It also keeps the scanner
// small: licensecheck's full set of some 800 takes seconds to build.
var knownLicenses = []string{
	"0BSD", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "CC0-1.0", "GooglePatentClause",
	"ISC", "MIT", "MPL-2.0", "Unlicense", "Zlib",
}

// newScanner builds the licence scanner for knownLicenses.
func newScanner() (*licensecheck.Scanner, error) {
	var set []licensecheck.License
	for _, l := range licensecheck.BuiltinLicenses() {
		if slices.Contains(knownLicenses, l.ID) {
			set = append(set, l)
		}
	}
	return licensecheck.NewScanner(set)
}

// classify names the licence of a text by its SPDX identifier, or fails
// when too little of the text is one of the known licences.
func classify(sc *licensecheck.Scanner, text string) (string, error) {
	cov := sc.Scan([]byte(text))
	var names []string
	for _, m := range cov.Match {
		if !m.IsURL && !slices.Contains(names, m.ID) {
			names = append(names, m.ID)
		}
	}
	if len(names) == 0 || cov.Percent < 75 {
		return "", fmt.Errorf("licence not recognised (%.0f%% of the text matches %v); read it, and if it may be shipped add it to knownLicenses in packaging/debdoc", cov.Percent, names)
	}
	// A text that offers a choice ("dual-licensed under X or Y") is one
	// licence or the other; otherwise all of them apply.
	if dual.MatchString(text) {
		return strings.Join(names, " or "), nil
	}
	return strings.Join(names, " and "), nil
}

var dual = regexp.MustCompile(`(?i)dual[- ]licen[cs]ed|at your (option|choice)|SPDX-License-Identifier:.* OR `)

// commonLicenses are the licences whose text Debian ships in
// /usr/share/common-licenses, where the copyright file points instead of
// repeating them.
var commonLicenses = []string{"Apache-2.0", "MPL-1.1", "MPL-2.0", "GPL-2.0", "GPL-3.0", "LGPL-2.1", "LGPL-3.0", "CC0-1.0"}

var copyrightLine = regexp.MustCompile(`(?im)^\s*copyright\s+(?:\(c\)|©)?\s*(.*\S)\s*$`)

// copyrights returns the holders a licence text names ("2026, The Limber
// authors"), or fallback when it names none.
func copyrights(text, fallback string) []string {
	var c []string
	for _, m := range copyrightLine.FindAllStringSubmatch(text, -1) {
		h := strings.TrimSpace(m[1])
		h = strings.TrimPrefix(h, "(c)")
		h = strings.TrimPrefix(h, "(C)")
		h = strings.TrimSpace(h)
		// "Copyright notice" and similar words of the licence itself.
		// and a template's placeholders ("[yyyy] [name of copyright owner]").
		if h == "" || strings.Contains(h, "[yyyy]") || strings.HasPrefix(strings.ToLower(h), "notice") || strings.HasPrefix(strings.ToLower(h), "holder") ||
			strings.HasPrefix(strings.ToLower(h), "owner") || strings.HasPrefix(strings.ToLower(h), "license") {
			continue
		}
		if !slices.Contains(c, h) {
			c = append(c, h)
		}
	}
	if len(c) == 0 {
		c = []string{fallback}
	}
	return c
}

// licenseBody is a licence text as a copyright file holds it: each line
// indented by one space, an empty line as " .".
func licenseBody(text string) string {
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n")), "\n") {
		l = strings.TrimRight(strings.ReplaceAll(l, "\t", "    "), " ")
		if l == "" {
			b.WriteString(" .\n")
		} else {
			b.WriteString(" " + l + "\n")
		}
	}
	return b.String()
}

// stanza writes one Files paragraph.
func stanza(b *strings.Builder, sc *licensecheck.Scanner, files, fallbackHolder, text string) error {
	id, err := classify(sc, text)
	if err != nil {
		return fmt.Errorf("%s: %w", files, err)
	}
	fmt.Fprintf(b, "\nFiles: %s\nCopyright: %s\nLicense: %s\n", files,
		strings.Join(copyrights(text, fallbackHolder), "\n           "), id)
	if slices.Contains(commonLicenses, id) {
		fmt.Fprintf(b, " On Debian systems, the full text of this licence is in\n /usr/share/common-licenses/%s.\n", id)
	} else {
		b.WriteString(licenseBody(text))
	}
	return nil
}

// goEnv reads one variable of the go command.
func goEnv(name string) (string, error) {
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		return "", fmt.Errorf("go env %s: %w", name, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// writeCopyright writes the machine-readable copyright file for the
// given binaries.
func writeCopyright(w io.Writer, license string, bins []string) error {
	own, err := os.ReadFile(license)
	if err != nil {
		return err
	}
	mods, err := linkedModules(bins)
	if err != nil {
		return err
	}
	cache, err := goEnv("GOMODCACHE")
	if err != nil {
		return err
	}
	goroot, err := goEnv("GOROOT")
	if err != nil {
		return err
	}
	sc, err := newScanner()
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(`Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Limber
Upstream-Contact: https://github.com/limber-app/limber/issues
Source: https://github.com/limber-app/limber
Comment: limber and limber-window are Go programs, which link their Go
 dependencies statically: the paragraphs after the first are the Go
 modules built into them (as go-modules/PATH@VERSION/*, the module cache's
 names) and the Go standard library (go/*), each with its own licence.
`)
	if err := stanza(&b, sc, "*", "The Limber authors", string(own)); err != nil {
		return err
	}
	for _, m := range mods {
		dir := filepath.Join(cache, escapePath(m.path)+"@"+escapePath(m.version))
		text, err := licenseText(dir)
		if err != nil {
			return fmt.Errorf("module %s %s: %w", m.path, m.version, err)
		}
		if err := stanza(&b, sc, "go-modules/"+m.path+"@"+m.version+"/*", "the authors of "+m.path, text); err != nil {
			return err
		}
	}
	text, err := licenseText(goroot)
	if err != nil {
		return fmt.Errorf("the Go standard library: %w", err)
	}
	if err := stanza(&b, sc, "go/*", "The Go Authors", text); err != nil {
		return err
	}
	_, err = io.WriteString(w, b.String())
	return err
}

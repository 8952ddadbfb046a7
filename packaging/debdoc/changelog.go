package main

import (
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// release is one <release> of the metainfo.
type release struct {
	Version string `xml:"version,attr"`
	Date    string `xml:"date,attr"`
	// The description's paragraphs and list items, in order.
	Desc struct {
		Items []struct {
			XMLName xml.Name
			Text    string `xml:",chardata"`
			Items   []struct {
				Text string `xml:",chardata"`
			} `xml:"li"`
		} `xml:",any"`
	} `xml:"description"`
}

// releases reads the metainfo's releases, newest first.
func releases(metainfo string) ([]release, error) {
	data, err := os.ReadFile(metainfo)
	if err != nil {
		return nil, err
	}
	var c struct {
		Releases []release `xml:"releases>release"`
	}
	if err := xml.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("%s: %w", metainfo, err)
	}
	if len(c.Releases) == 0 {
		return nil, fmt.Errorf("%s: no <release>: add one with the release notes", metainfo)
	}
	return c.Releases, nil
}

// notes returns a release's notes as changelog items: each paragraph and
// each list item is one.
func (r release) notes() []string {
	var n []string
	for _, it := range r.Desc.Items {
		switch it.XMLName.Local {
		case "p":
			n = append(n, strings.Join(strings.Fields(it.Text), " "))
		case "ul", "ol":
			for _, li := range it.Items {
				n = append(n, strings.Join(strings.Fields(li.Text), " "))
			}
		}
	}
	return n
}

// writeChangelog writes the Debian changelog (deb-changelog(5)) of every
// release in the metainfo.
func writeChangelog(w io.Writer, metainfo, maintainer string) error {
	rels, err := releases(metainfo)
	if err != nil {
		return err
	}
	var b strings.Builder
	for i, r := range rels {
		day, err := time.Parse(time.DateOnly, r.Date)
		if err != nil {
			return fmt.Errorf("%s: release %s: date %q is not YYYY-MM-DD", metainfo, r.Version, r.Date)
		}
		notes := r.notes()
		if len(notes) == 0 {
			return fmt.Errorf("%s: release %s has no release notes (<description><p>…</p></description>)", metainfo, r.Version)
		}
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "limber (%s) unstable; urgency=medium\n\n", r.Version)
		for _, n := range notes {
			b.WriteString(wrap(n, "  * ", "    ", 79))
		}
		fmt.Fprintf(&b, "\n -- %s  %s\n", maintainer, day.UTC().Format(time.RFC1123Z))
	}
	_, err = io.WriteString(w, b.String())
	return err
}

// wrap fills text into lines of at most width runes (a longer word keeps
// a line of its own), the first starting with first, the rest with indent.
func wrap(text, first, indent string, width int) string {
	var b strings.Builder
	line := first
	fresh := true
	for _, word := range strings.Fields(text) {
		if !fresh && len([]rune(line))+1+len([]rune(word)) > width {
			b.WriteString(line + "\n")
			line, fresh = indent, true
		}
		if !fresh {
			line += " "
		}
		line += word
		fresh = false
	}
	b.WriteString(line + "\n")
	return b.String()
}

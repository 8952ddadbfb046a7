// Command debdoc writes the two documents every Debian package carries,
// from the sources, so that neither is kept by hand beside them:
//
//	go run ./packaging/debdoc changelog [-maintainer "NAME <MAIL>"]
//	    the Debian changelog, from the release notes in the AppStream
//	    metainfo (newest first, as the metainfo lists them)
//	go run ./packaging/debdoc copyright BINARY...
//	    the machine-readable copyright file: Limber's LICENSE, then every
//	    Go module linked into the BINARYs (read from their build info) with
//	    the licence found in the module cache, and Go's own
//
// Hand-written but for the licence classification (licensecheck): no
// served module writes Debian's formats.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "changelog":
		fs := flag.NewFlagSet("changelog", flag.ExitOnError)
		maint := fs.String("maintainer", defaultMaintainer, "the NAME <MAIL> that signs each entry")
		_ = fs.Parse(os.Args[2:])
		if fs.NArg() != 0 {
			usage()
		}
		err = writeChangelog(os.Stdout, metainfoFile, *maint)
	case "copyright":
		if len(os.Args) < 3 {
			usage()
		}
		err = writeCopyright(os.Stdout, licenseFile, os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "packaging/debdoc: %v\n", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: go run ./packaging/debdoc changelog [-maintainer \"NAME <MAIL>\"] | copyright BINARY...")
	os.Exit(2)
}

// The files read, relative to the repository's root (where go run runs).
const (
	metainfoFile = "packaging/io.github.limber_app.limber.metainfo.xml"
	licenseFile  = "LICENSE"
)

const defaultMaintainer = "The Limber developers <limber-app@users.noreply.github.com>"

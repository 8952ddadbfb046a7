// Package version holds the version stamped in at build time.
package version

// Version is set with -ldflags -X by the Makefile; "dev" in plain go builds.
var Version = "dev"

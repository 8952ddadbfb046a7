// Package packaging holds no Go code: it is the home of Limber's desktop
// integration files (the .desktop entry, the AppStream metainfo, the
// lintian override) and the scripts that install them (install.sh), build
// the Linux tarball (package.sh) and the Debian package (deb.sh), and test
// that package installed (deb-test.sh). Its tests run install.sh and
// package.sh into a temporary prefix and check every file they write.
//
// Its commands generate the package's documents from the sources:
// packaging/man writes limber(1) from the command table, packaging/debdoc
// the Debian changelog (from the metainfo's releases) and copyright file
// (from LICENSE and the Go modules linked into the programs).
package packaging

// Package packaging holds no Go code: it is the home of Limber's desktop
// integration files (the .desktop entry, the AppStream metainfo) and the
// scripts that install them and build the Linux tarball. Its tests run
// those scripts into a temporary prefix and check every file they write.
package packaging

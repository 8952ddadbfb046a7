// Command limber is the Limber break reminder: the tray daemon without
// arguments, and its command line and windows with them.
package main

import (
	"os"
)

func main() {
	os.Exit(0)
}

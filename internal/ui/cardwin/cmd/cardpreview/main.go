// Command cardpreview shows a card window without the daemon, for card
// authors and screenshots: go run ./internal/ui/cardwin/cmd/cardpreview --kind stretch --card bird-dog
package main

import (
	"os"

	"github.com/limber-app/limber/internal/ui/cardwin"
)

func main() { os.Exit(cardwin.Run(append(os.Args[1:], "--offline"), nil)) }

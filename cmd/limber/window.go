package main

// runWindow runs one Fyne window as this process: card, settings or stats.
func runWindow(args []string) int {
	if len(args) == 0 {
		return usageWindow()
	}
	switch args[0] {
	}
	return usageWindow()
}

//go:build windows

package activity

func candidates(o Options) []candidate {
	return []candidate{{name: NameWindows, open: OpenWindows}}
}

//go:build darwin

package activity

func candidates(o Options) []candidate {
	return []candidate{{name: macName, open: OpenMac}}
}

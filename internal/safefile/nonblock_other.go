//go:build !unix

package safefile

import "os"

const nonBlock = 0

func clearNonBlock(*os.File) error { return nil }

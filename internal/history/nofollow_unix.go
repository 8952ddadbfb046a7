//go:build unix

package history

import "syscall"

// noFollow makes opening the fallback file fail on a symlink, so it never
// appends to a file someone else pointed it at.
const noFollow = syscall.O_NOFOLLOW

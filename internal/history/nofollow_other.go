//go:build !unix

package history

const noFollow = 0

package settings

// IPC commands the daemon serves for the settings window (and anyone else).
const (
	// CmdGet: args GetArgs, reply GetReply. The daemon answers with the
	// settings in use, the file path and the problems of the file on disk
	// (empty when it is valid).
	CmdGet = "settings_get"
	// CmdSet: args SetArgs, reply SetReply. The daemon validates (an invalid
	// value is an error naming the field), writes the file with Save,
	// marks it seen in its Watcher, and applies it at once.
	CmdSet = "settings_set"
)

// GetArgs is the (empty) request of settings_get.
type GetArgs struct{}

// GetReply answers settings_get.
type GetReply struct {
	Settings Settings  `json:"settings"`
	Path     string    `json:"path"`
	Problems []Problem `json:"problems"`
}

// SetArgs is the request of settings_set.
type SetArgs struct {
	Settings Settings `json:"settings"`
}

// SetReply answers settings_set.
type SetReply struct{}

package sim

// WorkingDay is a typical office day for trying presets: focused typing
// with reading pauses, a stand-up call, lunch away from the desk, an
// afternoon meeting and a late push. The simulated user takes every break
// offered. Run it with Parse(cfg, WorkingDay).
const WorkingDay = `
start 2026-03-02 08:50 +01:00
auto done
type 40m
read 2m          # reading a document
type 35m
read 20s         # a short pause still counts as work
type until 10:00
present 15m      # stand-up on a video call
type until 12:15
lock 45m         # lunch
type 1h30m
read 5m
type until 15:00
present 1h       # afternoon meeting
type until 17:45
`

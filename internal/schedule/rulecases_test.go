package schedule_test

import (
	"time"

	"github.com/limber-app/limber/internal/schedule"
)

func ruleCases() map[string]ruleCase {
	return map[string]ruleCase{
		// A bumped mouse is noise: no session, no sitting.
		"bump is noise": {script: `
			away 1m
			bump
			away 1m
			bump
			read 3s
			bump
			away 1m
			status`, want: `
			-- Mon 2026-03-02 --
			09:03:03 status away session=0s today=0s away=3m3s | posture 15m0s | stretch 30m0s | movement 1h0m0s`},
		// Continued input for ActiveAfter starts a session; it counts from
		// the first input seen.
		"continued input starts session": {script: `
			away 1m
			type 3s
			status
			type 3s
			status
			note end`, want: `
			-- Mon 2026-03-02 --
			09:01:03 status noise session=0s today=0s away=1m1s | posture 15m0s | stretch 30m0s | movement 1h0m0s
			09:01:06 session_start 1m1s
			09:01:06 status active session=5s today=5s | posture 14m55s | stretch 29m55s | movement 59m55s
			09:01:06 note end`},
		// Input gaps shorter than IdleAfter are still work: posture comes
		// due after 15 min even with 25 s pauses.
		"short gaps are work": {script: `
			type 4m
			read 25s
			type 4m
			read 25s
			type 4m
			read 25s
			type 2m
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:15:01 due posture 10s
			09:15:15 status active session=15m14s today=15m14s | posture due | stretch 14m46s | movement 44m46s`},
		// Away starts at the last input: 1 min without input is 1 min
		// away, and only the 30 s before detection are not sitting.
		"away begins at last input": {script: `
			type 10m
			read 29s
			status
			read 31s
			status
			type 5m
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:10:29 status active session=9m59s today=9m59s | posture 5m1s | stretch 20m1s | movement 50m1s
			09:10:30 natural posture 30s
			09:11:00 status away session=9m59s today=9m59s away=1m0s | posture 15m0s | stretch 20m1s | movement 50m1s
			09:16:00 status active session=14m58s today=14m58s | posture 10m1s | stretch 15m2s | movement 45m2s`},
		// Due fires once and stays due; warn fires once before it.
		"due and warn once": {script: `
			type 31m
			note end`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:15:01 due posture 10s
			09:29:31 warn stretch 3m0s with posture
			09:30:01 due stretch 3m0s with posture
			09:31:00 note end`},
		// A natural break at least the break's length resets the track.
		"natural break resets": {script: `
			type 29m
			away 3m
			type 29m
			note end`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:15:01 due posture 10s
			09:29:30 natural posture 30s
			09:32:00 natural stretch 3m0s
			09:47:01 due posture 10s
			10:01:00 note end`},
		// A card on screen decides its break: the user does the stretch away
		// from the keys, and the away clock (started at the last input,
		// before the card) reaches the length first; no natural break ends
		// it, the card's Done does. Without the card (offered by
		// notification) the same time away is a natural break.
		"card on screen decides": {cfg: func() schedule.Config {
			c := simple()
			c.Tracks = []schedule.Track{{Kind: schedule.Stretch, Enabled: true, Interval: 90 * time.Second, Length: 30 * time.Second}}
			return c
		}, script: `
			type 1m35s
			read 3s
			shown stretch
			away 28s
			status
			done stretch
			type 1m35s
			read 3s
			away 30s
			note end`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:01:31 due stretch 30s
			09:02:05 session_end 1m34s
			09:02:06 status away session=0s today=1m34s away=31s | stretch due
			09:02:06 done stretch 30s
			09:02:12 session_start 32s
			09:03:37 due stretch 30s
			09:04:11 natural stretch 30s
			09:04:11 session_end 1m34s
			09:04:14 note end`},
		// The warning names the smaller breaks that will come with the
		// bigger one: water due at the same moment as the stretch.
		"warning names the merged break": {cfg: func() schedule.Config {
			c := simple()
			c.Tracks = []schedule.Track{
				{Kind: schedule.Hydration, Enabled: true, Interval: 20 * time.Minute, Length: 10 * time.Second},
				{Kind: schedule.Stretch, Enabled: true, Interval: 20 * time.Minute, Length: 90 * time.Second, Warn: 30 * time.Second},
			}
			return c
		}, script: `
			type 21m
			note end`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:19:31 warn stretch 1m30s with hydration
			09:20:01 due stretch 1m30s with hydration
			09:21:00 note end`},
		// Track.Natural asks for more away time than Length: 1 min away
		// resets posture but not hydration, 3 min resets both.
		"natural longer than length": {cfg: func() schedule.Config {
			c := simple()
			c.Tracks = []schedule.Track{
				{Kind: schedule.Posture, Enabled: true, Interval: 15 * time.Minute, Length: 10 * time.Second},
				{Kind: schedule.Hydration, Enabled: true, Interval: 45 * time.Minute, Length: 10 * time.Second, Natural: 2 * time.Minute},
			}
			return c
		}, script: `
			type 10m
			away 1m
			type 10m
			away 3m
			type 1m
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:10:30 natural posture 30s
			09:21:30 natural posture 30s
			09:23:00 natural hydration 2m0s
			09:23:00 session_end 19m58s
			09:24:06 session_start 3m1s
			09:25:00 status active session=59s today=20m57s | posture 14m1s | hydration 44m1s`},
		// Away past the longest break ends the session; return starts one.
		"session end and start": {script: `
			type 20m
			away 11m
			type 1m
			note end`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:15:01 due posture 10s
			09:20:30 natural posture 30s
			09:23:00 natural stretch 3m0s
			09:30:00 natural movement 10m0s
			09:30:00 session_end 19m59s
			09:31:06 session_start 11m1s
			09:32:00 note end`},
		// Posture is due with stretch at 30 min: only stretch is offered,
		// posture is merged into it and reset when stretch is done.
		"merge at the same time": {script: `
			type 30m05s
			status
			done stretch
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:15:01 due posture 10s
			09:29:31 warn stretch 3m0s with posture
			09:30:01 due stretch 3m0s with posture
			09:30:05 status active session=30m4s today=30m4s | posture merged>stretch | stretch due | movement 29m56s
			09:30:05 done stretch 3m0s
			09:30:05 done posture 10s
			09:30:05 status active session=30m4s today=30m4s | posture 15m0s | stretch 30m0s | movement 29m56s`},
		// Posture due 20 s before stretch waits and is taken with it.
		"merge within a minute": {script: `
			type 14m40s
			breaknow posture
			done posture
			note posture now 21s ahead of stretch
			type 15m25s
			status
			done stretch
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:14:40 due posture 10s
			09:14:40 done posture 10s
			09:14:40 note posture now 21s ahead of stretch
			09:29:31 warn stretch 3m0s with posture
			09:30:01 due stretch 3m0s with posture
			09:30:05 status active session=30m4s today=30m4s | posture merged>stretch | stretch due | movement 29m56s
			09:30:05 done stretch 3m0s
			09:30:05 done posture 10s
			09:30:05 status active session=30m4s today=30m4s | posture 15m0s | stretch 30m0s | movement 29m56s`},
		// Done on a bigger break resets smaller ones no longer than it.
		"done resets smaller": {script: `
			type 10m
			breaknow stretch
			status
			done stretch
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:10:00 due stretch 3m0s
			09:10:00 status active session=9m59s today=9m59s | posture 5m1s | stretch due | movement 50m1s
			09:10:00 done stretch 3m0s
			09:10:00 status active session=9m59s today=9m59s | posture 15m0s | stretch 30m0s | movement 50m1s`},
		// Snooze postpones by active time, not wall time: 3 min away do
		// not bring it nearer.
		"snooze is active time": {script: `
			type 30m10s
			snooze stretch 5m
			type 2m
			away 2m
			type 3m10s
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:15:01 due posture 10s
			09:29:31 warn stretch 3m0s with posture
			09:30:01 due stretch 3m0s with posture
			09:30:10 snoozed stretch 5m0s
			09:32:40 natural posture 30s
			09:37:11 due stretch 3m0s
			09:37:20 status active session=35m18s today=35m18s | posture 11m51s | stretch due snoozes=1 | movement 24m42s`},
		// Skips are capped; taking the break clears the count.
		"skip cap": {cfg: func() schedule.Config {
			c := simple()
			c.Tracks = c.Tracks[:1]
			c.MaxSkips = 2
			return c
		}, script: `
			type 15m05s
			skip posture
			type 15m
			skip posture
			type 15m
			skip posture
			status
			done posture
			type 15m
			skip posture
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:15:01 due posture 10s
			09:15:05 skipped posture
			09:30:05 due posture 10s
			09:30:05 skipped posture
			09:45:05 due posture 10s
			09:45:05 refused skip posture: skipping posture (2 times in a row already): skipped too many times in a row: this break can only be taken
			09:45:05 status active session=45m4s today=45m4s | posture due skips=2
			09:45:05 done posture 10s
			10:00:05 due posture 10s
			10:00:05 skipped posture
			10:00:05 status active session=1h0m4s today=1h0m4s | posture 15m0s skips=1`},
		// Snoozes are capped per due; skip while not due is refused.
		"snooze cap and not due": {cfg: func() schedule.Config {
			c := simple()
			c.MaxSnoozes = 2
			return c
		}, script: `
			skip stretch
			type 15m05s
			snooze posture 1m
			type 1m05s
			snooze posture 1m
			type 1m05s
			snooze posture 1m
			status
			done posture
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:00 refused skip stretch: skipping stretch: break is not due
			09:00:06 session_start 1s
			09:15:01 due posture 10s
			09:15:05 snoozed posture 1m0s
			09:16:05 due posture 10s
			09:16:10 snoozed posture 1m0s
			09:17:10 due posture 10s
			09:17:15 refused snooze posture: snoozing posture (2 times already): snoozed too many times: this break can only be taken or skipped
			09:17:15 status active session=17m14s today=17m14s | posture due snoozes=2 | stretch 12m46s | movement 42m46s
			09:17:15 done posture 10s
			09:17:15 status active session=17m14s today=17m14s | posture 15m0s | stretch 12m46s | movement 42m46s`},
		// Strict mode refuses skip, snooze and early close.
		"strict": {cfg: func() schedule.Config {
			c := simple()
			c.Strict = true
			return c
		}, script: `
			type 15m05s
			skip posture
			snooze posture
			closed posture 2s
			status
			done posture`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:15:01 due posture 10s
			09:15:05 refused skip posture: skipping posture: strict mode: breaks cannot be skipped, snoozed or closed early
			09:15:05 refused snooze posture: snoozing posture: strict mode: breaks cannot be skipped, snoozed or closed early
			09:15:05 refused closed posture: closing posture early: strict mode: breaks cannot be skipped, snoozed or closed early
			09:15:05 status active session=15m4s today=15m4s | posture due | stretch 14m56s | movement 44m56s
			09:15:05 done posture 10s`},
		// Closing early counts what was done; under half a length is a skip.
		"closed early": {script: `
			type 30m05s
			closed stretch 1m
			status
			type 30m
			closed movement 10m
			status
			type 15m05s
			closed posture 2s
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:15:01 due posture 10s
			09:29:31 warn stretch 3m0s with posture
			09:30:01 due stretch 3m0s with posture
			09:30:05 closed_early stretch 1m0s
			09:30:05 done posture 10s
			09:30:05 status active session=30m4s today=30m4s | posture 15m0s | stretch 30m0s skips=1 | movement 29m56s
			09:45:05 due posture 10s
			09:59:31 warn movement 10m0s with posture,stretch
			10:00:01 due movement 10m0s with posture
			10:00:05 done movement 10m0s
			10:00:05 done posture 10s
			10:00:05 done stretch 3m0s
			10:00:05 status active session=1h0m4s today=1h0m4s | posture 15m0s | stretch 30m0s | movement 1h0m0s
			10:15:05 due posture 10s
			10:15:10 closed_early posture 2s
			10:15:10 status active session=1h15m9s today=1h15m9s | posture 15m0s skips=1 | stretch 14m55s | movement 44m55s`},
		// While paused nothing accumulates toward breaks or fires; the
		// pause ends by itself; Today still counts sitting.
		"pause": {script: `
			type 10m
			pause 20m
			type 19m
			status
			type 6m05s
			resume
			pause
			type 10m
			status
			resume
			type 1m`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:10:00 paused 20m0s
			09:29:00 status active session=28m59s today=28m59s paused | posture 5m1s | stretch 20m1s | movement 50m1s
			09:30:00 resumed
			09:35:01 due posture 10s
			09:35:05 refused resume: resuming: not paused
			09:35:05 paused
			09:45:05 status active session=45m4s today=45m4s paused | posture 0s | stretch 14m56s | movement 44m56s
			09:45:05 resumed
			09:45:06 due posture 10s`},
		// Outside working hours nothing accumulates toward breaks.
		"working hours": {cfg: func() schedule.Config {
			c := simple()
			c.WorkingHours = func(t time.Time) bool { return t.Hour() < 10 }
			return c
		}, script: `
			type 50m
			type 40m
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:15:01 due posture 10s
			09:29:31 warn stretch 3m0s with posture
			09:30:01 due stretch 3m0s with posture
			09:59:31 warn movement 10m0s with stretch
			10:30:00 status active session=1h29m59s today=59m59s after-hours=30m0s | posture merged>stretch | stretch due | movement 1s`},
		// Daily limit once, then every step; Today restarts at DayStart.
		"daily limit": {cfg: func() schedule.Config {
			c := simple()
			c.Tracks = nil
			c.DailyLimit = 1 * time.Hour
			c.DailyLimitStep = 20 * time.Minute
			return c
		}, script: `
			type 1h45m
			away until 23:00
			type 5h30m
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			10:00:01 daily_limit 1h0m0s
			10:20:01 daily_limit 1h20m0s
			10:40:01 daily_limit 1h40m0s
			10:45:30 session_end 1h44m59s
			23:00:06 session_start 12h15m1s
			23:15:02 daily_limit 2h0m0s
			23:35:02 daily_limit 2h20m0s
			23:55:02 daily_limit 2h40m0s
			-- Tue 2026-03-03 --
			00:15:02 daily_limit 3h0m0s
			00:35:02 daily_limit 3h20m0s
			00:55:02 daily_limit 3h40m0s
			01:15:02 daily_limit 4h0m0s
			01:35:02 daily_limit 4h20m0s
			01:55:02 daily_limit 4h40m0s
			02:15:02 daily_limit 5h0m0s
			02:35:02 daily_limit 5h20m0s
			02:55:02 daily_limit 5h40m0s
			03:15:02 daily_limit 6h0m0s
			03:35:02 daily_limit 6h20m0s
			03:55:02 daily_limit 6h40m0s
			04:30:00 status active session=5h29m59s today=30m1s`},
		// A suspend is time away, never sitting, and never a burst.
		"suspend": {script: `
			type 29m
			suspend 2h
			type 2m
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:15:01 due posture 10s
			11:29:01 gap 2h0m0s
			11:29:01 natural posture 2h0m1s
			11:29:01 natural stretch 2h0m1s
			11:29:01 natural movement 2h0m1s
			11:29:01 session_end 28m59s
			11:29:07 session_start 2h0m2s
			11:31:00 status active session=1m58s today=30m57s | posture 13m2s | stretch 28m2s | movement 58m2s`},
		// A mono gap (observations stopped) counts as away too.
		"stalled observations": {script: `
			type 20m
			stall 10m
			type 1m
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:15:01 due posture 10s
			09:30:01 gap 10m1s
			09:30:01 natural posture 10m1s
			09:30:01 natural stretch 10m1s
			09:30:01 natural movement 10m1s
			09:30:01 session_end 19m59s
			09:30:07 session_start 10m2s
			09:31:00 status active session=58s today=20m57s | posture 14m2s | stretch 29m2s | movement 59m2s`},
		// Wall clock changes with mono steady: a clock jump, not a gap.
		"clock jumps": {script: `
			type 10m
			jump +2h
			type 10m
			jump -3h
			type 10m
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			11:10:01 clock_jump 2h0m0s
			11:15:01 due posture 10s
			08:20:01 clock_jump -3h0m0s
			08:29:31 warn stretch 3m0s with posture
			08:30:00 status active session=29m59s today=29m59s | posture due | stretch 1s | movement 30m1s`},
		// Without a boot clock a forward jump cannot be told from sleep.
		"forward jump without boot clock": {script: `
			boot off
			type 10m
			jump +2h
			type 1m
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			11:10:01 gap 2h0m0s
			11:10:01 natural posture 2h0m1s
			11:10:01 natural stretch 2h0m1s
			11:10:01 natural movement 2h0m1s
			11:10:01 session_end 9m59s
			11:10:07 session_start 2h0m2s
			11:11:00 status active session=58s today=10m57s | posture 14m2s | stretch 29m2s | movement 59m2s`},
		// Present without input: sitting, break held, offered after.
		"present holds": {script: `
			type 14m
			present 20m
			status
			type 1m
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:15:01 held posture 10s
			09:30:01 held stretch 3m0s
			09:34:00 status active session=33m59s today=33m59s | posture merged>stretch | stretch held | movement 26m1s
			09:34:01 due stretch 3m0s with posture
			09:35:00 status active session=34m59s today=34m59s | posture merged>stretch | stretch due | movement 25m1s`},
		// A call of an hour or more ends with the movement break first, due
		// or not, once CallGrace has passed.
		"long call ends with movement": {cfg: func() schedule.Config {
			c := simple()
			c.Tracks[2].Interval = 2 * time.Hour
			return c
		}, script: `
			type 5m
			call 65m
			type 1m
			status
			type 2m
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:15:01 held posture 10s
			09:30:01 held stretch 3m0s
			10:00:01 due stretch 3m0s notify-only
			10:11:00 status active session=1h10m59s today=1h10m59s | posture merged>stretch | stretch held | movement 49m1s
			10:12:01 due movement 10m0s with stretch
			10:13:00 status active session=1h12m59s today=1h12m59s | posture merged>stretch | stretch merged>movement | movement due`},
		// Full screen is no call: no grace, no movement rule.
		"presence without call has no grace": {script: `
			type 14m
			present 65m
			type 1m`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:15:01 held posture 10s
			09:30:01 held stretch 3m0s
			10:00:01 held movement 10m0s
			10:19:01 due movement 10m0s with stretch`},
		// Held past HoldLimit: offered once as a notification only.
		"hold limit": {cfg: func() schedule.Config {
			c := simple()
			c.HoldLimit = 5 * time.Minute
			return c
		}, script: `
			type 14m
			present 40m
			type 1m
			note end`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:15:01 held posture 10s
			09:20:01 due posture 10s notify-only
			09:30:01 held stretch 3m0s
			09:35:01 due stretch 3m0s notify-only
			09:54:01 due stretch 3m0s with posture
			09:55:00 note end`},
		// Locked screen forces away even with recent input.
		"lock forces away": {script: `
			type 10m
			lock 20s
			type 10s
			lock 11m
			type 1m
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:10:10 natural posture 10s
			09:10:40 natural posture 10s
			09:13:30 natural stretch 3m0s
			09:20:30 natural movement 10m0s
			09:20:30 session_end 10m8s
			09:21:36 session_start 11m1s
			09:22:30 status active session=59s today=11m7s | posture 14m1s | stretch 29m1s | movement 59m1s`},
		// No idle source: wall time counts as sitting.
		"no source": {script: `
			nosource 16m
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:01 session_start 1s
			09:15:01 due posture 10s
			09:16:00 status active session=15m59s today=15m59s | posture due | stretch 14m1s | movement 44m1s`},
		// The sit/stand/move cycle.
		"cycle": {cfg: func() schedule.Config {
			c := simple()
			c.Tracks = c.Tracks[:1]
			c.Cycle = &schedule.Cycle{Sit: 20 * time.Minute, Stand: 8 * time.Minute, Move: 2 * time.Minute}
			return c
		}, script: `
			type 28m30s
			status
			away 2m
			type 1m
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:00:06 phase sit 20m0s
			09:15:01 due posture 10s
			09:20:01 phase stand 8m0s
			09:28:01 phase move 2m0s
			09:28:30 status active session=28m29s today=28m29s phase=move(1m31s left) | posture due
			09:29:00 natural posture 30s
			09:30:30 session_end 28m29s
			09:30:36 session_start 2m1s
			09:30:36 phase sit 20m0s
			09:31:30 status active session=59s today=29m28s phase=sit(19m1s left) | posture 14m1s`},
		// Away time counts in the move phase: 1m30s away and 30s back at
		// the desk finish the 2 min of moving.
		"cycle move phase counts away": {cfg: func() schedule.Config {
			c := simple()
			c.Tracks = nil
			c.Cycle = &schedule.Cycle{Sit: 20 * time.Minute, Stand: 8 * time.Minute, Move: 2 * time.Minute}
			return c
		}, script: `
			type 28m05s
			away 1m30s
			type 1m
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:00:06 phase sit 20m0s
			09:20:01 phase stand 8m0s
			09:28:01 phase move 2m0s
			09:30:01 phase sit 20m0s
			09:30:35 status active session=29m3s today=29m3s phase=sit(19m26s left)`},
		// Timezone change: the instant stays, the day boundary moves.
		"timezone change": {cfg: func() schedule.Config {
			c := simple()
			c.DailyLimit = 30 * time.Minute
			return c
		}, script: `
			auto done
			type 40m
			tz -09:00
			note now the previous day 23:40 local
			type 30m
			note end`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:15:01 due posture 10s
			09:15:11 done posture 10s
			09:29:31 warn stretch 3m0s with posture
			09:30:01 due stretch 3m0s with posture
			09:30:01 daily_limit 30m0s
			09:33:01 done posture 10s
			09:33:01 done stretch 3m0s
			-- Sun 2026-03-01 --
			23:40:00 note now the previous day 23:40 local
			23:40:01 clock_jump -10h0m0s
			23:48:02 due posture 10s
			23:48:12 done posture 10s
			-- Mon 2026-03-02 --
			00:02:32 warn movement 10m0s with posture,stretch
			00:03:02 due movement 10m0s with posture,stretch
			00:03:02 daily_limit 1h0m0s
			00:13:02 session_end 1h0m0s
			00:13:02 done posture 10s
			00:13:02 done stretch 3m0s
			00:13:02 done movement 10m0s
			00:13:02 note end`},
		// A due break waits for a lull in typing (LullGap without input)...
		"lull: due in a pause": {cfg: withLull, script: `
			type 14m50s
			write 2m
			note end`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:15:28 due posture 10s
			09:16:50 note end`},
		// ...at most LullLimit, then it comes anyway.
		"lull: past the limit": {cfg: withLull, script: `
			type 17m
			note end`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:16:01 due posture 10s
			09:17:00 note end`},
		// Once its warning was shown, a pause of LullGap brings the break
		// forward: the pause the warning asks for is the moment, before
		// IdleAfter would make the user away and the break a natural one.
		// The posture break the warning named comes with it.
		"pause after a warning brings the break forward": {script: `
			type 29m40s
			read 10s
			note end`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:15:01 due posture 10s
			09:29:31 warn stretch 3m0s with posture
			09:29:43 due stretch 3m0s with posture
			09:29:50 note end`},
		// The trial's setting: posture and a 20 s stretch every minute,
		// a 15 s warning, the mouse moved every 2 s and then left alone:
		// the card comes 3 s into the pause, not a natural break later.
		"pause after a warning, one-minute breaks": {cfg: minuteBreaks, script: `
			write 56s
			read 10s
			note end`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:00:46 warn stretch 20s with posture
			09:00:58 due stretch 20s with posture
			09:01:06 note end`},
		// A snoozed break was not warned for its new due point: a pause
		// does not bring it back early.
		"no pause offer after a snooze": {script: `
			type 30m1s
			snooze stretch
			read 10s
			type 5m
			note end`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:15:01 due posture 10s
			09:29:31 warn stretch 3m0s with posture
			09:30:01 due stretch 3m0s with posture
			09:30:01 snoozed stretch 5m0s
			09:35:01 due stretch 3m0s with posture
			09:35:11 note end`},
		// A pause already as long as the break is a natural break, not
		// one to bring forward (a break shorter than LullGap).
		"pause as long as the break is natural": {cfg: tinyStretch, script: `
			type 29m40s
			read 40s
			note end`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:29:31 warn stretch 2s
			09:30:10 natural stretch 30s
			09:30:10 session_end 29m39s
			09:30:20 note end`},
		// A drink merged into a stretch travels with it and is done only
		// by its own Done (the glass ticked); else it ends not taken.
		"merged drink credited only when drunk": {cfg: drinkWithStretch, script: `
			type 30m1s
			done stretch
			type 30m
			done hydration
			done stretch
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:30:01 due stretch 1m30s with hydration
			09:30:01 done stretch 1m30s
			09:30:01 skipped hydration
			10:00:01 due stretch 1m30s with hydration
			10:00:01 done hydration 10s
			10:00:01 done stretch 1m30s
			10:00:01 status active session=1h0m0s today=1h0m0s | hydration 30m0s | stretch 30m0s`},
		// Done before 80 % of the length is short: the track restarts,
		// the merged break it does not cover is not taken.
		"finish short or done": {script: `
			type 30m1s
			finish stretch 2m
			status
			type 30m
			finish movement 8m
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:15:01 due posture 10s
			09:29:31 warn stretch 3m0s with posture
			09:30:01 due stretch 3m0s with posture
			09:30:01 short stretch 2m0s
			09:30:01 done posture 10s
			09:30:01 status active session=30m0s today=30m0s | posture 15m0s | stretch 30m0s | movement 30m0s
			09:45:01 due posture 10s
			09:59:31 warn movement 10m0s with posture,stretch
			10:00:01 due movement 10m0s with posture,stretch
			10:00:01 done movement 10m0s
			10:00:01 done posture 10s
			10:00:01 done stretch 3m0s
			10:00:01 status active session=1h0m0s today=1h0m0s | posture 15m0s | stretch 30m0s | movement 1h0m0s`},
	}
}

// withLull is simple() waiting up to a minute for a lull.
func withLull() schedule.Config {
	c := simple()
	c.LullLimit = time.Minute
	return c
}

// minuteBreaks is the new-user trial's configuration: posture and a 20 s
// stretch every minute, the stretch warned 15 s before.
func minuteBreaks() schedule.Config {
	c := simple()
	c.Tracks = []schedule.Track{
		{Kind: schedule.Posture, Enabled: true, Interval: time.Minute, Length: 10 * time.Second},
		{Kind: schedule.Stretch, Enabled: true, Interval: time.Minute, Length: 20 * time.Second, Warn: 15 * time.Second},
	}
	return c
}

// tinyStretch: a stretch shorter than LullGap, warned 30 s before.
func tinyStretch() schedule.Config {
	c := simple()
	c.Tracks = []schedule.Track{
		{Kind: schedule.Stretch, Enabled: true, Interval: 30 * time.Minute, Length: 2 * time.Second, Warn: 30 * time.Second},
	}
	return c
}

// drinkWithStretch: a drink and a stretch due at the same time.
func drinkWithStretch() schedule.Config {
	c := simple()
	c.Tracks = []schedule.Track{
		{Kind: schedule.Hydration, Enabled: true, Interval: 30 * time.Minute, Length: 10 * time.Second, Natural: schedule.HydrationAway},
		{Kind: schedule.Stretch, Enabled: true, Interval: 30 * time.Minute, Length: 90 * time.Second},
	}
	return c
}

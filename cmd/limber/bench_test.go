package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkDaemonIdle measures the daemon as a user's machine sees it while
// nobody types: under Xvfb with a private bus and a tray host, it reports
// the time from start to the tray item being registered, and after a
// minute idle the proportional memory (PSS) and CPU seconds spent in that
// minute. Goals (issue 3): tray < 1 s, PSS <= 20 MB, CPU <= 0.02 s/min.
func BenchmarkDaemonIdle(b *testing.B) {
	idle := 60 * time.Second
	if s := os.Getenv("LIMBER_IDLE_SECONDS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatalf("LIMBER_IDLE_SECONDS=%q: %v", s, err)
		}
		idle = time.Duration(n) * time.Second
	}
	bin := limberBin(b)
	for i := 0; i < b.N; i++ {
		d := newDesktop(b)
		cmd, took := d.startDaemon(b, bin)
		pid := cmd.Process.Pid
		// Let start-up work settle before the idle minute begins.
		time.Sleep(3 * time.Second)
		cpu0 := cpuSeconds(b, pid)
		time.Sleep(idle)
		cpu1 := cpuSeconds(b, pid)
		pss := pssMB(b, pid)
		perMin := (cpu1 - cpu0) * float64(time.Minute) / float64(idle)
		b.ReportMetric(float64(took)/float64(time.Millisecond), "ms-to-tray")
		b.ReportMetric(pss, "MB-PSS")
		b.ReportMetric(perMin, "cpu-s/idle-min")
		fmt.Fprintf(os.Stderr, "daemon idle: tray registered in %v, PSS %.1f MB, CPU %.3f s per idle minute\n", took.Round(time.Millisecond), pss, perMin)
	}
}

// cpuSeconds reads utime+stime of pid from /proc.
func cpuSeconds(b *testing.B, pid int) float64 {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Fatalf("reading the daemon's CPU time: %v", err)
	}
	s := string(raw)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	ut, _ := strconv.ParseFloat(fields[11], 64)
	st, _ := strconv.ParseFloat(fields[12], 64)
	return (ut + st) / 100 // USER_HZ is 100 on Linux
}

// pssMB reads the proportional set size of pid from smaps_rollup.
func pssMB(b *testing.B, pid int) float64 {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/smaps_rollup", pid))
	if err != nil {
		b.Fatalf("reading the daemon's memory: %v", err)
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(line, "Pss:") {
			f := strings.Fields(line)
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	b.Fatal("no Pss line in smaps_rollup")
	return 0
}

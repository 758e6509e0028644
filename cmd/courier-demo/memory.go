package main

import (
	"bufio"
	"fmt"
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// heapWatch samples the heap (objects live or not yet collected) every
// millisecond and keeps the largest sample.
type heapWatch struct {
	peak atomic.Uint64
	done chan struct{}
	over chan struct{}
}

func watchHeap() *heapWatch {
	w := &heapWatch{done: make(chan struct{}), over: make(chan struct{})}
	go func() {
		defer close(w.over)
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > w.peak.Load() {
				w.peak.Store(v)
			}
			select {
			case <-w.done:
				return
			case <-t.C:
			}
		}
	}()
	return w
}

// Stop ends the sampling and returns the peak in bytes; 0 for a nil watch.
func (w *heapWatch) Stop() uint64 {
	if w == nil {
		return 0
	}
	close(w.done)
	<-w.over
	return w.peak.Load()
}

// peakRSS is the process's peak resident set size (VmHWM of
// /proc/self/status), or "n/a" where there is no such file.
func peakRSS() string {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return "n/a"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err == nil {
				return fmt.Sprintf("%.1f MB", float64(kb)/1024)
			}
		}
	}
	return "n/a"
}

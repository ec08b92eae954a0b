// Package labkit holds what every Go lab server shares: the common flags,
// the listening line, graceful shutdown on SIGTERM/SIGINT and GET /__stats.
// Keeping it in one place is what lets the harness treat all servers alike.
package labkit

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"runtime/metrics"
	"syscall"
	"time"
)

// ServerFlags are the flags every lab server accepts.
type ServerFlags struct {
	Addr    string
	Threads int
}

// allowAddr is the one non-loopback IP --addr may use (--allow-addr): the
// host's own address that load generators on other hosts reach (gorust lab
// run --loadgen/--server ssh://). Never an unspecified address (0.0.0.0, ::).
var allowAddr string

// RegisterServerFlags adds --addr, --threads and --allow-addr to the default flag set.
func RegisterServerFlags() *ServerFlags {
	f := &ServerFlags{}
	flag.StringVar(&f.Addr, "addr", "127.0.0.1:0", "listen address (loopback only, unless it is --allow-addr)")
	flag.IntVar(&f.Threads, "threads", 0, "GOMAXPROCS (0 = leave the runtime default)")
	flag.StringVar(&allowAddr, "allow-addr", "", "the one non-loopback IP --addr may use (the lab's remote load generators reach it); never 0.0.0.0")
	return f
}

// CheckAddr refuses anything but a loopback address or exactly the allowed
// non-loopback IP (never an unspecified address such as 0.0.0.0).
func CheckAddr(addr, allow string) error {
	if CheckLoopback(addr) == nil {
		return nil
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("bad --addr %q: %w", addr, err)
	}
	ip := net.ParseIP(host)
	if allow == "" || ip == nil || ip.IsUnspecified() || !ip.Equal(net.ParseIP(allow)) {
		return fmt.Errorf("--addr %q is not a loopback address (nor the --allow-addr address)", addr)
	}
	return nil
}

// ApplyThreads sets GOMAXPROCS so Go gets the same core budget as the Rust
// side's tokio worker_threads.
func ApplyThreads(n int) {
	if n > 0 {
		runtime.GOMAXPROCS(n)
	}
}

// CheckLoopback refuses anything but a loopback address: lab load must never
// leave the machine.
func CheckLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("bad --addr %q: %w", addr, err)
	}
	ip := net.ParseIP(host)
	if host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("--addr %q is not a loopback address", addr)
	}
	return nil
}

// Serve listens on addr, prints the listening line, serves handler (with
// GET /__stats added) and returns after SIGTERM/SIGINT once shut down.
func Serve(addr string, handler http.Handler) error {
	if err := CheckAddr(addr, allowAddr); err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /__stats", StatsHandler)
	mux.Handle("/", handler)

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	PrintListening(ln.Addr().String())

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Short grace period: the harness stops servers between steps and wants
	// them gone promptly, not after long-lived keep-alive connections drain.
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}

// PrintListening prints the one line the harness waits for, keys in the
// agreed order: {"event":"listening","addr":"127.0.0.1:PORT"}.
func PrintListening(addr string) {
	line, _ := json.Marshal(struct {
		Event string `json:"event"`
		Addr  string `json:"addr"`
	}{"listening", addr})
	fmt.Println(string(line))
}

// Fatal prints an error on stderr and exits 1.
func Fatal(err error) {
	fmt.Fprintln(os.Stderr, "error:", err)
	os.Exit(1)
}

var startedAt = time.Now()

// Stats is the JSON body of GET /__stats on the Go side.
type Stats struct {
	Lang       string         `json:"lang"`
	UptimeS    float64        `json:"uptime_s"`
	GoMaxProcs int            `json:"gomaxprocs"`
	GCPauses   GCHistogram    `json:"gc_pauses_seconds"`
	GCCPU      float64        `json:"gc_cpu_seconds"`
	GCCycles   uint64         `json:"gc_cycles"`
	HeapLive   uint64         `json:"heap_live_bytes"`
	HeapGoal   uint64         `json:"heap_goal_bytes"`
	Metrics    map[string]any `json:"metrics"`
}

// GCHistogram is runtime/metrics' Float64Histogram: len(Buckets) = len(Counts)+1
// boundaries in seconds (the first and last may be -Inf/+Inf, sent as null).
type GCHistogram struct {
	Buckets []*float64 `json:"buckets"`
	Counts  []uint64   `json:"counts"`
}

const (
	mPauses   = "/sched/pauses/total/gc:seconds"
	mGCCPU    = "/cpu/classes/gc/total:cpu-seconds"
	mCycles   = "/gc/cycles/total:gc-cycles"
	mHeapLive = "/gc/heap/live:bytes"
	mHeapGoal = "/gc/heap/goal:bytes"
	// Cumulative allocation: its rate against the heap goal's headroom is
	// what sets how often the GC runs.
	mAllocBytes = "/gc/heap/allocs:bytes"
	mAllocObjs  = "/gc/heap/allocs:objects"
)

// ReadStats samples the runtime/metrics the harness lines up with latency.
func ReadStats() Stats {
	samples := []metrics.Sample{{Name: mPauses}, {Name: mGCCPU}, {Name: mCycles}, {Name: mHeapLive}, {Name: mHeapGoal}, {Name: mAllocBytes}, {Name: mAllocObjs}}
	metrics.Read(samples)
	s := Stats{Lang: "go", UptimeS: time.Since(startedAt).Seconds(), GoMaxProcs: runtime.GOMAXPROCS(0), Metrics: map[string]any{}}
	for _, sm := range samples {
		switch sm.Value.Kind() {
		case metrics.KindUint64:
			s.Metrics[sm.Name] = sm.Value.Uint64()
		case metrics.KindFloat64:
			s.Metrics[sm.Name] = sm.Value.Float64()
		case metrics.KindFloat64Histogram:
			h := sm.Value.Float64Histogram()
			gh := GCHistogram{Buckets: make([]*float64, len(h.Buckets)), Counts: h.Counts}
			for i, b := range h.Buckets {
				if !isInf(b) {
					v := b
					gh.Buckets[i] = &v
				}
			}
			if sm.Name == mPauses {
				s.GCPauses = gh
			}
			s.Metrics[sm.Name] = gh
		}
	}
	s.GCCPU, _ = s.Metrics[mGCCPU].(float64)
	s.GCCycles, _ = s.Metrics[mCycles].(uint64)
	s.HeapLive, _ = s.Metrics[mHeapLive].(uint64)
	s.HeapGoal, _ = s.Metrics[mHeapGoal].(uint64)
	return s
}

func isInf(f float64) bool { return f > 1.7976931348623157e308 || f < -1.7976931348623157e308 }

// StatsHandler serves GET /__stats.
func StatsHandler(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(ReadStats())
}

// WriteJSON encodes v and writes it with status and a JSON content type: one encoder path for every workload, so
// the pairs differ only in their handlers.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "encode failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

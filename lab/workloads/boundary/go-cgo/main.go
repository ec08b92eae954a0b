// Command boundary-cgo measures what a Go-to-Rust call through cgo costs:
// ns per call into a Rust static library (empty, and with a 1 KiB payload),
// against a C function and a plain Go call. It prints ONE JSON object.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"slices"
	"time"
)

//go:noinline
func goNoop() {}

//go:noinline
func goChecksum(b []byte) uint64 {
	h := uint64(0xcbf29ce484222325)
	for _, c := range b {
		h ^= uint64(c)
		h *= 0x100000001b3
	}
	return h
}

//go:noinline
func goCopy(src, dst []byte) { copy(dst, src) }

var sink uint64

// nsPerCall runs f in batches until minTime has passed, reps times, and
// returns the median ns per call (the median resists a noisy neighbour).
func nsPerCall(reps int, minTime time.Duration, f func()) float64 {
	// Calibrate a batch size that takes ~minTime/10.
	n := 1000
	for {
		start := time.Now()
		for i := 0; i < n; i++ {
			f()
		}
		if time.Since(start) > minTime/10 || n > 1<<30 {
			break
		}
		n *= 2
	}
	results := make([]float64, 0, reps)
	for r := 0; r < reps; r++ {
		start := time.Now()
		for i := 0; i < n; i++ {
			f()
		}
		results = append(results, float64(time.Since(start).Nanoseconds())/float64(n))
	}
	slices.Sort(results)
	return results[len(results)/2]
}

func round(x float64) float64 { return float64(int64(x*100+0.5)) / 100 }

func main() {
	reps := flag.Int("reps", 5, "measurements per figure (the median is reported)")
	minTime := flag.Duration("min-time", time.Second, "rough time per figure")
	threads := flag.Int("threads", 1, "GOMAXPROCS (calls are made from one goroutine)")
	flag.Parse()
	runtime.GOMAXPROCS(*threads)

	payload := make([]byte, 1024)
	for i := range payload {
		payload[i] = byte(i * 7)
	}
	if a, b := goChecksum(payload), rustChecksum(payload); a != b {
		fmt.Fprintf(os.Stderr, "error: Go and Rust checksums differ: %x vs %x\n", a, b)
		os.Exit(1)
	}
	per := *minTime / time.Duration(*reps)
	dst := make([]byte, len(payload))
	// *_1k_ns: copy 1 KiB from one Go buffer to another inside the callee
	// (crossing + a memcpy). *_1k_checksum_ns: FNV-1a over 1 KiB in the callee
	// (crossing + ~1 us of byte-serial work, identical code in Go and Rust).
	out := map[string]any{
		"go_empty_ns":                 round(nsPerCall(*reps, per, goNoop)),
		"c_empty_ns":                  round(nsPerCall(*reps, per, cNoop)),
		"ffi_empty_ns":                round(nsPerCall(*reps, per, rustNoop)),
		"go_1k_ns":                    round(nsPerCall(*reps, per, func() { goCopy(payload, dst) })),
		"ffi_1k_ns":                   round(nsPerCall(*reps, per, func() { rustCopy(payload, dst) })),
		"go_1k_checksum_ns":           round(nsPerCall(*reps, per, func() { sink += goChecksum(payload) })),
		"ffi_1k_checksum_ns":          round(nsPerCall(*reps, per, func() { sink += rustChecksum(payload) })),
		"ffi_1k_checksum_noescape_ns": round(nsPerCall(*reps, per, func() { sink += rustChecksumNoescape(payload) })),
		"payload_bytes":               len(payload),
		"reps":                        *reps,
		"gomaxprocs":                  runtime.GOMAXPROCS(0),
		"go_version":                  runtime.Version(),
		"checksums_agree":             true,
	}
	b, _ := json.Marshal(out)
	fmt.Println(string(b))
}

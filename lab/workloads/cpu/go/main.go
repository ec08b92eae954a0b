// Command cpu-go runs one CPU kernel after the Computer Language Benchmarks
// Game and prints ONE JSON line {kernel, n, threads, checksum, seconds}.
// The Rust twin (cpu/rust) prints the same checksum for the same n.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"time"
)

// Result is the one JSON line printed on stdout; field order matches Rust.
type Result struct {
	Kernel   string  `json:"kernel"`
	N        int     `json:"n"`
	Threads  int     `json:"threads"`
	Checksum string  `json:"checksum"`
	Seconds  float64 `json:"seconds"`
}

func main() {
	kernel := flag.String("kernel", "", "binary-trees | n-body | mandelbrot")
	n := flag.Int("n", 0, "problem size (tree depth, steps, or image side)")
	threads := flag.Int("threads", 1, "GOMAXPROCS and, for mandelbrot, the number of worker goroutines")
	flag.Parse()
	if *n <= 0 || *threads <= 0 {
		fmt.Fprintln(os.Stderr, "error: --n and --threads must be positive")
		os.Exit(2)
	}
	runtime.GOMAXPROCS(*threads)
	start := time.Now()
	var sum string
	switch *kernel {
	case "binary-trees":
		sum = binaryTrees(*n)
	case "n-body":
		sum = nBody(*n)
	case "mandelbrot":
		sum = mandelbrot(*n, *threads)
	default:
		fmt.Fprintf(os.Stderr, "error: unknown --kernel %q (want binary-trees, n-body or mandelbrot)\n", *kernel)
		os.Exit(2)
	}
	secs := time.Since(start).Seconds()
	out, _ := json.Marshal(Result{Kernel: *kernel, N: *n, Threads: *threads, Checksum: sum, Seconds: secs})
	fmt.Println(string(out))
}

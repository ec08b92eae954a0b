// Command gc-cache-go is the Go half of the gc-cache pair, the Discord-shaped
// case: a large, pointer-rich, long-lived in-memory cache serving reads and
// updates over HTTP, so Go's GC must mark the whole cache every cycle. Run it
// under GOGC=100, GOGC=400 and GOGC=off+GOMEMLIMIT (set by the harness).
package main

import (
	"flag"
	"net/http"
	"runtime"

	"gorust.local/workloads/internal/labkit"
)

func main() {
	f := labkit.RegisterServerFlags()
	entries := flag.Uint64("entries", 200_000, "number of cache entries to build before listening")
	flag.Parse()
	labkit.ApplyThreads(f.Threads)
	if *entries == 0 {
		labkit.Fatal(errEntries)
	}
	c := NewCache(*entries)
	// Start measured traffic from a settled heap, not population garbage.
	runtime.GC()
	if err := labkit.Serve(f.Addr, newMux(c)); err != nil {
		labkit.Fatal(err)
	}
}

type constErr string

func (e constErr) Error() string { return string(e) }

const errEntries = constErr("--entries must be positive")

func newMux(c *Cache) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /entry/{key}", func(w http.ResponseWriter, r *http.Request) {
		if e := c.Get(r.PathValue("key")); e != nil {
			labkit.WriteJSON(w, http.StatusOK, e)
			return
		}
		labkit.WriteJSON(w, http.StatusNotFound, map[string]string{"error": "no such key"})
	})
	mux.HandleFunc("GET /read", func(w http.ResponseWriter, _ *http.Request) {
		labkit.WriteJSON(w, http.StatusOK, c.Get(c.NextKey()))
	})
	mux.HandleFunc("POST /update", func(w http.ResponseWriter, _ *http.Request) {
		e := c.Update(c.NextKey())
		labkit.WriteJSON(w, http.StatusOK, map[string]any{"key": e.Key, "version": e.Version})
	})
	return mux
}

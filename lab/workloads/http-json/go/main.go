// Command http-json-go is the Go half of the http-json pair: a JSON API that
// decodes an order, validates it, prices it and encodes a quote, using only
// net/http and encoding/json (the idiomatic standard-library stack).
package main

import (
	"encoding/json"
	"flag"
	"net/http"

	"gorust.local/workloads/internal/labkit"
)

const maxBody = 1 << 20

func main() {
	f := labkit.RegisterServerFlags()
	flag.Parse()
	labkit.ApplyThreads(f.Threads)
	if err := labkit.Serve(f.Addr, newMux()); err != nil {
		labkit.Fatal(err)
	}
}

func newMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/quote", handleQuote)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) })
	return mux
}

func handleQuote(w http.ResponseWriter, r *http.Request) {
	var o Order
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody)).Decode(&o); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid JSON body"})
		return
	}
	if err := validate(&o); err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"error": err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, quote(&o))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "encode failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

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
		labkit.WriteJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid JSON body"})
		return
	}
	if err := validate(&o); err != nil {
		labkit.WriteJSON(w, http.StatusUnprocessableEntity, map[string]string{"error": err.Error()})
		return
	}
	labkit.WriteJSON(w, http.StatusOK, quote(&o))
}

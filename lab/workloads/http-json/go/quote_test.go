package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// The same expected body as the Rust test (quote.rs): the pair must agree.
const fixtureQuote = `{"customer_id":"cust-000042","currency":"EUR","lines":12,"units":30,"subtotal_cents":307110,"discount_cents":30711,"tax_cents":55279,"total_cents":331678,"distinct_tags":14,"sku_digest":"1e48f65248e21eeb"}`

func TestFixtureQuote(t *testing.T) {
	body, err := os.ReadFile("../request.json")
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	newMux().ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/v1/quote", strings.NewReader(string(body))))
	if rec.Code != http.StatusOK || rec.Body.String() != fixtureQuote {
		t.Fatalf("got %d %s", rec.Code, rec.Body.String())
	}
}

func TestValidationMessagesMatchRust(t *testing.T) {
	cases := map[string]string{
		`{"customer_id":"x","currency":"XXX"}`:                                    `currency "XXX" is not supported`,
		`{"customer_id":"x","currency":"EUR"}`:                                    "items must have 1..100 lines",
		`{"customer_id":"x","currency":"EUR","items":[{"sku":"a","quantity":0}]}`: "items[0].quantity must be 1..1000",
	}
	for in, want := range cases {
		var o Order
		if err := json.Unmarshal([]byte(in), &o); err != nil {
			t.Fatal(err)
		}
		if err := validate(&o); err == nil || err.Error() != want {
			t.Errorf("%s: got %v, want %q", in, err, want)
		}
	}
}

func TestBadJSONIs400(t *testing.T) {
	rec := httptest.NewRecorder()
	newMux().ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/v1/quote", strings.NewReader("{bad")))
	if rec.Code != http.StatusBadRequest {
		t.Fatalf("got %d", rec.Code)
	}
}

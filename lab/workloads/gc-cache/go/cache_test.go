package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// The same body the Rust test (cache.rs) expects.
const k42 = `{"key":"k42","version":0,"updated_unix_ns":1700000000000000042,"items":[{"id":168,"value":302,"label":"k42/0"},{"id":169,"value":309,"label":"k42/1"},{"id":170,"value":316,"label":"k42/2"},{"id":171,"value":323,"label":"k42/3"}]}`

func TestEntryJSONMatchesRust(t *testing.T) {
	b, _ := json.Marshal(NewCache(100).Get("k42"))
	if string(b) != k42 {
		t.Fatalf("got %s", b)
	}
}

func TestKeySequenceMatchesRust(t *testing.T) {
	c := NewCache(200_000)
	got := strings.Join([]string{c.NextKey(), c.NextKey(), c.NextKey()}, " ")
	if got != "k7535 k22465 k148110" {
		t.Fatalf("got %s", got)
	}
}

func TestUpdate(t *testing.T) {
	c := NewCache(10)
	e := c.Update("k3")
	if e.Version != 1 || e.Items[0].Value != 3*31%1000+1 || c.Get("k3") != e || c.Update("nope") != nil {
		t.Fatalf("bad update %+v", e)
	}
}

package labkit

import (
	"encoding/json"
	"net/http/httptest"
	"testing"
)

func TestCheckLoopback(t *testing.T) {
	for addr, ok := range map[string]bool{"127.0.0.1:0": true, "[::1]:80": true, "localhost:1": true, "0.0.0.0:80": false, "10.0.0.1:80": false, "nonsense": false} {
		if err := CheckLoopback(addr); (err == nil) != ok {
			t.Errorf("%s: got %v", addr, err)
		}
	}
}

func TestStatsHasAgreedFields(t *testing.T) {
	rec := httptest.NewRecorder()
	StatsHandler(rec, httptest.NewRequest("GET", "/__stats", nil))
	var m map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	metrics, _ := m["metrics"].(map[string]any)
	for _, k := range []string{mPauses, mGCCPU, mCycles, mHeapLive} {
		if _, ok := metrics[k]; !ok {
			t.Errorf("metrics lacks %s", k)
		}
	}
	h, _ := m["gc_pauses_seconds"].(map[string]any)
	b, _ := h["buckets"].([]any)
	c, _ := h["counts"].([]any)
	if m["lang"] != "go" || len(b) != len(c)+1 {
		t.Errorf("lang %v, %d buckets for %d counts", m["lang"], len(b), len(c))
	}
}

func TestCheckAddr(t *testing.T) {
	for _, c := range []struct {
		addr, allow string
		ok          bool
	}{
		{"127.0.0.1:0", "", true},
		{"10.1.2.3:0", "", false},
		{"10.1.2.3:0", "10.1.2.3", true},
		{"10.1.2.4:0", "10.1.2.3", false},
		{"0.0.0.0:0", "0.0.0.0", false},
		{"[::]:0", "::", false},
	} {
		if err := CheckAddr(c.addr, c.allow); (err == nil) != c.ok {
			t.Errorf("CheckAddr(%q, %q) = %v, want ok=%v", c.addr, c.allow, err, c.ok)
		}
	}
}

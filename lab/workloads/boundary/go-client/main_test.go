package main

import (
	"testing"
	"time"
)

func TestSummariseNearestRank(t *testing.T) {
	lat := make([]time.Duration, 1000)
	var total time.Duration
	for i := range lat {
		lat[len(lat)-1-i] = time.Duration(i+1) * time.Microsecond
		total += lat[len(lat)-1-i]
	}
	r := summarise(lat, total)
	if r.P50us != 500 || r.P90us != 900 || r.P99us != 990 || r.P999us != 999 || r.MaxUs != 1000 || r.MeanUs != 500.5 {
		t.Fatalf("%+v", r)
	}
}

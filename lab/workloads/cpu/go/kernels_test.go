package main

import "testing"

// Expected values equal the Rust tests' (cpu/rust/src/kernels.rs): the pair
// must print the same checksum for the same n.
func TestChecksums(t *testing.T) {
	cases := []struct{ got, want string }{
		{nBody(1000), "-0.169075164 -0.169087605"},
		{binaryTrees(10), "135854"},
		{mandelbrot(200, 1), "61168fe446ca2bd9/15909"},
		{mandelbrot(200, 3), "61168fe446ca2bd9/15909"},
	}
	for i, c := range cases {
		if c.got != c.want {
			t.Errorf("case %d: got %q, want %q", i, c.got, c.want)
		}
	}
}

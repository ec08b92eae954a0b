package main

/*
#cgo CFLAGS: -I${SRCDIR}/../rust-lib/include
#cgo LDFLAGS: -L${SRCDIR}/../../target/release -lboundary_ffi -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc
#cgo noescape gr_checksum_noescape
#cgo nocallback gr_checksum_noescape
#include "boundary.h"

// A C function compiled into this package: the Go-to-C baseline, so the
// Go-to-Rust figure can be read as "the same as C" (or not).
static void __attribute__((noinline)) c_noop(void) {}
static void call_c_noop(void) { c_noop(); }
*/
import "C"

import "unsafe"

// The Rust library path above is the by-hand default (cargo's target dir
// lab/workloads/target); the harness adds -L{cargo_target}/release through
// CGO_LDFLAGS so it links against the library it just built.

func rustNoop() { C.gr_noop() }
func cNoop()    { C.call_c_noop() }
func rustChecksum(b []byte) uint64 {
	return uint64(C.gr_checksum((*C.uint8_t)(unsafe.Pointer(&b[0])), C.size_t(len(b))))
}
func rustCopy(src, dst []byte) {
	C.gr_copy((*C.uint8_t)(unsafe.Pointer(&src[0])), (*C.uint8_t)(unsafe.Pointer(&dst[0])), C.size_t(len(src)))
}
func rustChecksumNoescape(b []byte) uint64 {
	return uint64(C.gr_checksum_noescape((*C.uint8_t)(unsafe.Pointer(&b[0])), C.size_t(len(b))))
}

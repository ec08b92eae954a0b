/* C declarations of the Rust static library boundary_ffi (rust-lib/src/lib.rs). */
#ifndef GORUST_BOUNDARY_H
#define GORUST_BOUNDARY_H

#include <stddef.h>
#include <stdint.h>

void gr_noop(void);
uint64_t gr_checksum(const uint8_t *ptr, size_t len);
uint64_t gr_checksum_noescape(const uint8_t *ptr, size_t len);
void gr_copy(const uint8_t *src, uint8_t *dst, size_t len);

#endif

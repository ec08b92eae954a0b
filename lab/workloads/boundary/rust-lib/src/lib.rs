//! The Rust side of the cgo boundary: plain `extern "C"` functions with a C
//! header (include/boundary.h). What Go pays to call them is the cost of the
//! Go-to-C transition (cgocall), since a Rust `extern "C"` fn is a plain call.

/// Does nothing: measures the bare crossing.
#[unsafe(no_mangle)]
pub extern "C" fn gr_noop() {}

/// FNV-1a 64 of `len` bytes at `ptr`: a call that reads a payload (1 KiB in
/// the bench) so the cost of passing a Go buffer shows up.
///
/// # Safety
/// `ptr` must point to `len` readable bytes (or be null with `len == 0`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gr_checksum(ptr: *const u8, len: usize) -> u64 {
    let bytes = if len == 0 || ptr.is_null() { &[][..] } else { unsafe { std::slice::from_raw_parts(ptr, len) } };
    fnv1a64(bytes)
}

/// The same function under a second name, declared `#cgo noescape` and
/// `#cgo nocallback` on the Go side (Go 1.24+), to measure what those save.
///
/// # Safety
/// As for [`gr_checksum`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gr_checksum_noescape(ptr: *const u8, len: usize) -> u64 {
    unsafe { gr_checksum(ptr, len) }
}

/// Copies `len` bytes from `src` to `dst` (Go-owned buffers): the cheapest
/// call that still moves a payload across, so the crossing dominates.
///
/// # Safety
/// `src` and `dst` must each point to `len` valid, non-overlapping bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gr_copy(src: *const u8, dst: *mut u8, len: usize) {
    if len > 0 && !src.is_null() && !dst.is_null() {
        unsafe { std::ptr::copy_nonoverlapping(src, dst, len) };
    }
}

/// FNV-1a 64 (also implemented in Go by the bench, to check both agree).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_of_known_input() {
        let data = b"hello";
        assert_eq!(unsafe { gr_checksum(data.as_ptr(), data.len()) }, 0xa430d84680aabd0b);
        assert_eq!(unsafe { gr_checksum(std::ptr::null(), 0) }, 0xcbf29ce484222325);
        let mut out = [0u8; 5];
        unsafe { gr_copy(data.as_ptr(), out.as_mut_ptr(), 5) };
        assert_eq!(&out, data);
    }
}

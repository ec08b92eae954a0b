//! The three kernels, line for line the same algorithms as cpu/go/kernels.go.

use std::sync::atomic::{AtomicUsize, Ordering};

// ---- binary-trees: allocation. Box per node through the system allocator
// (glibc malloc), not an arena: the idiomatic, like-for-like counterpart of
// Go's `&Node{}` on the GC heap.

struct Node {
    children: Option<(Box<Node>, Box<Node>)>,
}

fn bottom_up(depth: usize) -> Box<Node> {
    if depth == 0 {
        return Box::new(Node { children: None });
    }
    Box::new(Node { children: Some((bottom_up(depth - 1), bottom_up(depth - 1))) })
}

fn check(n: &Node) -> u64 {
    match &n.children {
        None => 1,
        Some((l, r)) => 1 + check(l) + check(r),
    }
}

/// Sum of every check the benchmarks game prints.
pub fn binary_trees(n: usize) -> String {
    let max_depth = n.max(6);
    let mut total = check(&bottom_up(max_depth + 1));
    let long_lived = bottom_up(max_depth);
    let mut d = 4;
    while d <= max_depth {
        let iters = 1usize << (max_depth - d + 4);
        let mut c = 0u64;
        for _ in 0..iters {
            c += check(&bottom_up(d));
        }
        total += c;
        d += 2;
    }
    total += check(&long_lived);
    total.to_string()
}

// ---- n-body: floating point (Rust never fuses a*b+c into FMA implicitly).

#[derive(Clone, Copy)]
struct Body {
    x: f64,
    y: f64,
    z: f64,
    vx: f64,
    vy: f64,
    vz: f64,
    mass: f64,
}

const PI: f64 = std::f64::consts::PI;
const SOLAR_MASS: f64 = 4.0 * PI * PI;
const DAYS_PER_YEAR: f64 = 365.24;

// The benchmarks game's constants, digit for digit as in the Go twin.
#[allow(clippy::excessive_precision)]
fn planets() -> [Body; 5] {
    let b = |x, y, z, vx: f64, vy: f64, vz: f64, m: f64| Body {
        x,
        y,
        z,
        vx: vx * DAYS_PER_YEAR,
        vy: vy * DAYS_PER_YEAR,
        vz: vz * DAYS_PER_YEAR,
        mass: m * SOLAR_MASS,
    };
    [
        Body { x: 0.0, y: 0.0, z: 0.0, vx: 0.0, vy: 0.0, vz: 0.0, mass: SOLAR_MASS },
        b(4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01, 1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05, 9.54791938424326609e-04),
        b(8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01, -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05, 2.85885980666130812e-04),
        b(1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01, 2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05, 4.36624404335156298e-05),
        b(1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01, 2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05, 5.15138902046611451e-05),
    ]
}

fn offset_momentum(bs: &mut [Body; 5]) {
    let (mut px, mut py, mut pz) = (0.0, 0.0, 0.0);
    for b in bs.iter() {
        px += b.vx * b.mass;
        py += b.vy * b.mass;
        pz += b.vz * b.mass;
    }
    bs[0].vx = -px / SOLAR_MASS;
    bs[0].vy = -py / SOLAR_MASS;
    bs[0].vz = -pz / SOLAR_MASS;
}

fn energy(bs: &[Body; 5]) -> f64 {
    let mut e = 0.0;
    for i in 0..bs.len() {
        let b = &bs[i];
        e += 0.5 * b.mass * (b.vx * b.vx + b.vy * b.vy + b.vz * b.vz);
        for bj in &bs[i + 1..] {
            let (dx, dy, dz) = (b.x - bj.x, b.y - bj.y, b.z - bj.z);
            e -= b.mass * bj.mass / (dx * dx + dy * dy + dz * dz).sqrt();
        }
    }
    e
}

fn advance(bs: &mut [Body; 5], dt: f64) {
    for i in 0..bs.len() {
        let (head, tail) = bs.split_at_mut(i + 1);
        let bi = &mut head[i];
        for bj in tail.iter_mut() {
            let (dx, dy, dz) = (bi.x - bj.x, bi.y - bj.y, bi.z - bj.z);
            let d2 = dx * dx + dy * dy + dz * dz;
            let mag = dt / (d2 * d2.sqrt());
            let (mi, mj) = (bi.mass * mag, bj.mass * mag);
            bi.vx -= dx * mj;
            bi.vy -= dy * mj;
            bi.vz -= dz * mj;
            bj.vx += dx * mi;
            bj.vy += dy * mi;
            bj.vz += dz * mi;
        }
    }
    for b in bs.iter_mut() {
        b.x += dt * b.vx;
        b.y += dt * b.vy;
        b.z += dt * b.vz;
    }
}

/// Energy before and after n steps, 9 decimals each.
pub fn n_body(n: usize) -> String {
    let mut bs = planets();
    offset_momentum(&mut bs);
    let before = energy(&bs);
    for _ in 0..n {
        advance(&mut bs, 0.01);
    }
    format!("{:.9} {:.9}", before, energy(&bs))
}

// ---- mandelbrot: every core. `threads` OS threads (std::thread::scope)
// pull rows from a shared atomic counter, as Go's goroutines do.

/// FNV-1a 64 digest of the n x n bitmap (8 pixels a byte) and its set pixels.
pub fn mandelbrot(n: usize, threads: usize) -> String {
    let row_bytes = n.div_ceil(8);
    let mut bitmap = vec![0u8; row_bytes * n];
    let next = AtomicUsize::new(0);
    // Rows are disjoint; safe Rust needs each claimed row handed out through
    // something Sync, so each row sits behind its own (never contended) Mutex.
    // One uncontended lock per row (~20 ns) is noise next to a row's work.
    let rows: Vec<std::sync::Mutex<&mut [u8]>> = bitmap.chunks_mut(row_bytes).map(std::sync::Mutex::new).collect();
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let y = next.fetch_add(1, Ordering::Relaxed);
                    if y >= n {
                        return;
                    }
                    let mut row = rows[y].lock().expect("row lock");
                    render_row(&mut row, y, n);
                }
            });
        }
    });
    drop(rows);
    let (mut h, mut set) = (0xcbf29ce484222325u64, 0u32);
    for &b in &bitmap {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
        set += b.count_ones();
    }
    format!("{h:016x}/{set}")
}

fn render_row(row: &mut [u8], y: usize, n: usize) {
    let nf = n as f64;
    let ci = 2.0 * y as f64 / nf - 1.0;
    for x in 0..n {
        let cr = 2.0 * x as f64 / nf - 1.5;
        let (mut zr, mut zi) = (0.0f64, 0.0f64);
        let mut inside = true;
        for _ in 0..50 {
            let (zr2, zi2) = (zr * zr, zi * zi);
            if zr2 + zi2 > 4.0 {
                inside = false;
                break;
            }
            zi = 2.0 * zr * zi + ci;
            zr = zr2 - zi2 + cr;
        }
        if inside {
            row[x / 8] |= 0x80 >> (x % 8);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values are what cpu/go prints for the same n (fairness check).
    #[test]
    fn n_body_matches_benchmarks_game_output() {
        assert_eq!(n_body(1000), "-0.169075164 -0.169087605");
    }

    #[test]
    fn binary_trees_sum() {
        assert_eq!(binary_trees(10), "135854");
    }

    #[test]
    fn mandelbrot_is_thread_count_independent() {
        assert_eq!(mandelbrot(200, 1), "61168fe446ca2bd9/15909");
        assert_eq!(mandelbrot(200, 3), "61168fe446ca2bd9/15909");
    }
}

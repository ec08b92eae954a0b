//! cpu-rust runs one CPU kernel after the Computer Language Benchmarks Game
//! and prints ONE JSON line {kernel, n, threads, checksum, seconds}. The Go
//! twin (cpu/go) prints the same checksum for the same n. Standard library
//! only: no crates, so the pair compares languages rather than libraries.

mod kernels;

use std::time::Instant;

fn main() {
    let mut kernel = String::new();
    let mut n: usize = 0;
    let mut threads: usize = 1;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let (name, value) = match args[i].split_once('=') {
            Some((a, b)) => (a.to_string(), b.to_string()),
            None => {
                i += 1;
                (args[i - 1].clone(), args.get(i).cloned().unwrap_or_default())
            }
        };
        i += 1;
        match name.as_str() {
            "--kernel" => kernel = value,
            "--n" => n = value.parse().unwrap_or(0),
            "--threads" => threads = value.parse().unwrap_or(0),
            _ => fail(&format!("unknown flag {name:?}")),
        }
    }
    if n == 0 || threads == 0 {
        fail("--n and --threads must be positive");
    }
    let start = Instant::now();
    let checksum = match kernel.as_str() {
        "binary-trees" => kernels::binary_trees(n),
        "n-body" => kernels::n_body(n),
        "mandelbrot" => kernels::mandelbrot(n, threads),
        _ => fail(&format!("unknown --kernel {kernel:?} (want binary-trees, n-body or mandelbrot)")),
    };
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{{\"kernel\":\"{kernel}\",\"n\":{n},\"threads\":{threads},\"checksum\":\"{checksum}\",\"seconds\":{secs}}}"
    );
}

fn fail(msg: &str) -> ! {
    eprintln!("error: {msg}");
    std::process::exit(2);
}

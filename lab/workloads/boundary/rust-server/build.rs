//! Generates the gRPC server code from ../proto/echo.proto.
//! Needs `protoc` on PATH (or PROTOC=/path/to/protoc): prost-build no longer
//! bundles it. Debian/Ubuntu: `apt-get install -y protobuf-compiler`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=../proto/echo.proto");
    tonic_prost_build::configure().build_client(false).compile_protos(&["../proto/echo.proto"], &["../proto"])?;
    Ok(())
}

//! Generates the gRPC server code from ../proto/echo.proto with protox, a protobuf compiler written in Rust, so
//! building needs no `protoc` on the machine.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=../proto/echo.proto");
    let descriptors = protox::compile(["echo.proto"], ["../proto"])?;
    tonic_prost_build::configure().build_client(false).compile_fds(descriptors)?;
    Ok(())
}

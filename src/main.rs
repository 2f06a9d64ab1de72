//! The `replylint` binary: parse arguments, run, exit.

fn main() -> std::process::ExitCode {
    replylint::app::main()
}

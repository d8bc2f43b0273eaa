// The libFuzzer entry point of the ingest fuzzer; run.sh compiles it with the Ingestor and Shared sources and
// Tests/IngestorTests/FuzzCase.swift into one module. An input that breaks an invariant stops the process, so
// libFuzzer records it like a crash.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let result = FuzzCase(Array(UnsafeBufferPointer(start: data, count: size)))
    if let violation = result.violations.first {
        fatalError("invariant broken: \(violation)")
    }
    return 0
}

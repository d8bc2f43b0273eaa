import Foundation

/// Something that fills a buffer with the next bytes of an input, like `read(2)`.
protocol ByteSource {
    /// Reads up to `buffer.count` bytes; returns 0 at the end of the input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Reads a file through a POSIX descriptor; the caller closes nothing, `close()` does.
struct FileByteSource: ByteSource {
    /// Why a file could not be read.
    struct ReadError: Error, CustomStringConvertible {
        var path: String
        var errno: Int32
        var description: String { "\(path): \(String(cString: strerror(errno)))" }
    }

    let path: String
    private let descriptor: Int32

    /// Opens `path` for reading.
    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReadError(path: path, errno: errno) }
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count = Foundation.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw ReadError(path: path, errno: errno)
        }
    }

    /// Closes the descriptor.
    func close() {
        _ = Foundation.close(descriptor)
    }
}

/// An in-memory input, handed out in pieces of at most `pieceSize` bytes to exercise record boundaries.
struct MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0
    private let pieceSize: Int

    init(_ bytes: [UInt8], pieceSize: Int = .max) {
        self.bytes = bytes
        self.pieceSize = max(1, pieceSize)
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - offset, pieceSize)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}

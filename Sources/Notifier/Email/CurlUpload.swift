import CCurl
import Synchronization

/// Set from any thread to make a running transfer stop at libcurl's next progress callback.
final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    /// Asks the transfer to stop.
    func cancel() { flag.store(true, ordering: .relaxed) }

    /// Whether ``cancel()`` was called.
    var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// The rendered message handed to libcurl piece by piece; used only on the thread running the transfer.
final class UploadState {
    private let bytes: [UInt8]
    private var offset = 0
    let cancellation: CancellationFlag

    init(bytes: [UInt8], cancellation: CancellationFlag) {
        self.bytes = bytes
        self.cancellation = cancellation
    }

    /// Copies the next at most `capacity` bytes to `buffer`; 0 at the end.
    func read(into buffer: UnsafeMutableRawPointer, capacity: Int) -> Int {
        let count = min(capacity, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }

    /// `CURLOPT_READFUNCTION`; `userdata` is an unretained `UploadState`.
    static let readCallback: curl_read_callback = { buffer, size, count, userdata in
        guard let buffer, let userdata else { return Int(CURL_READFUNC_ABORT) }
        let state = Unmanaged<UploadState>.fromOpaque(userdata).takeUnretainedValue()
        if state.cancellation.isCancelled { return Int(CURL_READFUNC_ABORT) }
        return state.read(into: UnsafeMutableRawPointer(buffer), capacity: size * count)
    }

    /// `CURLOPT_XFERINFOFUNCTION`: a non-zero answer aborts the transfer with `CURLE_ABORTED_BY_CALLBACK`.
    static let progressCallback: curl_xferinfo_callback = { userdata, _, _, _, _ in
        guard let userdata else { return 0 }
        return Unmanaged<UploadState>.fromOpaque(userdata).takeUnretainedValue().cancellation.isCancelled ? 1 : 0
    }
}

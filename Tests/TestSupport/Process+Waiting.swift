public import Foundation

extension Process {
    /// Waits for the process to end without blocking a thread of Swift's cooperative pool (which
    /// `waitUntilExit()` would hold for the child's whole run, stalling every other test on a 2-core machine).
    public func waitForExit() async throws {
        while isRunning { try await Task.sleep(for: .milliseconds(20)) }
        waitUntilExit()  // returns at once; makes the termination status available
    }
}

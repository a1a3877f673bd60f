import Foundation

/// Wall time per phase of an index build, printed to standard error when `ARCHKB_BUILD_PHASES` is
/// set: what `scripts/bench-scale` and a profiling session read to see where a build's time goes.
enum PhaseClock {
    static let enabled = ProcessInfo.processInfo.environment["ARCHKB_BUILD_PHASES"] != nil
    /// When the previous phase ended (only touched when enabled, from the building thread).
    nonisolated(unsafe) private static var last = Date()

    /// Ends the phase `name`: prints the time since the previous mark.
    static func mark(_ name: String) {
        guard enabled else { return }
        let now = Date()
        FileHandle.standardError.write(Data("archkb index phase \(name): \(Int((now.timeIntervalSince(last) * 1000).rounded())) ms\n".utf8))
        last = now
    }
}

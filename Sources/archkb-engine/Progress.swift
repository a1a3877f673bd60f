import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A progress line on stderr for work that takes more than a second (indexing): after one second
/// "archkb: <what> … 1 s", updated each second in place on a terminal, cleared when the work ends.
/// Nothing is printed for quicker work, or when stderr is not a terminal.
enum Progress {
    static func `while`<T>(_ what: String, _ body: () throws -> T) rethrows -> T {
        guard isatty(STDERR_FILENO) == 1 else { return try body() }
        let done = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let start = Date()
        let message = "archkb: \(what) …"
        Thread.detachNewThread {
            var shown = false
            while done.wait(timeout: .now() + 1) == .timedOut {
                let line = "\r\(message) \(Int(Date().timeIntervalSince(start))) s"
                FileHandle.standardError.write(Data(line.utf8))
                shown = true
            }
            if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            finished.signal()
        }
        defer {
            done.signal()
            finished.wait()
        }
        return try body()
    }
}

import ArchKBCore
import Foundation
import Testing

/// The executables' Sendable standard output and error writer.
@Suite struct StandardStreamTests {
    @Test func writesEveryByteOfALongTextThroughAPipe() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let text = String(repeating: "circuit breaker — ünïcode line\n", count: 8000)
        let reader = FileHandle(fileDescriptor: fds[0], closeOnDealloc: true)
        let received = Locked(Data())
        // More than a pipe holds (64 KiB): the writer must loop while the other end reads.
        let done = DaemonE2E.startThreads(1) { _ in received.with { $0 = reader.readDataToEndOfFile() } }
        var stream = StandardStream(descriptor: fds[1])
        print(text, terminator: "", to: &stream)
        stream.write("end\n")
        close(fds[1])
        #expect(done.wait(timeout: .now() + 20) == .success)
        #expect(String(decoding: received.get, as: UTF8.self) == text + "end\n")
    }

    @Test func aClosedReaderDoesNotHangOrKill() {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        close(fds[0])
        signal(SIGPIPE, SIG_IGN)
        StandardStream(descriptor: fds[1]).write("nobody reads this\n")
        close(fds[1])
    }
}

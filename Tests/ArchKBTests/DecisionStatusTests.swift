import ArchKBCorpus
import Foundation
import Testing

/// DecisionStatus(raw:) and DateText: the normalisation of what teams write in status and date lines.
@Suite("Status and date normalisation")
struct DecisionStatusTests {
    static let statuses: [(String, DecisionStatus)] = [
        ("Accepted (PR #2897)", .accepted),
        ("Accepted", .accepted),
        ("accepted", .accepted),
        ("Approved by the architecture board", .accepted),
        ("Implemented (moved to x)", .accepted),
        ("Partially implemented", .accepted),
        ("Partly superseded", .superseded),
        ("Superseded by [5. Use Kafka](0005-use-kafka.md)", .superseded),
        ("Replaced by ADR 9", .superseded),
        ("Rejected in favour of ADR 111", .rejected),
        ("Declined", .rejected),
        ("Won't do", .rejected),
        ("Reverted", .deprecated),
        ("Deprecated", .deprecated),
        ("Obsolete", .deprecated),
        ("Amended by ADR 4", .amended),
        ("Pending", .proposed),
        ("In review", .proposed),
        ("on hold", .proposed),
        ("Draft", .proposed),
        ("Proposed", .proposed),
        ("**Provisional** *2025-03-18*", .proposed),
        ("{Deprecated|Proposed|Accepted|Declined}", .unknown),
        ("Proposed | Accepted | Rejected", .unknown),
        ("", .unknown),
        ("   ", .unknown),
        ("Bananas", .unknown),
        ("The team has accepted this", .accepted),
        ("Done", .accepted),
        ("Adopted", .accepted),
        ("Proposed (2021-03-01)", .proposed),
        ("WIP", .proposed),
        ("Under review", .proposed),
        ("Experimental", .proposed),
        ("Superseded", .superseded),
        ("Deprecated in favour of ADR-20", .deprecated),
        ("Withdrawn", .deprecated),
        ("Amended", .amended),
        ("A decision may be proposed, accepted, rejected, deprecated or superseded", .unknown),
        ("We propose this; it was later superseded", .superseded),
    ]

    @Test("raw status text → status", arguments: statuses)
    func status(_ raw: String, _ expected: DecisionStatus) {
        #expect(DecisionStatus(raw: raw) == expected)
    }

    @Test func precedentAndWithdrawnAreDisjoint() {
        for s in DecisionStatus.allCases {
            #expect(!(s.isPrecedent && s.isWithdrawn), "\(s) cannot be both")
        }
        #expect(DecisionStatus.accepted.isPrecedent)
        #expect(DecisionStatus.amended.isPrecedent)
        #expect(!DecisionStatus.proposed.isPrecedent)
        #expect(!DecisionStatus.unknown.isPrecedent)
        #expect(DecisionStatus.superseded.isWithdrawn)
        #expect(DecisionStatus.rejected.isWithdrawn)
        #expect(DecisionStatus.deprecated.isWithdrawn)
    }

    static let dates: [(String, String?)] = [
        ("2017-07-19", "2017-07-19"),
        ("Date: 2023-04-11", "2023-04-11"),
        ("July 15 2021", "2021-07-15"),
        ("15 July 2021", "2021-07-15"),
        ("March 3, 2024", "2024-03-03"),
        ("Sep 9 2020", "2020-09-09"),
        ("**Provisional** *2025-03-18*", "2025-03-18"),
        ("- 2019-05-02: Initial draft", "2019-05-02"),
        ("2024-01-15 00:00:00 +0000", "2024-01-15"),
        ("2024-13-01", nil),
        ("1850-01-01", nil),
        ("12024-01-01", nil),
        ("May 2024", nil),
        ("no date here", nil),
        ("", nil),
    ]

    @Test("dates in the forms ADRs use", arguments: dates)
    func date(_ text: String, _ expected: String?) {
        #expect(DateText.normalize(text) == expected)
    }

    @Test("the raw text is only classified, never needed verbatim", arguments: DecisionStatus.allCases)
    func rawValueRoundTrips(_ status: DecisionStatus) {
        // Stored indexes keep the raw value; reading it back must give the same status.
        #expect(DecisionStatus(rawValue: status.rawValue) == status)
        if status != .unknown {
            #expect(DecisionStatus(raw: status.rawValue.capitalized) == status)
        }
    }

    @Test func firstDateWins() {
        #expect(DateText.find(in: "drafted 2019-05-02, accepted 2019-06-10") == "2019-05-02")
    }

    @Test func normalizedPhraseKeepsCPlusPlusAndCSharp() {
        #expect(normalizedPhrase("Trade-offs") == "trade offs")
        #expect(normalizedPhrase("  C++ and C#!  ") == "c++ and c#")
        #expect(normalizedPhrase("{Deprecated|Proposed}") == "deprecated proposed")
    }
}

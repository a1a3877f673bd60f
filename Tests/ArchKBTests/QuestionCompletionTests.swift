import ArchKBClient
import Testing

/// The shared, standard-library-only pieces of question-word completion (ArchKBClient): which
/// argument lists are the scripts' call, how each shell's candidates are escaped and printed, and
/// how the typed question is read and candidates shaped. End to end: CompletionFastPathTests.
@Suite("question-word completion logic")
struct QuestionCompletionTests {
    static let prefix = QuestionCompletion.callPrefix

    @Test func theScriptsCallIsRecognised() throws {
        let call = try #require(QuestionCompletion.call(Self.prefix + ["3", "2", "archkb", "ask", "cache", "inv"]))
        #expect(call.words == ["archkb", "ask", "cache", "inv"])
        #expect(call.index == 3)
        #expect(call.prefix == "in")
        // The prefix is the last word's, up to the cursor, as the argument parser takes it.
        let earlier = try #require(QuestionCompletion.call(Self.prefix + ["2", "9", "archkb", "ask", "circ", "later"]))
        #expect(earlier.prefix == "later")
        #expect(QuestionCompletion.call(Self.prefix + ["2", "0", "archkb", "ask", ""])?.prefix == "")
    }

    @Test(arguments: [
        ["---completion", "ask", "--", "--format", "3", "0", "archkb", "ask", "--format", ""],
        ["---completion", "complete", "--", "positional@0", "2", "4", "archkb", "complete", "circ"],
        ["---completion", "--", "positional@0", "1", "0", "archkb", ""],
        ["---completion", "ask", "--", "positional@1", "2", "4", "archkb", "ask", "circ"],
        ["---completion", "ask", "--", "positional@0", "2", "-1", "archkb", "ask", "circ"],
        ["---completion", "ask", "--", "positional@0", "2", "x", "archkb", "ask", "circ"],
        ["---completion", "ask", "--", "positional@0", "2", "4"],
        ["---completion", "ask", "positional@0", "2", "4", "archkb", "ask", "circ"],
        ["ask", "--", "positional@0", "2", "4", "archkb", "ask", "circ"],
        ["complete", "circ"],
        [],
    ])
    func otherArgumentListsAreNot(_ arguments: [String]) {
        #expect(QuestionCompletion.call(arguments) == nil)
        #expect(QuestionCompletion.daemonAnswer(to: arguments, shell: .bash, version: "5.2") == nil)
    }

    @Test func outputIsWhatTheArgumentParserPrints() {
        #expect(RequestingShell.output(["a", "b"], for: .bash) == "a\nb\n")
        #expect(RequestingShell.output(["a", "b"], for: .fish) == "a\nb\n")
        #expect(RequestingShell.output(["a", "b"], for: nil) == "a\nb\n")
        #expect(RequestingShell.output(["a", "b"], for: .zsh) == "a\nb\n \n")
        #expect(RequestingShell.output([], for: .bash) == "\n")
        #expect(RequestingShell.output([], for: .zsh) == " \n")
    }

    @Test func escapingFollowsTheShell() {
        #expect(RequestingShell.bash.escaped("brewer's $x") == "brewer\\'s \\$x")
        #expect(RequestingShell.zsh.escaped("json:api") == "json\\:api")
        #expect(RequestingShell.fish.escaped("brewer's json:api") == "brewer's json:api")
    }

    @Test func onlyFishBefore4PassesWordsUnquoted() {
        #expect(RequestingShell.fish.unquotesWords(version: "3.6.0"))
        #expect(!RequestingShell.fish.unquotesWords(version: "4.0.2"))
        #expect(!RequestingShell.fish.unquotesWords(version: nil))
        #expect(!RequestingShell.bash.unquotesWords(version: "3.2"))
        #expect(!RequestingShell.zsh.unquotesWords(version: "3.0"))
    }

    @Test func typedQuestionReadsTheLine() {
        let words = TypedQuestion(words: ["archkb", "ask", "--limit", "3", "Cache", "inv"], index: 5, prefix: "inv")
        #expect(words.text == "cache inv")
        #expect(!words.isPhrase)
        #expect(words.shellWords(["Cache Invalidation", "cache invalidation approaches", "Caching"]) == ["invalidation"])

        let phrase = TypedQuestion(words: ["archkb", "ask", "\"cache inv"], index: 2, prefix: "\"cache inv")
        #expect(phrase.isPhrase)
        #expect(phrase.shellWords(["Cache Invalidation"]) == ["cache invalidation"])

        let local = TypedQuestion(words: ["archkb", "ask", "--index", "x.sqlite", "circ"], index: 4, prefix: "circ")
        #expect(!local.useDaemon && local.indexFlag == "x.sqlite")
        let remote = TypedQuestion(words: ["archkb", "ask", "--index=x", "--socket", "s", "circ"], index: 5, prefix: "circ")
        #expect(remote.useDaemon && remote.socketFlag == "s")
        #expect(!TypedQuestion(words: ["archkb", "ask", "--no-daemon", "circ"], index: 3, prefix: "circ").useDaemon)
        #expect(TypedQuestion(words: ["archkb", "show", "circ"], index: 2, prefix: "circ").text == "circ", "a show line is read like a question (entity names complete)")
        #expect(TypedQuestion(words: ["archkb", "stats", "circ"], index: 2, prefix: "circ").text.isEmpty)
    }

    /// The shaped candidates for a call, with phrases given instead of asked of a daemon.
    @Test func candidatesAreShapedAndEscapedForTheShell() {
        let phrases = ["JSON:API", "Brewer's envelope"]
        let zsh = QuestionCompletion.candidates(["archkb", "ask", "json:a"], 2, "json:a", shell: .zsh, version: "5.9") { _ in phrases }
        #expect(zsh == ["json\\:api"])
        let bash = QuestionCompletion.candidates(["archkb", "ask", "brew"], 2, "brew", shell: .bash, version: "5.2") { _ in phrases }
        #expect(bash == ["brewer\\'s"])
        let fish3 = QuestionCompletion.candidates(["archkb", "ask", "brewer's e"], 2, "brewer's e", shell: .fish, version: "3.6.0") { $0.text == "brewer's e" ? phrases : nil }
        #expect(fish3 == ["brewer's envelope"])
        let none = QuestionCompletion.candidates(["archkb", "ask", "circ"], 2, "circ", shell: .bash, version: nil) { _ in nil }
        #expect(none == nil)
        let empty = QuestionCompletion.candidates(["archkb", "ask", ""], 2, "", shell: .bash, version: nil) { _ in nil }
        #expect(empty == [])
    }
}

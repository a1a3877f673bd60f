import ArchKBIndex

extension Question {
    /// The question searched for `text`: for a question about the team's decisions, its subject
    /// only ("are we still on MongoDB" → "MongoDB"); record references are kept from the full text.
    public init(asking text: String, intent: DecisionIntent, thesaurus: Thesaurus, compounds: [String: [String]] = [:]) {
        self.init(text, thesaurus: thesaurus, compounds: compounds)
        guard intent != .none else { return }
        let subject = intent.subjectWords(words)
        guard subject.contains(where: { !Stopwords.contains($0) }) else { return }
        let (numbers, files) = (adrNumbers, adrFiles)
        self.init(subject.joined(separator: " "), thesaurus: thesaurus, compounds: compounds)
        raw = text
        adrNumbers = numbers
        adrFiles = files
    }

    /// Whether the question only names decision records ("ADR 36", "adr-36", "0036-use-x.md") and asks nothing else.
    public var namesOnlyRecords: Bool {
        guard !adrNumbers.isEmpty || !adrFiles.isEmpty else { return false }
        let fileWords = Set(adrFiles.flatMap { Tokenizer.words($0) })
        return contentWords.allSatisfy { w in
            w.hasPrefix("adr") || w.allSatisfy(\.isNumber) || fileWords.contains(w) || w == "record" || w == "decision"
        }
    }
}

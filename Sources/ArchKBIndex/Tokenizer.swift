/// Splits text into the words and stemmed terms both indexes use.
///
/// Words are lowercase runs of letters and digits (`+` and `#` are kept inside words such as
/// c++ and c#). Terms are Porter-stemmed words minus stopwords, plus adjacent-pair bigrams
/// (`circuit_breaker`) so that phrases score above scattered words.
public enum Tokenizer {
    /// Lowercase words in order, stopwords included (with `keepingCase`, as written: the same
    /// words, for checks that care about capitalisation).
    public static func words(_ text: String, keepingCase: Bool = false) -> [String] {
        var words: [String] = []
        // Words are gathered as UTF-8 bytes: most are short ASCII runs, and a String made from a
        // byte buffer of up to 15 bytes needs no allocation (index builds tokenize every section).
        var current: [UInt8] = []
        current.reserveCapacity(48)
        func finish() {
            defer { current.removeAll(keepingCapacity: true) }
            // "c++" and "c#" keep their symbols; "word+" elsewhere loses a trailing run.
            var end = current.count
            if !isKeptSymbolWord(current) {
                while end > 0 && (current[end - 1] == 0x2B || current[end - 1] == 0x23) { end -= 1 }
            }
            guard end > 0 && end <= 40 else { return }
            words.append(String(decoding: current[0..<end], as: UTF8.self))
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 128 {
                if (v >= 97 && v <= 122) || (v >= 48 && v <= 57) {
                    current.append(UInt8(v))
                    continue
                } else if v >= 65 && v <= 90 {
                    current.append(UInt8(keepingCase ? v : v + 32))
                    continue
                } else if (v == 0x2B || v == 0x23) && !current.isEmpty {
                    current.append(UInt8(v))
                    continue
                }
            } else if scalar.properties.isAlphabetic {
                if keepingCase { current.append(contentsOf: String(scalar).utf8) } else {
                    current.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
                }
                continue
            }
            if !current.isEmpty { finish() }
        }
        if !current.isEmpty { finish() }
        return words
    }

    /// c++, c# and f# (in any case), which keep their trailing symbols.
    static func isKeptSymbolWord(_ w: [UInt8]) -> Bool {
        guard w.count == 2 || w.count == 3 else { return false }
        let first = w[0] | 0x20
        if w.count == 3 { return first == 0x63 && w[1] == 0x2B && w[2] == 0x2B }
        return (first == 0x63 || first == 0x66) && w[1] == 0x23
    }

    /// Stemmed content words (no stopwords), in order.
    public static func stems(_ text: String) -> [String] {
        words(text).filter { !Stopwords.contains($0) }.map(stem)
    }

    public static func stem(_ word: String) -> String {
        PorterStemmer.stem(word)
    }

    /// Unigram stems plus bigrams of adjacent content words, as term → count.
    public static func termCounts(_ text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        let ws = words(text)
        var previous: String?
        for w in ws {
            if Stopwords.contains(w) { previous = nil; continue }
            let s = stem(w)
            counts[s, default: 0] += 1
            if let p = previous { counts[p + "_" + s, default: 0] += 1 }
            previous = s
        }
        return counts
    }
}

/// English function words and question filler that carry no topic.
public enum Stopwords {
    static let set: Set<String> = [
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from", "into",
        "onto", "about", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these",
        "those", "there", "their", "them", "they", "we", "our", "us", "you", "your", "i", "me", "my", "he", "she", "his",
        "her", "do", "does", "did", "doing", "done", "have", "has", "had", "so", "than", "then", "too", "very", "can",
        "could", "should", "would", "will", "shall", "may", "might", "must", "what", "which", "who", "whom", "whose",
        "when", "where", "why", "how", "not", "no", "nor", "only", "own", "same", "such", "some", "any", "each",
        "all", "both", "few", "more", "most", "other", "just", "also", "via", "vs", "versus", "per", "e", "g", "ie",
        "eg", "etc", "one", "best", "way", "ways", "use", "using", "used", "need", "needs", "want", "wants",
        "choose", "pick", "recommend", "recommended", "recommendation", "option", "options", "good", "get", "make",
        "like", "thing", "things", "let", "lot", "lots", "much", "many", "should", "up", "out", "over", "under",
        "again", "here", "while", "because", "until", "against", "between", "through", "during", "before", "after",
        "above", "below", "off", "once", "am", "s", "t", "don", "doesn", "isn", "aren", "won", "can't",
        // Chat filler: questions typed into Slack or a terminal carry these without a topic.
        "whats", "hows", "whos", "wheres", "thats", "theres", "dont", "doesnt", "didnt", "cant", "wont", "isnt",
        "arent", "wasnt", "im", "ive", "youre", "ppl", "lol", "af", "pls", "plz", "thx", "thanks", "hi", "hey",
        "hello", "folks", "guys", "anyone", "someone", "somebody", "anybody", "u", "ur", "ya", "yeah", "ok", "okay",
        "btw", "imo", "tbh", "idk", "really", "kinda", "sorta", "basically", "actually", "gonna", "wanna", "gotta",
    ]

    public static func contains(_ w: String) -> Bool { set.contains(w) }
}

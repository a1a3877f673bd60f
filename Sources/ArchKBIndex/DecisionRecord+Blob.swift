import ArchKBCorpus

// A decision record's fields in a stored parse (`ParsedDocument.encoded()`), in declaration order.

extension DecisionRecord {
    func encode(into w: inout PreloadBlob.Writer) {
        w.optionalInt(number); w.optionalInt(titleNumber); w.string(title); w.optionalString(date)
        w.string(status.rawValue); w.optionalString(rawStatus)
        for links in [supersedes, supersededBy, amends, amendedBy] {
            w.int(links.count)
            for l in links { w.optionalInt(l.number); w.optionalString(l.file) }
        }
        w.optionalString(chosenOption); w.string(decisionText); w.string(format.rawValue); w.int(line); w.optionalInt(statusLine)
        w.string(dateSource.kind.rawValue); w.strings(dateSource.texts); w.optionalInt(dateSource.line); w.ints(dateSource.lines)
        w.optionalString(dateSource.fileNameDate)
    }

    static func decode(from r: inout PreloadBlob.Reader) -> DecisionRecord? {
        guard let number = r.optionalInt(), let titleNumber = r.optionalInt(), let title = r.string(), let date = r.optionalString(),
              let status = r.string().flatMap(DecisionStatus.init(rawValue:)), let rawStatus = r.optionalString() else { return nil }
        var links: [[DecisionLink]] = []
        for _ in 0..<4 {
            guard let list = r.list({ r -> DecisionLink? in
                guard let n = r.optionalInt(), let f = r.optionalString() else { return nil }
                return DecisionLink(number: n, file: f)
            }) else { return nil }
            links.append(list)
        }
        guard let chosen = r.optionalString(), let decisionText = r.string(), let format = r.string().flatMap(Format.init(rawValue:)),
              let line = r.int(), let statusLine = r.optionalInt(),
              let sourceKind = r.string().flatMap(DateSource.Kind.init(rawValue:)), let texts = r.strings(),
              let sourceLine = r.optionalInt(), let lines = r.ints(), let fileNameDate = r.optionalString() else { return nil }
        var record = DecisionRecord(number: number, title: title, status: status, rawStatus: rawStatus, format: format, line: line)
        record.titleNumber = titleNumber
        record.date = date
        record.supersedes = links[0]; record.supersededBy = links[1]; record.amends = links[2]; record.amendedBy = links[3]
        record.chosenOption = chosen
        record.decisionText = decisionText
        record.statusLine = statusLine
        record.dateSource.kind = sourceKind
        record.dateSource.texts = texts
        record.dateSource.line = sourceLine
        record.dateSource.lines = lines
        record.dateSource.fileNameDate = fileNameDate
        return record
    }
}

import ArchKBCorpus
import Testing

/// MarkdownOutline and RSTOutline: headings, code fences, levels and section ranges.
@Suite("Markdown and RST outlines")
struct OutlineTests {
    static let fenced = """
    # Title

    Intro text.

    ```bash
    # not a heading: a shell comment
    echo hi
    ```

    ## Real section

    ~~~~
    ```
    # still code: a shorter fence of another char does not close this one
    ```
    ~~~~

    ````markdown
    ## Not a heading either
    ```
    ````

    ### Last
    Body.
    """.lineArray

    @Test func headingsInsideFencesAreIgnored() {
        let outline = MarkdownOutline(lines: Self.fenced)
        #expect(outline.headings.map(\.text) == ["Title", "Real section", "Last"])
        #expect(outline.headings.map(\.level) == [1, 2, 3])
        #expect(outline.headings.map(\.line) == [1, 10, 23])
        #expect(outline.title?.text == "Title")
    }

    @Test func fenceLinesAreMarkedAsCode() {
        let outline = MarkdownOutline(lines: Self.fenced)
        let codeLines = Self.fenced.indices.filter { outline.inCode[$0] }.map { $0 + 1 }
        #expect(codeLines == [5, 6, 7, 8, 12, 13, 14, 15, 16, 18, 19, 20, 21])
    }

    @Test func sectionTextDropsCodeAndRangesAreContiguous() {
        let outline = MarkdownOutline(lines: Self.fenced)
        #expect(outline.sections.map(\.heading) == ["Title", "Real section", "Last"])
        #expect(outline.sections.map(\.startLine) == [1, 10, 23])
        #expect(outline.sections.map(\.endLine) == [9, 22, 24])
        #expect(outline.sections[0].text == "Intro text.")
        #expect(outline.sections[1].text.isEmpty)
        #expect(outline.sections[2].trail == "Title > Real section > Last")
        #expect(outline.sections[2].text == "Body.")
    }

    @Test func frontMatterLinesAreSkipped() {
        let lines = "---\ntitle: x\n# not: a heading\n---\n# Heading\ntext\n".lineArray
        let fm = FrontMatter.read(lines: lines)
        #expect(fm.lineCount == 4)
        #expect(fm["title"] == "x")
        let outline = MarkdownOutline(lines: lines, skip: fm.lineCount)
        #expect(outline.headings.map(\.text) == ["Heading"])
        #expect(outline.headings.first?.line == 5)
    }

    @Test func setextHeadingsAndThematicBreaks() {
        let lines = "Title\n=====\n\nSome text\n\nSub\n---\n\n- item\n---\n".lineArray
        let outline = MarkdownOutline(lines: lines)
        #expect(outline.headings.map(\.text) == ["Title", "Sub"])
        #expect(outline.headings.map(\.level) == [1, 2])
        #expect(outline.headings.map(\.line) == [1, 6])
    }

    @Test func atxNeedsASpaceAndClosingHashesAreDropped() {
        let lines = "#hashtag\n## Closed ##\n####### seven\n## **Bold** `code`\n".lineArray
        let outline = MarkdownOutline(lines: lines)
        #expect(outline.headings.map(\.text) == ["Closed", "Bold code"])
    }

    // MARK: - RST

    @Test func rstLevelsFollowFirstAppearance() {
        let a = "Title\n#####\n\nSection\n*******\n\nSub\n===\n\nAnother\n*******\n".lineArray
        let outlineA = RSTOutline(lines: a)
        #expect(outlineA.headings.map(\.text) == ["Title", "Section", "Sub", "Another"])
        #expect(outlineA.headings.map(\.level) == [1, 2, 3, 2])

        let b = "Title\n=====\n\nSection\n#######\n\nSub\n***\n".lineArray
        let outlineB = RSTOutline(lines: b)
        #expect(outlineB.headings.map(\.level) == [1, 2, 3])
        #expect(outlineB.title?.text == "Title")
    }

    @Test func rstOverlineIsADistinctStyle() {
        let lines = "=====\nTitle\n=====\n\nSection\n=======\n\ntext\n".lineArray
        let outline = RSTOutline(lines: lines)
        #expect(outline.headings.map(\.text) == ["Title", "Section"])
        #expect(outline.headings.map(\.level) == [1, 2])
        #expect(outline.headings.map(\.line) == [1, 5])
        #expect(outline.sections.last?.text == "text")
    }

    @Test func rstCodeBlocksAndDirectivesCarryNoHeadingsOrProse() {
        let lines = """
        Doc
        ===

        .. _label:

        .. code-block:: python

           Fake
           ====

        Real text.
        """.lineArray
        let outline = RSTOutline(lines: lines)
        #expect(outline.headings.map(\.text) == ["Doc"])
        #expect(outline.sections.first?.text == "Real text.")
    }

    @Test func shortUnderlinesAreNotHeadings() {
        // An underline must be at least 3 characters and cover a short title.
        let lines = "A title that is long\n==\n\nok\n".lineArray
        #expect(RSTOutline(lines: lines).headings.isEmpty)
    }

    // MARK: - Inline markup and tables

    @Test("inline markup is removed", arguments: [
        ("[text](http://x.y/z(1))", "text"),
        ("**bold** and `code`", "bold and code"),
        ("see :ref:`ADR 3 <adr-3>`", "see ADR 3 adr-3"),
        ("![img](a.png) caption", "img caption"),
        ("snake_case stays, _emphasis_ goes", "snake_case stays, emphasis goes"),
    ])
    func inline(_ input: String, _ expected: String) {
        #expect(InlineMarkup.plain(input) == expected)
    }

    @Test func tablesOutsideCodeWithEscapedPipes() {
        let lines = "| A | B |\n|---|:-:|\n| x \\| y | `z` |\n\n```\n| C | D |\n|---|---|\n| 1 | 2 |\n```\n".lineArray
        let outline = MarkdownOutline(lines: lines)
        let tables = MarkdownTable.all(in: lines, inCode: outline.inCode)
        #expect(tables.count == 1)
        #expect(tables.first?.header == ["A", "B"])
        #expect(tables.first?.rows.first?.cells == ["x | y", "z"])
        #expect(tables.first?.rows.first?.line == 3)
    }
}

import ArchKBCorpus
import ArchKBQuery

/// The radar as one self-contained static HTML page: inline CSS, SVG and a few lines of script,
/// nothing loaded from the network. Each blip links to its entry in the lists under the drawing,
/// and each entry links to the entity's card and to the records in its history, as file paths
/// relative to the page's own folder (`linkBase`).
public enum RadarHTML {
    /// `linkBase` is the absolute folder the page is written to (the current folder for standard output).
    public static func render(_ r: Radar, title: String = "Team technology radar", linkBase: String) -> String {
        var numbers: [Int: Int] = [:]
        var ordered: [RadarBlip] = []
        for q in RadarQuadrant.allCases {
            for b in r.blips where b.quadrant == q {
                ordered.append(b)
                numbers[b.entity] = ordered.count
            }
        }
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>\(css)</style>
            </head>
            <body>
            <h1>\(escape(title))</h1>
            <p class="summary">\(escape(RadarText.summary(r).split(separator: "\n").joined(separator: "; ")))</p>
            <div class="radar">\(RadarSVG.svg(r, numbers: numbers))</div>
            <p class="legend">\(legend)</p>

            """
        out += "<div class=\"quadrants\">\n"
        for q in RadarQuadrant.allCases {
            out += "<section class=\"quadrant-list\"><h2>\(escape(q.title))</h2>\n"
            let blips = ordered.filter { $0.quadrant == q }
            if blips.isEmpty { out += "<p class=\"empty\">No blips.</p>\n" }
            for ring in RadarRing.allCases {
                let inRing = blips.filter { $0.ring == ring }
                guard !inRing.isEmpty else { continue }
                out += "<h3 class=\"ring-\(ring.rawValue)\">\(ring.title)</h3>\n<ol>\n"
                for b in inRing { out += entry(b, number: numbers[b.entity] ?? 0, linkBase: linkBase) }
                out += "</ol>\n"
            }
            out += "</section>\n"
        }
        out += "</div>\n<script>\(script)</script>\n</body>\n</html>\n"
        return out
    }

    /// One list entry: name, kind, why, the card and each record of the history, linked.
    static func entry(_ b: RadarBlip, number: Int, linkBase: String) -> String {
        var out = "<li id=\"blip-\(number)\" value=\"\(number)\" data-blip=\"\(number)\"><strong>\(escape(b.name))</strong>"
        out += " <span class=\"facts\">\(escape(b.kind))\(b.isNew ? " · new" : "")\(b.override != nil ? " · set by hand" : "")</span>"
        out += "<br><span class=\"why\">\(escape(b.why))</span>"
        out += "<br>card: <a href=\"\(href(b.cardAbsolutePath, from: linkBase))\">\(escape(b.card.path)):\(b.card.line)</a>"
        if !b.history.isEmpty {
            out += "<ul class=\"history\">"
            for m in b.history {
                let p = m.record
                out += "<li><span class=\"ring-\(m.ring.rawValue)\">\(m.ring.rawValue)</span> \(escape(p.date ?? "no date")) "
                out += "<a href=\"\(href(p.absolutePath, from: linkBase))\">\(escape(p.label)): \(escape(p.title))</a>"
                out += " <span class=\"path\">\(escape(p.path)):\(p.line)</span></li>"
            }
            out += "</ul>"
        }
        return out + "</li>\n"
    }

    static var legend: String {
        RadarRing.allCases.map { "<span class=\"swatch\" style=\"background:\(RadarSVG.colours[$0] ?? "#000")\"></span>\($0.title)" }
            .joined(separator: " ") + " · a square blip moved into its ring recently"
    }

    /// `path` relative to the folder `base` (both absolute), percent-encoded for an href.
    static func href(_ path: String, from base: String) -> String {
        guard path.hasPrefix("/"), base.hasPrefix("/") else { return percentEncoded(path) }
        let to = path.split(separator: "/").map(String.init)
        let from = base.split(separator: "/").map(String.init)
        var common = 0
        while common < min(to.count, from.count) && to[common] == from[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + to[common...]
        return percentEncoded(parts.joined(separator: "/"))
    }

    /// Characters other than letters, digits and `-._~/` as %XX (UTF-8).
    static func percentEncoded(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80 && (c.isLetter || c.isNumber || "-._~/".contains(c)) {
                out.append(c)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// Text safe inside HTML elements and attribute values.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    static let css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:16px 24px;color:#222;background:#fff}\
        h1{font-size:22px;margin:0 0 4px}.summary{color:#555;font-size:13px;margin:0 0 8px}\
        .radar{max-width:820px}.radar svg{width:100%;height:auto;display:block}\
        .ring-label{font-size:12px;fill:#999;font-weight:600;letter-spacing:1px}\
        .quadrant-label{font-size:17px;font-weight:700;fill:#333}\
        .blip-number{font-size:9px;fill:#fff;font-weight:700;pointer-events:none}\
        .blip.active circle,.blip.active rect{stroke:#000;stroke-width:3}\
        .legend{font-size:13px}.swatch{display:inline-block;width:12px;height:12px;border-radius:6px;margin:0 4px 0 10px;vertical-align:-1px}\
        .quadrants{display:grid;grid-template-columns:repeat(auto-fit,minmax(340px,1fr));gap:8px 24px;font-size:13px}\
        h2{font-size:17px;border-bottom:1px solid #ccc;margin:12px 0 4px}h3{font-size:14px;margin:8px 0 2px}\
        .ring-adopt{color:#1a9850}.ring-trial{color:#2166ac}.ring-assess{color:#e08214}.ring-hold{color:#d73027}\
        ol{padding-left:28px;margin:2px 0}ol>li{margin:4px 0}li.active{background:#fff3c4}\
        .facts,.path{color:#777}.why{color:#333}.history{margin:2px 0;padding-left:16px;color:#444}\
        a{color:#0b57d0}
        """

    /// Highlights a blip and its list entry together on hover or focus.
    static let script = """
        document.querySelectorAll('[data-blip]').forEach(function(el){\
        var n=el.getAttribute('data-blip');\
        function set(on){document.querySelectorAll('[data-blip="'+n+'"]').forEach(function(x){x.classList.toggle('active',on);});}\
        el.addEventListener('mouseenter',function(){set(true);});el.addEventListener('mouseleave',function(){set(false);});});
        """
}

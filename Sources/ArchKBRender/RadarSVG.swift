import ArchKBCorpus
import ArchKBQuery
import Foundation

/// The radar drawing: four quadrants, four rings and one numbered blip per entity, as inline SVG.
///
/// Placement is deterministic: the blips of one quadrant and ring spread over its sector in the
/// order of the list, at radii that cover the band's area evenly and at angles stepped by the
/// golden ratio, so the same radar always draws the same picture.
enum RadarSVG {
    /// The drawing's size (a square viewBox) and its radius.
    static let size = 820.0
    static let radius = 390.0
    /// Outer radius of each ring as a share of `radius` (adopt, trial, assess, hold).
    static let ringEdges: [Double] = [0.34, 0.58, 0.8, 1.0]
    /// Blip fill per ring; the screenshot test looks for these colours.
    static let colours: [RadarRing: String] = [.adopt: "#1a9850", .trial: "#2166ac", .assess: "#e08214", .hold: "#d73027"]
    /// Quadrant positions: the start angle of each (degrees, counter-clockwise from east, y up).
    static let startAngles: [RadarQuadrant: Double] = [.tools: 0, .techniques: 90, .platforms: 180, .languagesFrameworks: 270]
    static let blipRadius = 9.0

    /// The SVG element; `numbers` gives each blip's number (its position in the page's lists).
    static func svg(_ r: Radar, numbers: [Int: Int]) -> String {
        let c = size / 2
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(size)) \(f(size))\" role=\"img\" aria-label=\"Technology radar\">\n"
        let tints = ["#f4f4f4", "#eaeaea", "#f4f4f4", "#eaeaea"]
        for (i, q) in RadarQuadrant.allCases.enumerated() {
            let a0 = startAngles[q] ?? 0
            out += "<path class=\"quadrant\" d=\"\(sector(a0, a0 + 90, 0, radius))\" fill=\"\(tints[i])\"/>\n"
        }
        for edge in ringEdges {
            out += "<circle cx=\"\(f(c))\" cy=\"\(f(c))\" r=\"\(f(edge * radius))\" fill=\"none\" stroke=\"#bbbbbb\" stroke-width=\"1.5\"/>\n"
        }
        out += "<line x1=\"\(f(c - radius))\" y1=\"\(f(c))\" x2=\"\(f(c + radius))\" y2=\"\(f(c))\" stroke=\"#ffffff\" stroke-width=\"14\"/>\n"
        out += "<line x1=\"\(f(c))\" y1=\"\(f(c - radius))\" x2=\"\(f(c))\" y2=\"\(f(c + radius))\" stroke=\"#ffffff\" stroke-width=\"6\"/>\n"
        for (i, ring) in RadarRing.allCases.enumerated() {
            let inner = i == 0 ? 0 : ringEdges[i - 1] * radius
            // On the horizontal axis, where no blip goes.
            let x = c + (inner + ringEdges[i] * radius) / 2
            out += "<text class=\"ring-label\" x=\"\(f(x))\" y=\"\(f(c + 4))\" text-anchor=\"middle\">\(ring.title.uppercased())</text>\n"
        }
        for q in RadarQuadrant.allCases {
            // Each quadrant's title in its outer corner.
            let a = ((startAngles[q] ?? 0) + 45) * .pi / 180
            let right = cos(a) > 0, top = sin(a) > 0
            out += "<text class=\"quadrant-label\" x=\"\(f(right ? size - 8 : 8))\" y=\"\(f(top ? 22 : size - 10))\" text-anchor=\"\(right ? "end" : "start")\">\(RadarHTML.escape(q.title))</text>\n"
        }
        for (b, point) in positions(r) {
            let n = numbers[b.entity] ?? 0
            let colour = colours[b.ring] ?? "#000000"
            out += "<a href=\"#blip-\(n)\" class=\"blip\" data-blip=\"\(n)\"><title>\(n). \(RadarHTML.escape(b.name)) (\(b.ring.rawValue))</title>"
            if b.isNew {
                out += "<rect x=\"\(f(point.x - blipRadius))\" y=\"\(f(point.y - blipRadius))\" width=\"\(f(2 * blipRadius))\" height=\"\(f(2 * blipRadius))\" rx=\"3\" fill=\"\(colour)\"/>"
            } else {
                out += "<circle cx=\"\(f(point.x))\" cy=\"\(f(point.y))\" r=\"\(f(blipRadius))\" fill=\"\(colour)\"/>"
            }
            out += "<text x=\"\(f(point.x))\" y=\"\(f(point.y + 3.5))\" text-anchor=\"middle\" class=\"blip-number\">\(n)</text></a>\n"
        }
        return out + "</svg>"
    }

    /// Where each blip goes, in the radar's order.
    static func positions(_ r: Radar) -> [(RadarBlip, (x: Double, y: Double))] {
        var out: [(RadarBlip, (x: Double, y: Double))] = []
        for q in RadarQuadrant.allCases {
            for (i, ring) in RadarRing.allCases.enumerated() {
                let cell = r.blips.filter { $0.quadrant == q && $0.ring == ring }
                let inner = (i == 0 ? 0.06 : ringEdges[i - 1]) * radius + blipRadius + 2
                let outer = ringEdges[i] * radius - blipRadius - 2
                let a0 = startAngles[q] ?? 0
                for (k, b) in cell.enumerated() {
                    let t = (Double(k) + 0.5) / Double(cell.count)
                    let rr = (inner * inner + t * (outer * outer - inner * inner)).squareRoot()
                    // Keep clear of the axes by a blip's width at this radius.
                    let margin = min(40, (blipRadius + 9) / rr * 180 / .pi)
                    let frac = (Double(k) * 0.618_033_988_75 + 0.5).truncatingRemainder(dividingBy: 1)
                    let angle = (a0 + margin + frac * (90 - 2 * margin)) * .pi / 180
                    out.append((b, (size / 2 + cos(angle) * rr, size / 2 - sin(angle) * rr)))
                }
            }
        }
        return out
    }

    /// An SVG path of the annular sector between two angles (degrees) and two radii.
    static func sector(_ a0: Double, _ a1: Double, _ r0: Double, _ r1: Double) -> String {
        let c = size / 2
        func point(_ a: Double, _ r: Double) -> String {
            let rad = a * .pi / 180
            return "\(f(c + cos(rad) * r)) \(f(c - sin(rad) * r))"
        }
        if r0 == 0 {
            return "M \(f(c)) \(f(c)) L \(point(a0, r1)) A \(f(r1)) \(f(r1)) 0 0 0 \(point(a1, r1)) Z"
        }
        return "M \(point(a0, r0)) L \(point(a0, r1)) A \(f(r1)) \(f(r1)) 0 0 0 \(point(a1, r1)) L \(point(a1, r0)) A \(f(r0)) \(f(r0)) 0 0 1 \(point(a0, r0)) Z"
    }

    /// A coordinate with at most one decimal.
    static func f(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}

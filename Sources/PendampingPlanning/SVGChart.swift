@_spi(Stages) import Pendamping
import Foundation
import Tabular

/// A self-contained SVG line chart (no scripts, no external fonts), for files a person opens
/// in a browser.
public enum SVGChart {
    /// Plots `points` (x, y) with axes, grid lines, tick labels and a title, and a dashed
    /// horizontal line at `target` (labelled) when given; tick labels with `language`'s decimal
    /// sign. `O(points)`.
    public static func line(title: String, xLabel: String, yLabel: String, points: [(Double, Double)],
                            yRange: ClosedRange<Double>? = nil, target: (value: Double, label: String)? = nil,
                            language: Language = .en) -> String {
        func tick(_ v: Double, _ digits: Int) -> String { formatFixed(v, digits, language) }
        let w = 720.0, h = 440.0, left = 80.0, right = 30.0, top = 50.0, bottom = 70.0
        let xs = points.map(\.0), ys = points.map(\.1)
        let x0 = xs.min() ?? 0, x1 = max((xs.max() ?? 1), x0 + 1e-9)
        let y0 = yRange?.lowerBound ?? min(0, ys.min() ?? 0), y1 = max(yRange?.upperBound ?? (ys.max() ?? 1), y0 + 1e-9)
        func px(_ x: Double) -> String { formatFixed(left + (x - x0) / (x1 - x0) * (w - left - right), 1) }
        func py(_ y: Double) -> String { formatFixed(h - bottom - (y - y0) / (y1 - y0) * (h - top - bottom), 1) }
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(w))\" height=\"\(Int(h))\" viewBox=\"0 0 \(Int(w)) \(Int(h))\" font-family=\"sans-serif\" font-size=\"13\">\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        out += "<text x=\"\(Int(w / 2))\" y=\"28\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">\(esc(title))</text>\n"
        for k in 0...5 {
            let y = y0 + (y1 - y0) * Double(k) / 5, x = x0 + (x1 - x0) * Double(k) / 5
            out += "<line x1=\"\(Int(left))\" y1=\"\(py(y))\" x2=\"\(Int(w - right))\" y2=\"\(py(y))\" stroke=\"#e0e0e0\"/>\n"
            out += "<text x=\"\(Int(left) - 8)\" y=\"\(py(y))\" text-anchor=\"end\" dominant-baseline=\"middle\">\(tick(y, 1))</text>\n"
            out += "<text x=\"\(px(x))\" y=\"\(Int(h - bottom) + 20)\" text-anchor=\"middle\">\(tick(x, x1 - x0 >= 50 ? 0 : 2))</text>\n"
        }
        out += "<line x1=\"\(Int(left))\" y1=\"\(Int(h - bottom))\" x2=\"\(Int(w - right))\" y2=\"\(Int(h - bottom))\" stroke=\"black\"/>\n"
        out += "<line x1=\"\(Int(left))\" y1=\"\(Int(top))\" x2=\"\(Int(left))\" y2=\"\(Int(h - bottom))\" stroke=\"black\"/>\n"
        out += "<text x=\"\(Int((left + w - right) / 2))\" y=\"\(Int(h) - 22)\" text-anchor=\"middle\">\(esc(xLabel))</text>\n"
        out += "<text x=\"22\" y=\"\(Int((top + h - bottom) / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 22 \(Int((top + h - bottom) / 2)))\">\(esc(yLabel))</text>\n"
        if let target {
            out += "<line x1=\"\(Int(left))\" y1=\"\(py(target.value))\" x2=\"\(Int(w - right))\" y2=\"\(py(target.value))\" stroke=\"#c0392b\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n"
            out += "<text x=\"\(Int(w - right) - 4)\" y=\"\(py(target.value))\" dy=\"-6\" text-anchor=\"end\" fill=\"#c0392b\">\(esc(target.label))</text>\n"
        }
        out += "<polyline fill=\"none\" stroke=\"#1f6fb4\" stroke-width=\"2.5\" points=\"" + points.map { "\(px($0.0)),\(py($0.1))" }.joined(separator: " ") + "\"/>\n"
        for p in points { out += "<circle cx=\"\(px(p.0))\" cy=\"\(py(p.1))\" r=\"4\" fill=\"#1f6fb4\"/>\n" }
        out += "</svg>\n"
        return out
    }

    /// The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `x` (at least 1), for an axis end.
    public static func roundUp(_ x: Double) -> Double {
        guard x > 1, x.isFinite else { return 1 }
        let power = pow(10, floor(log10(x)))
        return [1, 2, 2.5, 5, 10].map { $0 * power }.first { $0 >= x } ?? 10 * power
    }
}

import Foundation
import Testing

/// The folders of `Pendamping` use one another in one direction only: a type declared in one
/// folder and named in another is an edge, and the edges have no cycle. The order in which
/// they can be read (each folder after the ones it uses) is the one `docs/architecture.md`
/// lists in its table of folders.
@Suite struct ArchitectureTests {
    /// Folder → the folders whose types its code names (comments left out).
    static func folderDependencies() throws -> [String: Set<String>] {
        let root = packageRoot.appendingPathComponent("Sources/Pendamping")
        let fm = FileManager.default
        let folders = try fm.contentsOfDirectory(atPath: root.path).filter { name in
            var isDirectory: ObjCBool = false
            return fm.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &isDirectory) && isDirectory.boolValue
                && !name.hasSuffix(".docc") && name != "Resources"
        }
        var sources: [String: [String]] = [:]
        var owner: [String: String] = [:]
        let declaration = /^(?:@_spi\(\w+\) )?(?:public |package |private |fileprivate |internal )?(?:final )?(?:struct|enum|class|protocol|typealias) (\w+)/.anchorsMatchLineEndings()
        for folder in folders {
            for file in try fm.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path) where file.hasSuffix(".swift") {
                let text = try String(contentsOf: root.appendingPathComponent(folder).appendingPathComponent(file), encoding: .utf8)
                sources[folder, default: []].append(text.replacing(/\/\/.*/, with: ""))
                for m in text.matches(of: declaration) { owner[String(m.1)] = folder }
            }
        }
        var deps: [String: Set<String>] = [:]
        for (folder, texts) in sources {
            let words = Set(texts.flatMap { $0.matches(of: /\b[A-Z]\w*\b/).map { String($0.0) } })
            deps[folder] = Set(words.compactMap { owner[$0] }.filter { $0 != folder })
        }
        return deps
    }

    @Test func foldersHaveNoCycleAndFollowTheDocumentedOrder() throws {
        let deps = try Self.folderDependencies()
        #expect(deps.count >= 15, "\(deps.keys.sorted())")
        // Kahn's algorithm: whatever cannot be ordered lies on a cycle.
        var order: [String] = []
        var left = Set(deps.keys)
        while let next = left.sorted().first(where: { deps[$0]!.isSubset(of: Set(order)) }) {
            order.append(next); left.remove(next)
        }
        #expect(left.isEmpty, "folders on a cycle: \(left.sorted().map { "\($0) → \(deps[$0]!.intersection(left).sorted())" })")
        // The architecture document's table of folders lists each after every folder it uses.
        let doc = try String(contentsOf: packageRoot.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
        let table = doc[doc.range(of: "## Inside `Pendamping`")!.upperBound...]
        let listed = table.split(separator: "\n").prefix { !$0.hasPrefix("## ") }.filter { $0.hasPrefix("| `") }
            .flatMap { $0.split(separator: "|")[0].matches(of: /`(\w+)`/).map { String($0.1) } }
        #expect(Set(listed) == Set(deps.keys), "documented \(listed), in the source \(deps.keys.sorted())")
        for (k, folder) in listed.enumerated() {
            let later = Set(listed[(k + 1)...])
            #expect(deps[folder, default: []].isDisjoint(with: later),
                    "\(folder) uses \(deps[folder, default: []].intersection(later).sorted()), listed after it")
        }
    }
}

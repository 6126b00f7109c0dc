import Foundation
import Testing
@testable import Pendamping
import Optimisation
import Tabular

/// The package root, from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func fixture(_ path: String) -> String { packageRoot.appendingPathComponent("fixtures/" + path).path }

/// A fresh temporary directory, removed by the caller's `defer`.
func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pendamping-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

func parseCSV(_ text: String, name: String = "test.csv") throws -> CSVFile {
    try CSVFile.parse(Data(text.utf8), name: name)
}

/// Issues of parsing mentors text (empty when it is valid).
func mentorIssues(_ text: String) throws -> [InputIssue] {
    var issues: [InputIssue] = []
    _ = DatasetReader.parseMentors(try parseCSV(text, name: "mentors.csv"), issues: &issues)
    return issues
}


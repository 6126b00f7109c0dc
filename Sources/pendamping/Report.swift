import ArgumentParser
import Pendamping

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render report.html again for an existing result directory (e.g. in English), from its map.geojson and summary.json."
    )

    @Argument(help: "A result directory written by match.")
    var directory: String
    @Option(help: "Language: id (Indonesian, default) or en.")
    var lang: String = ReportLanguage.id.rawValue

    func validate() throws {
        guard ReportLanguage(rawValue: lang) != nil else { throw ValidationError("--lang must be id or en") }
    }

    func run() throws {
        do {
            try ResultFiles.rerenderReport(directory: directory, language: ReportLanguage(rawValue: lang)!)
            print("written \(directory)/report.html")
        } catch {
            throw Failure.exit(error)
        }
    }
}

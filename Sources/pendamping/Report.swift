import ArgumentParser
import Pendamping
import Tabular

struct Report: Subcommand {
    static let configuration = CommandConfiguration(
        abstract: "Render report.html again for an existing result directory (e.g. in English), from its map.geojson and summary.json."
    )

    @Argument(help: "A result directory written by match.")
    var directory: String
    @Option(help: "Language: id (Indonesian, default) or en.")
    var lang: Language = .id

    func validate() throws {
    }

    func execute() throws {
        try ResultFiles.rerenderReport(directory: directory, language: lang)
        print("written \(directory)/report.html")
    }
}

import Pendamping

let dataset = try DatasetReader.read(mentorsPath: "mentors.csv", menteesPath: "mentees.csv")
let result = try Matcher(profile: .default, solver: .auto, certify: true).run(dataset)
for pair in result.pairs {
    print(pair.menteeID, pair.mentorID, pair.scoreValue, pair.breakdown.sector, pair.breakdown.distanceKm)
}
for u in result.unassigned { print(u.menteeID, u.reason.rawValue, u.detail) }
try OutputDirectory.write(try ResultFiles.render(result), to: "out")

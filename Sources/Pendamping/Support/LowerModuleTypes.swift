import Optimisation
import Tabular

// The types of lower modules that the library's own API takes or throws, named here so that
// a client needs `import Pendamping` only.

/// Input that cannot be used: a missing file, or data with issues located by file, sheet,
/// row and column.
public typealias InputError = Tabular.InputError
/// One thing wrong with an input file, located by file, line (or sheet and row) and column.
public typealias InputIssue = Tabular.InputIssue
/// The text encoding of a CSV file: UTF-8, or Windows-1252 as Excel writes on Windows.
public typealias TextEncoding = Tabular.TextEncoding
/// Writes a result directory atomically: staged beside the target, then swapped in whole.
public typealias OutputDirectory = Tabular.OutputDirectory
/// A result directory that cannot be written there.
public typealias OutputError = Tabular.OutputError
/// A request to stop a running solve early, safe to make from any thread; the solve returns
/// the best solution it has, with its proven gap.
public typealias SolveStop = Optimisation.SolveStop
/// Where a long solve stands: the best objective so far, the proven bound and the gap.
public typealias SolveProgress = Optimisation.SolveProgress
/// The two languages the product speaks: Indonesian (`id`) and English (`en`).
public typealias Language = Tabular.Language
/// What is wrong with an input, as a typed value that says itself in both languages.
public typealias IssueProblem = Tabular.IssueProblem
/// What can be wrong with a list file as a table: its bytes, workbook, header, a value's shape.
public typealias TableProblem = Tabular.TableProblem
/// What can be wrong with a settings file (a profile, a scenario, plan settings).
public typealias SettingProblem = Tabular.SettingProblem
/// A bad input value as a message shows it: quoted, or described by its length.
public typealias Echoed = Tabular.Echoed

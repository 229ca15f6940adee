/// A file a command reads or writes, under the option that names it. Commands declare them,
/// and `FileUse.checkAliases` refuses, before anything is read or written, an output that is
/// another output or an input under a second name (pvattest wrote the ARPK over the request
/// for `-o same.bin -a same.bin`).
struct FileUse {
    enum Direction { case input, output }

    let option: OptionName
    let path: String
    let direction: Direction

    static func inputs(_ option: OptionName, _ paths: [String?]) -> [FileUse] {
        paths.compactMap { $0.map { FileUse(option: option, path: $0, direction: .input) } }
    }

    static func input(_ option: OptionName, _ path: String?) -> [FileUse] {
        one(option, path, .input)
    }

    static func output(_ option: OptionName, _ path: String?) -> [FileUse] {
        one(option, path, .output)
    }

    private static func one(_ option: OptionName, _ path: String?, _ direction: Direction) -> [FileUse] {
        path.map { [FileUse(option: option, path: $0, direction: direction)] } ?? []
    }

    /// One `error:` naming both options when two outputs, or an output and an input, are the
    /// same file. Two outputs to standard output are refused too: their bytes would run together.
    static func checkAliases(_ uses: [FileUse], in invocation: Invocation) throws(CLIError) {
        let identities = uses.map { FileIdentity(path: $0.path) }
        for (index, first) in uses.enumerated() {
            for second in index + 1..<uses.count where first.direction == .output || uses[second].direction == .output {
                let other = uses[second]
                switch identities[index] {
                case .notARegularFile:
                    continue
                case .standardStream where first.direction != other.direction:
                    continue
                case .standardStream where identities[second] == .standardStream:
                    throw CLIError("\(first.spelling(in: invocation)) and \(other.spelling(in: invocation)) both name standard output ('-'); only one output can go there")
                default:
                    guard identities[index] == identities[second] else { continue }
                    let (one, two) = (first.spelling(in: invocation), other.spelling(in: invocation))
                    throw CLIError(first.path == other.path
                        ? "\(one) and \(two) name the same file \(CLIError.quote(first.path))"
                        : "\(one) \(CLIError.quote(first.path)) and \(two) \(CLIError.quote(other.path)) name the same file")
                }
            }
        }
    }

    /// How the user gave the file: the option's short (else long) spelling, or the operand's
    /// name when it was given by position (`check r.bin r.bin`: RESPONSE and RESULT).
    private func spelling(in invocation: Invocation) -> String {
        let spec = OptionTable.spec(for: .command(invocation.command))
        if invocation.count(option) == 0, let operand = spec.operands.first(where: { $0.key == option }) {
            return operand.name
        }
        guard let option = spec.option(option) else { return "--" + option.rawValue }
        return option.short.map { "-" + String($0) } ?? option.long
    }
}

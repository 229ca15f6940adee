/// The one parse loop over the arguments (docs/cli-conventions.md §1): options before or after the
/// subcommand, `--` ends options, `--opt VALUE`, `--opt=VALUE`, `-o VALUE`, `-oVALUE`, bundled
/// short flags, comma lists and repetition, `-` as a value. Total on every input: it either
/// returns what to do or throws a `UsageError`, it never traps.
enum CommandLineParser {
    /// One argument (or one letter of a bundle) after tokenizing.
    private enum Token {
        case option(spelling: String, value: String?)
        case operand(String)
        case error(UsageError.Kind)
    }

    /// `arguments` without the program name.
    static func parse(_ arguments: [String]) throws(UsageError) -> ParsedCommandLine {
        let tokens = tokenize(arguments)
        var subcommand: Subcommand?
        for case .operand(let word) in tokens {
            guard let found = Subcommand(name: word) else { throw UsageError(.unknownSubcommand(word), subcommand: nil) }
            subcommand = found
            break
        }
        let spec = subcommand.map(OptionTable.spec(for:))
        let lookup: (String) -> OptionSpec? = { spelling in
            spec?.option(spelled: spelling) ?? OptionTable.global.first { $0.isSpelled(spelling) }
        }
        // Help wins over everything but an unknown subcommand, so `CMD --bogus --help` still helps.
        for case .option(let spelling, _) in tokens where lookup(spelling)?.name == .help {
            return .help(subcommand)
        }

        var values: [OptionName: [String]] = [:]
        var counts: [OptionName: Int] = [:]
        var warnings: [String] = []
        var operands: [String] = []
        var passedSubcommandWord = false
        for token in tokens {
            switch token {
            case .error(let kind):
                throw UsageError(kind, subcommand: subcommand)
            case .operand(let word):
                if passedSubcommandWord { operands.append(word) } else { passedSubcommandWord = true }
            case .option(let spelling, let value):
                guard let option = lookup(spelling) else {
                    // Without a subcommand the option cannot be judged; "no command given" says more.
                    if subcommand == nil { continue }
                    throw UsageError(.unknownOption(spelling), subcommand: subcommand)
                }
                if let deprecated = option.deprecatedShort, spelling == "-" + String(deprecated) {
                    let warning = "use of deprecated flag '\(spelling)'; use '\(option.displayName)' instead"
                    if !warnings.contains(warning) { warnings.append(warning) }
                }
                counts[option.name, default: 0] += 1
                guard let value else { continue }
                if counts[option.name, default: 0] > 1 && !option.repeatable {
                    throw UsageError(.repeated(option: option.displayName), subcommand: subcommand)
                }
                values[option.name, default: []] += try items(of: value, for: option, spelling: spelling, in: subcommand)
            }
        }
        if counts[.version] != nil { return .version }
        guard let subcommand, let spec else { throw UsageError(.noSubcommand, subcommand: nil) }

        switch subcommand {
        case .help:
            guard let word = operands.first else { return .help(nil) }
            if operands.count > 1 { throw UsageError(.unexpectedArgument(operands[1]), subcommand: .help) }
            guard let topic = Subcommand(name: word) else { throw UsageError(.unknownSubcommand(word), subcommand: .help) }
            return .help(topic)
        case .version:
            if let extra = operands.first { throw UsageError(.unexpectedArgument(extra), subcommand: .version) }
            return .version
        case .command(let command):
            try assign(operands, of: spec, to: &values)
            try checkRelations(OptionTable.globalRelations + spec.relations, of: spec) { name in
                values[name] != nil || counts[name] != nil
            }
            var defaults: [OptionName: String] = [:]
            for option in spec.options {
                if let defaultValue = option.value?.defaultValue { defaults[option.name] = defaultValue }
            }
            return .run(Invocation(
                command: command,
                verbosity: counts[.verbose, default: 0] - counts[.quiet, default: 0],
                positionals: operands, warnings: warnings,
                values: values, counts: counts, defaults: defaults))
        }
    }

    // MARK: - The loop

    /// An option of any subcommand (global ones first, then `likely`'s) spelled `spelling`, for
    /// reading options before the subcommand is known. A spelling takes a value, with the same
    /// placeholder, in every subcommand or in none (a test keeps it so), so which one is found
    /// does not matter. A scan, not a dictionary: building one from every spelling of every
    /// command on each run takes longer than all the lookups of a command line; and `likely`
    /// first, since building every command's table to find `--evidence` cost 0.15 ms a run.
    private static func anySubcommandOption(_ spelling: String, likely: CommandSpec?) -> OptionSpec? {
        OptionTable.global.first { $0.isSpelled(spelling) }
            ?? likely?.options.first { $0.isSpelled(spelling) }
            ?? OptionTable.commands.lazy.compactMap { $0.options.first { $0.isSpelled(spelling) } }.first
    }

    private static func tokenize(_ arguments: [String]) -> [Token] {
        // Usually the first word that is not an option names the subcommand.
        let likely = arguments.first { !$0.hasPrefix("-") }.flatMap(Subcommand.init(name:)).map(OptionTable.spec(for:))
        var tokens: [Token] = []
        var index = 0
        var optionsEnded = false
        // The next argument as an option's value: `-` is a value, other dash words are options.
        func nextValue() -> String? {
            guard index < arguments.count else { return nil }
            let word = arguments[index]
            guard word == "-" || !word.hasPrefix("-") else { return nil }
            index += 1
            return word
        }
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
                tokens.append(.operand(argument))
            } else if argument == "--" {
                optionsEnded = true
            } else if argument.hasPrefix("--") {
                let body = argument.dropFirst(2)
                let equals = body.firstIndex(of: "=")
                let spelling = "--" + String(body[..<(equals ?? body.endIndex)])
                let inline = equals.map { String(body[body.index(after: $0)...]) }
                guard let option = anySubcommandOption(spelling, likely: likely) else {
                    tokens.append(.error(.unknownOption(spelling)))
                    continue
                }
                if let valueSpec = option.value {
                    if let value = inline ?? nextValue() {
                        tokens.append(.option(spelling: spelling, value: value))
                    } else {
                        tokens.append(.error(.missingValue(option: spelling, valueName: valueSpec.name)))
                    }
                } else if inline != nil {
                    tokens.append(.error(.unexpectedValue(option: spelling)))
                } else {
                    tokens.append(.option(spelling: spelling, value: nil))
                }
            } else {
                // A bundle of short options; the first one that takes a value takes the rest.
                var rest = argument.dropFirst()
                while let letter = rest.first {
                    rest = rest.dropFirst()
                    let spelling = "-" + String(letter)
                    guard let option = anySubcommandOption(spelling, likely: likely) else {
                        tokens.append(.error(.unknownOption(spelling)))
                        break
                    }
                    guard let valueSpec = option.value else {
                        tokens.append(.option(spelling: spelling, value: nil))
                        continue
                    }
                    let attached = rest.isEmpty ? nil : String(rest.hasPrefix("=") ? rest.dropFirst() : rest)
                    if let value = attached ?? nextValue() {
                        tokens.append(.option(spelling: spelling, value: value))
                    } else {
                        tokens.append(.error(.missingValue(option: spelling, valueName: valueSpec.name)))
                    }
                    break
                }
            }
        }
        return tokens
    }

    // MARK: - Checks after the loop

    /// The value split into its comma items (for list options), each checked against the table.
    private static func items(of value: String, for option: OptionSpec, spelling: String,
                              in subcommand: Subcommand?) throws(UsageError) -> [String] {
        let items = option.commaSplit
            ? value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            : [value]
        for item in items {
            try check(item, for: option, spelling: spelling, in: subcommand)
        }
        return items
    }

    private static func check(_ item: String, for option: OptionSpec, spelling: String,
                              in subcommand: Subcommand?) throws(UsageError) {
        guard !item.isEmpty else { throw UsageError(.emptyValue(option: spelling), subcommand: subcommand) }
        guard let rule = option.value else { return }
        func invalid(_ expected: String) -> UsageError {
            UsageError(.invalidValue(option: spelling, value: item, expected: expected), subcommand: subcommand)
        }
        if let allowed = rule.allowed, !allowed.contains(item) {
            throw invalid("one of " + allowed.joined(separator: ", "))
        }
        if !rule.allowsStandardStream && item == "-" {
            throw invalid("a file name ('-' is not allowed: the key is a secret and lives in a real file)")
        }
        if let byteCount = rule.hexByteCount, HexValue.decode(item)?.count != byteCount {
            throw invalid("\(byteCount) bytes as \(2 * byteCount) hex digits")
        }
    }

    /// Puts the operands into their slots; an operand whose option was given leaves its slot to it.
    private static func assign(_ operands: [String], of spec: CommandSpec,
                               to values: inout [OptionName: [String]]) throws(UsageError) {
        var remaining = operands[...]
        for operand in spec.operands {
            if let option = operand.option, values[option] != nil { continue }
            if let option = operand.unlessGiven, values[option] != nil { continue }
            guard let word = remaining.popFirst() else {
                guard operand.required else { continue }
                let alternative = operand.option.map { " (or option '\(spec.displayName($0))')" } ?? ""
                throw UsageError(.missingRequired("argument \(operand.name)" + alternative), subcommand: spec.subcommand)
            }
            if let key = operand.key, let option = spec.option(key) {
                try check(word, for: option, spelling: operand.name, in: spec.subcommand)
            }
            if let key = operand.key { values[key] = [word] }
        }
        if let extra = remaining.first {
            throw UsageError(.unexpectedArgument(extra), subcommand: spec.subcommand)
        }
    }

    private static func checkRelations(_ relations: [CommandSpec.Relation], of spec: CommandSpec,
                                       given: (OptionName) -> Bool) throws(UsageError) {
        let name = spec.displayName
        for relation in relations {
            let kind: UsageError.Kind? = switch relation {
            case .required(let option):
                given(option) ? nil : .missingRequired("required option '\(name(option))'")
            case .exactlyOne(let first, let second):
                switch (given(first), given(second)) {
                case (true, true): .conflict(name(first), name(second))
                case (false, false): .missingOneOf(name(first), name(second))
                default: nil
                }
            case .requires(let option, let needed):
                given(option) && !given(needed) ? .requires(option: name(option), needs: name(needed)) : nil
            case .conflicts(let first, let second):
                given(first) && given(second) ? .conflict(name(first), name(second)) : nil
            case .requiredUnless(let option, let alternative):
                given(option) || given(alternative) ? nil : .missingRequired("required option '\(name(option))'")
            }
            if let kind { throw UsageError(kind, subcommand: spec.subcommand) }
        }
    }
}

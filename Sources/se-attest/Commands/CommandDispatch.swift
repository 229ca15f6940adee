import Foundation

/// Runs a parsed command and returns its exit status (a stub until the commands exist).
func runCommand(_ invocation: Invocation) -> Int32 {
    FileHandle.standardError.write(Data("error: \(invocation.command.rawValue) is not implemented yet\n".utf8))
    return 1
}

import SECore

extension SEHeader {
    /// The SE header in a header file or image at `path` (stdin for `-`).
    static func load(path: String, diagnostics: Diagnostics) throws(CLIError) -> SEHeader {
        do {
            let found: (header: SEHeader, location: SEHeaderLocation)
            if path == "-" {
                found = try SEHeader.locate(in: try InputFile.read(path, what: "SE header"))
            } else {
                found = try SEHeader.locate(in: try FileBytes(path: path, what: "SE header"))
            }
            if let warning = found.location.warning {
                diagnostics.warning("\(CLIError.quote(path)): \(warning)")
            }
            return found.header
        } catch let error as FormatError {
            throw CLIError(path: path, error.message)
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError(path: path, "\(error)")
        }
    }
}

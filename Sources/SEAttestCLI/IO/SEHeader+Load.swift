import SECore

extension SEHeader {
    /// The SE header in a header file or image at `path` (stdin for `-`).
    static func load(path: String, diagnostics: Diagnostics) throws(CLIError) -> SEHeader {
        do {
            let source: any RandomAccessBytes = path == "-"
                ? try InputFile.read(path, what: "SE header")
                : try FileBytes(path: path, what: "SE header")
            diagnostics.debugRead("SE header or image", path: path, size: source.count)
            let found = try SEHeader.locate(in: source)
            if let warning = found.location.warning {
                diagnostics.warning("\(CLIError.quote(path)): \(warning)")
            }
            diagnostics.debug("SE header in \(CLIError.quote(path)) at offset 0x\(String(found.location.offset, radix: 16)): "
                              + "0x\(String(found.header.size, radix: 16)) bytes, control flags 0x\(String(found.header.controlFlags, radix: 16))")
            diagnostics.debugKeySlots(found.header.keySlots, of: "the SE header")
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

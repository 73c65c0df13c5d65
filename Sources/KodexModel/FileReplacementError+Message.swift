import KodexSupport

extension FileReplacementError {
    /// Why a file the user named could not be written, in `locale`: the same words for every
    /// command that writes one (`kodex report --out`, the quiz commands).
    public func message(in locale: Manifest.Locale) -> String {
        let hu = locale == .hu
        switch self {
        case .symbolicLink(let path):
            return hu ? "`\(path)` szimbolikus link; a Kodex nem ír linken át" : "`\(path)` is a symbolic link; Kodex does not write through links"
        case .notARegularFile(let path):
            return hu ? "`\(path)` nem közönséges fájl" : "`\(path)` is not a regular file"
        case .changedMeanwhile(let path):
            return hu ? "`\(path)` megváltozott, amíg a Kodex dolgozott; futtassa újra" : "`\(path)` changed while Kodex worked; run it again"
        case .system(let path, let why):
            return hu ? "`\(path)` nem írható: \(why)" : "cannot write `\(path)`: \(why)"
        }
    }
}

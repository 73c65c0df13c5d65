import KodexModel

/// What `kodex build` says, in the codex's language.
public enum BuildText {
    /// A step of the build, as its progress line and its failures name it.
    /// The progress line of reading the earlier version a build compares with.
    public static func comparing(_ revision: String, _ locale: Manifest.Locale) -> String {
        locale == .hu ? "összevetés ezzel a változattal: \(revision)" : "compare with \(revision)"
    }

    public enum Step: Sendable {
        case checkOutputFolder, checkCodex, loadTemplates, renderHandbook, printPDF, writeFiles

        /// The step's name, lowercase.
        public func name(in locale: Manifest.Locale) -> String {
            let hu = locale == .hu
            switch self {
            case .checkOutputFolder: return hu ? "a kimeneti mappa ellenőrzése" : "check the output folder"
            case .checkCodex: return hu ? "a kódex ellenőrzése" : "check codex"
            case .loadTemplates: return hu ? "az oldalsablonok betöltése" : "load templates"
            case .renderHandbook: return hu ? "a kézikönyv előállítása" : "render handbook"
            case .printPDF: return hu ? "a PDF nyomtatása" : "print PDF"
            case .writeFiles: return hu ? "a fájlok kiírása" : "write files"
            }
        }
    }

    static func reading(_ directory: String, _ locale: Manifest.Locale) -> String {
        locale == .hu ? "a kódex beolvasása: `\(directory)`" : "read codex `\(directory)`"
    }

    static func printing(with chromium: String, _ locale: Manifest.Locale) -> String {
        locale == .hu ? "a pdf/handbook.pdf nyomtatása ezzel: `\(chromium)`" : "print pdf/handbook.pdf with `\(chromium)`"
    }

    static func writing(_ count: Int, to directory: String, _ locale: Manifest.Locale) -> String {
        locale == .hu ? "\(count) fájl kiírása ide: `\(directory)`" : "write \(count) files to `\(directory)`"
    }

    static func unresolvedName(_ place: String, _ locale: Manifest.Locale) -> String {
        locale == .hu
            ? "figyelmeztetés: \(place) a kézikönyv adataiban semmit sem jelöl, ezért üresen jelenik meg"
            : "warning: \(place) names nothing the handbook's data holds, and renders empty"
    }

    /// The last line of a build that wrote its files.
    public static func summary(_ summary: WriteSummary, in directory: String, _ locale: Manifest.Locale) -> String {
        locale == .hu
            ? "`\(directory)`: \(summary.written) fájl kiírva, \(summary.unchanged) változatlan, \(summary.removed) törölve"
            : "wrote \(summary.written) files, \(summary.unchanged) unchanged, \(summary.removed) removed in `\(directory)`"
    }

    /// The note after a build of a codex with warnings.
    public static func warnings(_ count: Int, _ locale: Manifest.Locale) -> String {
        locale == .hu
            ? "megjegyzés: a kódexben \(count) figyelmeztetés van; a `kodex check` megmutatja őket"
            : "note: the codex has \(count) warnings; `kodex check` shows them"
    }

    /// Why nothing was written for a codex with errors.
    public static func refused(_ locale: Manifest.Locale) -> String {
        locale == .hu ? "a kódexben hibák vannak; semmi sem íródott ki" : "the codex has errors; nothing was written"
    }
}

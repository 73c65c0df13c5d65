import KodexYAML

/// Collects what goes wrong while the YAML trees are turned into the model.
final class DecodeContext {
    private(set) var diagnostics: [Diagnostic] = []
    /// Keys that are near misses of a field their mapping lacks.
    var mistypedKeys: [MistypedKey] = []
    let maxTextLength: Int
    /// The codex's language, which help examples follow.
    let locale: Manifest.Locale

    init(maxTextLength: Int, locale: Manifest.Locale = .en) {
        self.maxTextLength = maxTextLength
        self.locale = locale
    }

    func report(_ rule: String, _ message: String, at span: SourceSpan?,
                notes: [Diagnostic.Note] = [], help: [String] = []) {
        diagnostics.append(Diagnostic(rule: rule, message: message, span: span, notes: notes, help: help))
    }

    func wrongType(_ what: String, expected: String, found node: YAMLNode, help: [String] = []) {
        report(CheckID.wrongType, "\(what) must be \(expected), found \(node.kindName)", at: node.span, help: help)
    }
}

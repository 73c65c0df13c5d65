import KodexModel

/// Reports situation kinds of the method that the codex does not cover.
struct RequiredKindMissingCheck: ValidationCheck {
    let description = CheckDescription(
        id: "required-kind-missing", code: "K201", name: "Required kind missing", category: .method,
        defaultSeverity: .error,
        summary: "no situation covers a situation kind the codex must cover",
        explanation: """
            The method starts by listing the encounters in which staff meet customers. By default a \
            codex covers all six: a customer enquiring about a product or service (`enquiry`), one \
            seeking a solution to a concrete problem (`problem`), a complaining customer \
            (`complaint`), one asking for information (`information`), acquisition of new customers \
            (`acquisition`) and follow-up after a sale (`follow-up`). `validation.required_kinds` \
            in `codex.yaml` narrows the list.
            """,
        triggering: [CheckExample(files: [
            ("codex.yaml", CheckExample.baseManifest.replacingOccurrences("required_kinds: []", with: "required_kinds: [enquiry, complaint]")),
            ("content.yaml", CheckExample.clean.files[0].content),
        ])],
        passing: [.clean, CheckExample(files: [
            ("codex.yaml", CheckExample.baseManifest.replacingOccurrences("required_kinds: []", with: "required_kinds: [enquiry]")),
            ("content.yaml", CheckExample.clean.files[0].content),
        ])])

    func check(_ context: CheckContext) {
        // A situation whose kind is missing or invalid was probably meant to cover the
        // missing kind; its own finding says what is wrong.
        guard context.codex.situations.allSatisfy({ $0.knownKind != nil }) else { return }
        let covered = Set(context.codex.situations.compactMap(\.kind?.value))
        for kind in context.codex.manifest.requiredKinds where !covered.contains(kind.value) {
            if kind.span.isWholeFile {
                // No `required_kinds` in the manifest: the method's six kinds apply.
                context.report("no situation of kind `\(kind.value)`", at: kind.span,
                               notes: [Diagnostic.Note("by default a codex covers all six situation kinds of the method")],
                               help: ["add a situation with `kind: \(kind.value)`, or list the kinds this codex covers under `validation: {required_kinds: [...]}` in `codex.yaml`"],
                               dependsOn: [kind.value])
            } else {
                context.report("no situation of kind `\(kind.value)`", at: kind.span,
                               notes: [Diagnostic.Note("the codex must cover every kind in `validation.required_kinds`")],
                               help: ["add a situation with `kind: \(kind.value)`, or remove the kind from `validation.required_kinds`"],
                               dependsOn: [kind.value])
            }
        }
    }
}

extension String {
    /// The string with every `target` replaced, without Foundation.
    func replacingOccurrences(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

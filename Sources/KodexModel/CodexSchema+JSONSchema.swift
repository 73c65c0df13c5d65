import KodexSupport

extension CodexSchema {
    /// The format as a JSON Schema (draft-07), for editors running the YAML language server.
    ///
    /// One schema serves every codex file: a file with a `kodex` key is checked as the
    /// manifest, any other as a content file. Text fields also accept what YAML would
    /// read as a number or flag, because Kodex keeps such scalars as the text written.
    public static var jsonSchema: JSONValue { jsonSchema(checkIDs: []) }

    /// The schema, with `checkIDs` (each check's id and code) as the only keys `silence`
    /// and `validation.severity` accept and the only items of `validation.disable`, so
    /// that an editor completes them and flags a misspelt one as `kodex check` does.
    public static func jsonSchema(checkIDs: [String]) -> JSONValue {
        var definitions: [(String, JSONValue)] = []
        for object in all {
            definitions.append((definitionName(object.name), objectSchema(object, checkIDs: checkIDs)))
        }
        return .object([
            ("$schema", .string("http://json-schema.org/draft-07/schema#")),
            ("$id", .string("https://kodex.invalid/schema/codex-1.json")),
            ("title", .string("Kodex codex file")),
            ("description", .string("A file of a Kodex sales and customer-handling codex: `codex.yaml` or a content file.")),
            ("if", .object([("type", .string("object")), ("required", .array([.string("kodex")]))])),
            ("then", .object([("$ref", .string("#/definitions/manifest"))])),
            ("else", .object([("$ref", .string("#/definitions/content-file"))])),
            ("definitions", .object(definitions)),
        ])
    }

    private static func definitionName(_ name: String) -> String {
        name.split(separator: " ").joined(separator: "-")
    }

    private static func objectSchema(_ object: Object, checkIDs: [String]) -> JSONValue {
        let properties = object.fields.map { field -> (String, JSONValue) in
            var schema = typeSchema(field.type)
            if case .object(var pairs) = schema {
                pairs.insert(("description", .string(field.summary)), at: 0)
                pairs += refinements(of: field, in: object, checkIDs: checkIDs)
                schema = .object(pairs)
            }
            return (field.name, schema)
        }
        var pairs: [(String, JSONValue)] = [
            ("type", .string("object")),
            ("description", .string(object.summary)),
            ("properties", .object(properties)),
        ]
        let required = object.fields.filter(\.required).map { JSONValue.string($0.name) }
        if !required.isEmpty { pairs.append(("required", .array(required))) }
        pairs.append(("additionalProperties", .bool(false)))
        return .object(pairs)
    }

    /// What `kodex check` demands of a field beyond its type, where JSON Schema can say it,
    /// and the defaults and examples an editor offers.
    private static func refinements(of field: Field, in object: Object, checkIDs: [String]) -> [(String, JSONValue)] {
        var pairs: [(String, JSONValue)] = []
        let checkNames = JSONValue.object([("enum", .array(checkIDs.map { .string($0) }))])
        switch (object.name, field.name) {
        case ("manifest", "kodex"):
            pairs.append(("const", .integer(1)))
        case ("manifest", "include"):
            pairs.append(("default", .array([.string("**/*.yaml"), .string("**/*.yml")])))
        case ("rule", "kind"):
            pairs.append(("default", .string("do")))
        case ("action", "optional"):
            pairs.append(("default", .bool(false)))
        case ("validation", "required_kinds"):
            pairs.append(("default", .array(SituationKind.standard.map { .string($0.rawValue) })))
        case (_, "silence") where !checkIDs.isEmpty, ("validation", "severity") where !checkIDs.isEmpty:
            pairs.append(("propertyNames", checkNames))
        case ("validation", "disable") where !checkIDs.isEmpty:
            pairs = [("items", checkNames)]
        default:
            break
        }
        if field.required {
            switch field.type {
            case .text, .markdown, .reference:
                // Blank text counts as missing.
                pairs.append(("pattern", .string("\\S")))
            case .list:
                if field.checkedBy == nil { pairs.append(("minItems", .integer(1))) }
            default:
                break
            }
        }
        if case .identifier = field.type {
            pairs.append(("examples", .array([.string("panaszos-ugyfel"), .string("greet")])))
        }
        if case .duration = field.type {
            pairs.append(("examples", .array([.string("20 mp"), .string("1,5 óra"), .string("3 munkanap"), .string("20 s")])))
        }
        return pairs
    }

    private static let scalarTypes = JSONValue.array([.string("string"), .string("number"), .string("boolean")])

    /// Clock units, and working days, which stand alone (see ``TimeTarget/duration(in:)``).
    static let durationPattern = #"^\s*(?:[0-9]+\s*(?:munkanap|working days?|business days?)|(?:[0-9]+(?:[.,][0-9]+)?\s*(?:s|sec|seconds?|mp|másodperc|m|min|minutes?|perc|h|hours?|ó|óra|d|days?|nap)\s*)+)\s*$"#

    /// An id: no white space, and no ASCII punctuation but `-`, `_` and `.` (not first);
    /// letters and digits of any script, as `kodex check` accepts them.
    static let identifierPattern = #"^[^\s!-/:-@\[-`{-~][^\s!-,/:-@\[-^`{-~]*$"#

    private static func typeSchema(_ type: FieldType) -> JSONValue {
        switch type {
        case .text, .markdown:
            return .object([("type", scalarTypes)])
        case .identifier:
            return .object([("type", .array([.string("string"), .string("number")])), ("pattern", .string(identifierPattern))])
        case .reference:
            return .object([("type", .array([.string("string"), .string("number")]))])
        case .duration:
            return .object([
                ("type", .string("string")),
                ("pattern", .string(durationPattern)),
            ])
        case .integer:
            return .object([("type", .string("integer")), ("minimum", .integer(0))])
        case .boolean:
            return .object([("type", .string("boolean"))])
        case .choice(let options):
            return .object([("enum", .array(options.map { .string($0) }))])
        case .list(let element):
            return .object([("type", .string("array")), ("items", typeSchema(element))])
        case .object(let name):
            return .object([("$ref", .string("#/definitions/\(definitionName(name))"))])
        case .map(_, let value):
            return .object([("type", .string("object")), ("additionalProperties", typeSchema(value))])
        case .oneOf(let types):
            return .object([("anyOf", .array(types.map(typeSchema)))])
        }
    }
}

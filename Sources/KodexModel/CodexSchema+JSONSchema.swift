extension CodexSchema {
    /// The format as a JSON Schema (draft-07), for editors running the YAML language server.
    ///
    /// One schema serves every codex file: a file with a `kodex` key is checked as the
    /// manifest, any other as a content file. Text fields also accept what YAML would
    /// read as a number or flag, because Kodex keeps such scalars as the text written.
    public static var jsonSchema: JSONValue {
        var definitions: [(String, JSONValue)] = []
        for object in all {
            definitions.append((definitionName(object.name), objectSchema(object)))
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

    private static func objectSchema(_ object: Object) -> JSONValue {
        let properties = object.fields.map { field -> (String, JSONValue) in
            var schema = typeSchema(field.type)
            if case .object(var pairs) = schema {
                pairs.insert(("description", .string(field.summary)), at: 0)
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

    private static let scalarTypes = JSONValue.array([.string("string"), .string("number"), .string("boolean")])

    private static func typeSchema(_ type: FieldType) -> JSONValue {
        switch type {
        case .text, .markdown:
            return .object([("type", scalarTypes)])
        case .identifier, .reference:
            return .object([("type", .array([.string("string"), .string("number")]))])
        case .duration:
            return .object([
                ("type", .string("string")),
                ("pattern", .string("^\\s*[0-9]+\\s*(s|sec|seconds?|mp|másodperc|m|min|minutes?|perc|h|hours?|ó|óra|d|days?|nap)\\s*$")),
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

import Foundation
import KodexModel
import KodexPublishing
import KodexSupport
import Testing
import TestSupport

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// Loads a codex folder that must read without failure.
func loadCodex(_ path: String) throws -> Codex {
    try CodexLoader().load(directory: path).codex
}

/// Renders a codex with the built-in templates.
func render(_ path: String, _ formats: Set<Handbook.Format> = [.markdown, .html], singleFile: Bool = false) throws -> [OutputFile] {
    try Handbook(codex: try loadCodex(path), templates: PageTemplateSet()).render(formats, singleFile: singleFile)
}

extension OutputFile {
    var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Runs a program found on the path and returns its exit status and combined output.
func runProgram(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let result = try runProcess("/usr/bin/env", [executable] + arguments)
    return (result.status, result.stdout + result.stderr)
}

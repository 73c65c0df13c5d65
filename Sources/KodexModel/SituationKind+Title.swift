extension SituationKind {
    /// The kind's name as the method words it, in the codex's language.
    public func title(in locale: Manifest.Locale) -> String {
        switch (self, locale) {
        case (.enquiry, .hu): return "Érdeklődő ügyfél"
        case (.problem, .hu): return "Konkrét problémára megoldást kereső ügyfél"
        case (.complaint, .hu): return "Panaszos ügyfél"
        case (.information, .hu): return "Információt kérő ügyfél"
        case (.acquisition, .hu): return "Akvizíció"
        case (.followUp, .hu): return "Értékesítés utókövetése"
        case (.custom, .hu): return "Egyedi helyzet"
        case (.enquiry, .en): return "Customer enquiring about a product or service"
        case (.problem, .en): return "Customer seeking a solution to a concrete problem"
        case (.complaint, .en): return "Complaining customer"
        case (.information, .en): return "Customer asking for information"
        case (.acquisition, .en): return "Acquisition of new customers"
        case (.followUp, .en): return "Follow-up after a sale"
        case (.custom, .en): return "Custom situation"
        }
    }
}
